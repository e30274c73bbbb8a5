package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One job as the Local IoT Core stores it (serialised to JSON in the {@code jobs_jobs} table). Times are epoch
 * milliseconds. Mutable; only touched by {@link JobsService} under its lock.
 */
final class Job {
    public String jobId;
    public String jobArn;
    public String description;
    public String document;
    public List<String> targets = new ArrayList<>();
    public String targetSelection = "SNAPSHOT";
    public String status = "IN_PROGRESS";
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
}
