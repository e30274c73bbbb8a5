package io.iotworkbench.cert;

/** A certificate or key file could not be used; the message says what was wrong and what to do. */
public class CertificateFileException extends Exception {

    public CertificateFileException(String message) {
        super(message);
    }

    public CertificateFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
