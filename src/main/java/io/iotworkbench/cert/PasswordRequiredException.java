package io.iotworkbench.cert;

/** The key file is encrypted and needs a password; the UI asks for one and tries again. Immutable. */
public class PasswordRequiredException extends CertificateFileException {

    public PasswordRequiredException(String message) {
        super(message);
    }

    public PasswordRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
