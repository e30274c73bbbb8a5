package io.iotworkbench.serial.flash;

/**
 * One step of a flash for the progress display: the phase, the file being sent, bytes acknowledged out of all bytes
 * to send, and a sentence.
 *
 * <p>Immutable; safe from any thread.
 */
public record FlashProgress(Phase phase, String file, long bytesDone, long bytesTotal, String message) {

    /** The steps of a flash, in order. */
    public enum Phase { ENTERING_DOWNLOAD_MODE, ERASING, SWITCHING_BAUD_RATE, SENDING, VERIFYING, REBOOTING, DONE }

    /** Bytes done as a fraction of the total, 0 to 1. */
    public double fraction() {
        return bytesTotal == 0 ? 0 : (double) bytesDone / bytesTotal;
    }
}
