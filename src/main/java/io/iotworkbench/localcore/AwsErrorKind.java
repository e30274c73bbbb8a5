package io.iotworkbench.localcore;

/**
 * The AWS error types the Local IoT Core answers with: the exception name the AWS SDK maps to its exception class
 * (sent as {@code x-amzn-ErrorType} and {@code __type}) and the HTTP status the service model gives it. The names and
 * statuses are those of the AWS IoT control-plane model (aws-iot-core.md §5) and of AWS's common SigV4 errors;
 * {@link #UNKNOWN_OPERATION} is the Local IoT Core's own answer to a method and path no operation has. Immutable.
 */
public enum AwsErrorKind {
    INVALID_REQUEST("InvalidRequestException", 400),
    CERTIFICATE_VALIDATION("CertificateValidationException", 400),
    /** A SigV4 Authorization header that lacks a part (AWS's common error). */
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
    MALFORMED_POLICY("MalformedPolicyException", 400),
    THROTTLING("ThrottlingException", 400),
    UNAUTHORIZED("UnauthorizedException", 401),
    /** No SigV4 signature at all (AWS answers "Missing Authentication Token"). */
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403),
    /** An access key id the service does not know. */
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403),
    /** A signature that does not verify, or is too old or too new. */
    INVALID_SIGNATURE("InvalidSignatureException", 403),
    /** The iot-data plane's refusal of an authenticated principal. */
    FORBIDDEN("ForbiddenException", 403),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    UNKNOWN_OPERATION("UnknownOperationException", 404),
    CERTIFICATE_STATE("CertificateStateException", 406),
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", 409),
    VERSION_CONFLICT("VersionConflictException", 409),
    INVALID_STATE_TRANSITION("InvalidStateTransitionException", 409),
    DELETE_CONFLICT("DeleteConflictException", 409),
    VERSIONS_LIMIT_EXCEEDED("VersionsLimitExceededException", 409),
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
