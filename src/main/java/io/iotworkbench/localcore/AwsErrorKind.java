package io.iotworkbench.localcore;

/**
 * The AWS error types the Local IoT Core answers with: the exception name the AWS SDK maps to its exception class
 * (sent as {@code x-amzn-ErrorType} and {@code __type}) and the HTTP status the service model gives it. The names and
 * statuses are those of the AWS IoT control-plane model (aws-iot-core.md §5); {@link #UNKNOWN_OPERATION} is the Local
 * IoT Core's own answer to a method and path no operation has. Immutable.
 */
public enum AwsErrorKind {
    INVALID_REQUEST("InvalidRequestException", 400),
    CERTIFICATE_VALIDATION("CertificateValidationException", 400),
    MALFORMED_POLICY("MalformedPolicyException", 400),
    THROTTLING("ThrottlingException", 400),
    UNAUTHORIZED("UnauthorizedException", 401),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    UNKNOWN_OPERATION("UnknownOperationException", 404),
    CERTIFICATE_STATE("CertificateStateException", 406),
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", 409),
    VERSION_CONFLICT("VersionConflictException", 409),
    INVALID_STATE_TRANSITION("InvalidStateTransitionException", 409),
    DELETE_CONFLICT("DeleteConflictException", 409),
    LIMIT_EXCEEDED("LimitExceededException", 410),
    INTERNAL_FAILURE("InternalFailureException", 500),
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503);

    private final String exceptionName;
    private final int httpStatus;

    AwsErrorKind(String exceptionName, int httpStatus) {
        this.exceptionName = exceptionName;
        this.httpStatus = httpStatus;
    }

    public String exceptionName() {
        return exceptionName;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
