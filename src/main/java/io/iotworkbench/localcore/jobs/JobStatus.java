package io.iotworkbench.localcore.jobs;

/**
 * The status of a job (not of its executions), as the control plane reports it: IN_PROGRESS while executions may
 * still run, CANCELED after CancelJob, COMPLETED when a snapshot job's executions are all terminal, and
 * DELETION_IN_PROGRESS, which only the {@code deleted} event carries (the job is gone from the service then).
 * Immutable.
 */
public enum JobStatus {
    IN_PROGRESS, CANCELED, COMPLETED, DELETION_IN_PROGRESS;

    /** The status for a ListJobs filter, or null for none; IllegalArgumentException names the wrong value. */
    static JobStatus filter(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The status '" + value + "' is not a job status.", e);
        }
    }
}
