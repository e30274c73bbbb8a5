package io.iotworkbench.localcore.registry;

import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;

/** A registry operation refused the way AWS IoT refuses it: the AWS error kind and a message naming the resource. */
public final class RegistryException extends AwsServiceException {

    private static final long serialVersionUID = 1L;

    public RegistryException(AwsErrorKind kind, String message) {
        super(kind, message);
    }

    public RegistryException(AwsErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
