package io.iotworkbench.serial;

/**
 * What probing a port found: the evidence that a WM board is there (its CLI prompt, its boot lines, or its ROM waiting
 * for a download), the chip name from the prompt, the firmware version from a boot line, and a sentence for the user.
 *
 * <p>Immutable; safe from any thread.
 */
public record ProbeResult(Evidence evidence, String chip, String firmwareVersion, String detail) {

    public enum Evidence { CLI_PROMPT, BOOT_LINES, ROM_DOWNLOAD_MODE, NONE }

    public boolean isWmBoard() {
        return evidence != Evidence.NONE;
    }
}
