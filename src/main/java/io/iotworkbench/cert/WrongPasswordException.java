package io.iotworkbench.cert;

/**
 * The password given for an encrypted key does not decrypt it. A {@link PasswordRequiredException}, so a caller that
 * asks for the password again handles both cases alike. Immutable.
 */
public final class WrongPasswordException extends PasswordRequiredException {

    public WrongPasswordException(String message, Throwable cause) {
        super(message, cause);
    }
}
