package io.iotworkbench.cert;

/** The WM SDK export was refused before anything was written; the message says why and what to do. Immutable. */
public final class WmSdkExportException extends Exception {

    public WmSdkExportException(String message) {
        super(message);
    }
}
