package io.iotworkbench.serial.flash;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a flash: the baud rate used, the files sent, bytes sent, blocks sent again, whether the ROM answered
 * the last file with {@code C} (it accepted the image) and how long it took.
 *
 * <p>Immutable; safe from any thread.
 */
public record FlashReport(int baudRate, List<String> files, long bytesSent, int retransmissions,
                          boolean romConfirmed, Duration elapsed) {

    public FlashReport {
        files = List.copyOf(files);
    }
}
