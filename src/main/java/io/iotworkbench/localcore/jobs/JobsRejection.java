package io.iotworkbench.localcore.jobs;

/**
 * A jobs MQTT request refused: the error code, a message, and for InvalidStateTransition and VersionMismatch the
 * execution's current state (null otherwise). Immutable.
 */
final class JobsRejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final JobsErrorCode code;
    private final transient JobExecution state;

    JobsRejection(JobsErrorCode code, String message) {
        this(code, message, null);
    }

    JobsRejection(JobsErrorCode code, String message, JobExecution state) {
        super(message);
        this.code = code;
        this.state = state;
    }

    JobsErrorCode code() {
        return code;
    }

    JobExecution state() {
        return state;
    }
}
