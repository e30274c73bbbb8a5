package io.iotworkbench.serial.flash;

/**
 * A firmware file that must not be sent to a board: not a WM image, damaged, truncated or with stray bytes. The
 * message says what is wrong, where, and the expected and found values; {@link #reason()} classifies it (the virtual
 * ROM maps it to the ROM's error letter).
 */
public final class InvalidImageException extends Exception {

    /** What is wrong with the file. */
    public enum Reason { EMPTY, TRUNCATED, BAD_MAGIC, HEADER_CRC, BODY_CRC, TRAILING_BYTES }

    private final Reason reason;

    public InvalidImageException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
