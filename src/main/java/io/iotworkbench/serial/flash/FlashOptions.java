package io.iotworkbench.serial.flash;

import io.iotworkbench.serial.DownloadModeEntry;

/**
 * How to flash: the download baud rate (2,000,000 by default, falling back to 115200 when the adapter refuses it or
 * the ROM does not answer at it; 115200 means no switch), whether to erase the flash first, whether to reboot the
 * board at the end, whether to reset it into download mode (false when the user already holds it there), and the
 * timing of the download-mode entry and of XMODEM.
 *
 * <p>Immutable; safe from any thread.
 */
public record FlashOptions(int baudRate, boolean erase, boolean reboot, boolean resetIntoDownloadMode,
                           DownloadModeEntry.Options entry, XmodemSender.Options xmodem) {

    public static final FlashOptions DEFAULT = new FlashOptions(RomCommand.MAX_BAUD_RATE, false, true, true,
            DownloadModeEntry.Options.DEFAULT, XmodemSender.Options.DEFAULT);

    public FlashOptions {
        if (baudRate <= 0 || baudRate > RomCommand.MAX_BAUD_RATE) {
            throw new IllegalArgumentException("the ROM takes baud rates up to 2,000,000, not " + baudRate);
        }
    }

    public FlashOptions withBaudRate(int rate) {
        return new FlashOptions(rate, erase, reboot, resetIntoDownloadMode, entry, xmodem);
    }

    public FlashOptions withErase(boolean eraseFirst) {
        return new FlashOptions(baudRate, eraseFirst, reboot, resetIntoDownloadMode, entry, xmodem);
    }

    public FlashOptions withReboot(boolean rebootAtEnd) {
        return new FlashOptions(baudRate, erase, rebootAtEnd, resetIntoDownloadMode, entry, xmodem);
    }

    public FlashOptions withEntry(DownloadModeEntry.Options entryOptions) {
        return new FlashOptions(baudRate, erase, reboot, resetIntoDownloadMode, entryOptions, xmodem);
    }
}
