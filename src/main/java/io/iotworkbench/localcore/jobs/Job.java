package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One job as the Local IoT Core stores it (serialised to JSON in the {@code jobs_jobs} table). Times are epoch
 * milliseconds. Mutable; only touched under the {@link JobsState} lock, and only after
 * {@link JobsTransaction#edit(Job)} so that a failed commit can restore it.
 */
final class Job {
    public String jobId;
    public String jobArn;
    public String description;
    public String document;
    public List<String> targets = new ArrayList<>();
    public String targetSelection = "SNAPSHOT";
    public JobStatus status = JobStatus.IN_PROGRESS;
    public boolean forceCanceled;
    public String reasonCode;
    public String comment;
    public long createdAt;
    public long lastUpdatedAt;
    public Long completedAt;
    public Long inProgressTimeoutMinutes;
    public JsonNode presignedUrlConfig;

    boolean isContinuous() {
        return "CONTINUOUS".equals(targetSelection);
    }

    /** A deep copy, for the transaction's undo log. */
    Job copy() {
        Job j = new Job();
        j.jobId = jobId;
        j.jobArn = jobArn;
        j.description = description;
        j.document = document;
        j.targets = new ArrayList<>(targets);
        j.targetSelection = targetSelection;
        j.status = status;
        j.forceCanceled = forceCanceled;
        j.reasonCode = reasonCode;
        j.comment = comment;
        j.createdAt = createdAt;
        j.lastUpdatedAt = lastUpdatedAt;
        j.completedAt = completedAt;
        j.inProgressTimeoutMinutes = inProgressTimeoutMinutes;
        j.presignedUrlConfig = presignedUrlConfig == null ? null : presignedUrlConfig.deepCopy();
        return j;
    }
}
