package io.iotworkbench.serial.flash;

import java.io.IOException;

/** A flash that failed, with the step and the ROM's answer (if any) in plain words. */
public class FlashException extends IOException {

    public FlashException(String message) {
        super(message);
    }
}
