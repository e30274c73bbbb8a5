package io.iotworkbench.serial.flash;

/**
 * A firmware file that must not be sent to a board: not a WM image, damaged, truncated or with stray bytes. The
 * message says what is wrong, where, and the expected and found values.
 */
public final class InvalidImageException extends Exception {

    public InvalidImageException(String message) {
        super(message);
    }
}
