package io.iotworkbench.localcore.jobs;

/**
 * The nine error codes of a jobs MQTT rejected document (aws-iot-core.md §2.4), spelled as AWS sends them, and the
 * exception of the HTTPS data plane ({@code iot-jobs-data}) that stands for each: the model has no VersionMismatch or
 * InternalError exception, so those are answered as InvalidStateTransitionException (409, with the execution's state
 * as over MQTT) and ServiceUnavailableException (503). Immutable.
 */
public enum JobsErrorCode {
    InvalidTopic("InvalidRequestException", 400),
    InvalidJson("InvalidRequestException", 400),
    InvalidRequest("InvalidRequestException", 400),
    InvalidStateTransition("InvalidStateTransitionException", 409),
    ResourceNotFound("ResourceNotFoundException", 404),
    VersionMismatch("InvalidStateTransitionException", 409),
    InternalError("ServiceUnavailableException", 503),
    RequestThrottled("ThrottlingException", 429),
    TerminalStateReached("TerminalStateException", 410);

    private final String httpException;
    private final int httpStatus;

    JobsErrorCode(String httpException, int httpStatus) {
        this.httpException = httpException;
        this.httpStatus = httpStatus;
    }

    /** The {@code iot-jobs-data} exception name for this code. */
    public String httpException() {
        return httpException;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
