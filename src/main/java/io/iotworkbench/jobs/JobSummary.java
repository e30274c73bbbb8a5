package io.iotworkbench.jobs;

import java.time.Instant;
import java.util.Map;

/**
 * A job as the Jobs pane lists it: id, status, snapshot or continuous, when it was created, description, and how
 * many executions are in each status (QUEUED, IN_PROGRESS, SUCCEEDED, FAILED, TIMED_OUT, REJECTED, CANCELED,
 * REMOVED). Immutable.
 */
public record JobSummary(String jobId, String status, String targetSelection, Instant createdAt, String description,
                         Map<String, Integer> counts) {

    public JobSummary {
        counts = Map.copyOf(counts);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(String status) {
        return counts.getOrDefault(status, 0);
    }
}
