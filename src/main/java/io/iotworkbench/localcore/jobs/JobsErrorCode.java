package io.iotworkbench.localcore.jobs;

/** The nine error codes of a jobs MQTT rejected document (aws-iot-core.md §2.4), spelled as AWS sends them. */
public enum JobsErrorCode {
    InvalidTopic, InvalidJson, InvalidRequest, InvalidStateTransition, ResourceNotFound, VersionMismatch,
    InternalError, RequestThrottled, TerminalStateReached
}
