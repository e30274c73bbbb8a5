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
    /** The checked configs in AWS's shape ({@link JobRolloutConfig}, {@link JobAbortConfig}); null when none. */
    public JsonNode jobExecutionsRolloutConfig;
    public JsonNode abortConfig;
    /** Targets not notified yet (the rollout releases them, {@link JobRollouts}), in target order. */
    public List<String> rolloutPending = new ArrayList<>();
    /** The rollout's current minute: its start (epoch ms), things notified in it, its rate per minute (0: none). */
    public long rolloutWindowStart;
    public int rolloutNotifiedInWindow;
    public int rolloutRate;
    /** Notified and succeeded things at the rate's last increase (exponential rollouts). */
    public int rolloutNotifiedMark;
    public int rolloutSucceededMark;

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
        j.jobExecutionsRolloutConfig = jobExecutionsRolloutConfig == null ? null
                : jobExecutionsRolloutConfig.deepCopy();
        j.abortConfig = abortConfig == null ? null : abortConfig.deepCopy();
        j.rolloutPending = new ArrayList<>(rolloutPending);
        j.rolloutWindowStart = rolloutWindowStart;
        j.rolloutNotifiedInWindow = rolloutNotifiedInWindow;
        j.rolloutRate = rolloutRate;
        j.rolloutNotifiedMark = rolloutNotifiedMark;
        j.rolloutSucceededMark = rolloutSucceededMark;
        return j;
    }
}
