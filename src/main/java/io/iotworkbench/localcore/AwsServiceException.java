package io.iotworkbench.localcore;

/**
 * A failure the Local IoT Core reports to its caller the way AWS would: an {@link AwsErrorKind} and a message meant
 * for the developer reading the SDK exception. The REST server turns it into AWS's error response; the MQTT services
 * into their rejected documents. Immutable.
 */
public class AwsServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final AwsErrorKind kind;

    public AwsServiceException(AwsErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public AwsServiceException(AwsErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public AwsErrorKind kind() {
        return kind;
    }
}
