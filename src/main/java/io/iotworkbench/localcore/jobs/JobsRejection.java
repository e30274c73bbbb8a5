package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A device's jobs request refused: the error code, a message, and for InvalidStateTransition and VersionMismatch the
 * execution's state (JobExecutionState, rendered when refused; null otherwise). The MQTT API answers it as a rejected
 * document, the HTTPS data plane as the code's exception. Immutable.
 */
public final class JobsRejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final JobsErrorCode code;
    private final transient ObjectNode executionState;

    JobsRejection(JobsErrorCode code, String message) {
        this(code, message, null);
    }

    JobsRejection(JobsErrorCode code, String message, JobExecution state) {
        super(message);
        this.code = code;
        this.executionState = state == null ? null : JobsJson.state(state);
    }

    public JobsErrorCode code() {
        return code;
    }

    /** JobExecutionState for InvalidStateTransition and VersionMismatch, else null; a copy. */
    public ObjectNode executionState() {
        return executionState == null ? null : executionState.deepCopy();
    }
}
