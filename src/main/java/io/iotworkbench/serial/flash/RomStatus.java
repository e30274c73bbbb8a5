package io.iotworkbench.serial.flash;

import java.util.Optional;

/**
 * The single characters the WM ROM answers with (wm-board.md §5, {@code rom.rst}): {@code C} while it waits for an
 * XMODEM-CRC transfer, and letters for errors, each with its meaning in plain words.
 *
 * <p>Immutable; safe from any thread.
 */
public enum RomStatus {
    WAITING('C', "waiting for a download"),
    HOST_CANCELLED('D', "the host cancelled the transfer"),
    TIMEOUT('F', "the ROM timed out waiting for data"),
    BAD_PACKET_NUMBER('G', "bad XMODEM packet number"),
    IMAGE_TOO_LARGE('I', "the image is too large"),
    ILLEGAL_ADDRESS('J', "the image's address is not allowed"),
    NOT_PAGE_ALIGNED('K', "the image's address is not page-aligned"),
    HEADER_CRC_ERROR('L', "image header CRC error"),
    CONTENT_CRC_ERROR('M', "image content CRC error"),
    IMAGE_INCOMPLETE('P', "the image is incomplete or missing"),
    FLASH_ID_FAILED('N', "flash ID self-check failed"),
    WRONG_FIRMWARE_TYPE('Q', "wrong firmware type"),
    DECRYPT_ERROR('Y', "decryption error"),
    SIGNATURE_ERROR('Z', "signature error"),
    COMMAND_CHECK_ERROR('R', "command check (CRC) error"),
    BAD_PARAMETER('S', "bad command parameter"),
    FT_PARAMETER_ERROR('T', "factory-test parameter error"),
    GAIN_ERROR('U', "gain parameter error"),
    MAC_ERROR('V', "MAC address error");

    private final char code;
    private final String meaning;

    RomStatus(char code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public char code() {
        return code;
    }

    public static Optional<RomStatus> of(int b) {
        for (RomStatus s : values()) {
            if (s.code == b) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** E.g. {@code 'L' (image header CRC error)}. */
    public String describe() {
        return "'" + code + "' (" + meaning + ")";
    }
}
