package io.iotworkbench.localcore.jobs;

/**
 * The status of a job execution (aws-iot-core.md §2.3) and which ones are terminal. The transition rules live in
 * {@link JobExecution#refusal}. Immutable.
 */
public enum ExecutionStatus {
    QUEUED(false), IN_PROGRESS(false), SUCCEEDED(true), FAILED(true), TIMED_OUT(true), REJECTED(true),
    REMOVED(true), CANCELED(true);

    private final boolean terminal;

    ExecutionStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** The operation name AWS uses in {@code $aws/events/jobExecution/{jobId}/{operation}}. */
    public String eventOperation() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
