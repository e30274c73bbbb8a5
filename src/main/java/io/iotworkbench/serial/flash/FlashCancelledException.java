package io.iotworkbench.serial.flash;

/** The user cancelled the flash; the ROM was told with CAN where a transfer was running. */
public final class FlashCancelledException extends FlashException {

    public FlashCancelledException(String message) {
        super(message);
    }
}
