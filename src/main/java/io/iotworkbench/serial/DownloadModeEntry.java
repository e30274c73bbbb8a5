package io.iotworkbench.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Puts a WM board into its ROM's download mode the way the SDK's {@code flash.py} does (wm-board.md §5), and
 * synchronises on the ROM's stream of {@code C}s:
 * <ol>
 *   <li>up to {@code resetRounds} rounds of: RTS/DTR pulse (DTR=0 RTS=1, 10 ms; DTR=1 RTS=0, 10 ms; DTR=0), ESC bytes
 *       for 20 ms, {@code AT+RST\r\n} twice (AT firmware) and ESC for 20 ms, {@code reboot\r\n} (the CLI) and ESC for
 *       50 ms. The ESC bytes arriving while the bootloader starts are what sends it into download mode. Rounds stop as
 *       soon as the ROM is heard;</li>
 *   <li>sync: read with short timeouts, send ESC whenever the line is quiet, succeed after {@code syncCount}
 *       consecutive {@code C}s, give up after {@code syncTimeout}.</li>
 * </ol>
 * All waiting is done by blocking reads with timeouts on the channel, which also collect the ROM's answer.
 *
 * <p>Not thread-safe: runs on the caller's thread, which owns the channel meanwhile.
 */
public final class DownloadModeEntry {

    /** How hard to try. {@link #DEFAULT}: 10 reset rounds, 60 s of sync, 5 {@code C}s, as {@code flash.py}. */
    public record Options(int resetRounds, Duration syncTimeout, int syncCount) {
        public static final Options DEFAULT = new Options(10, Duration.ofSeconds(60), 5);
    }

    private static final byte ESC = 0x1B;
    private static final Duration STEP = Duration.ofMillis(10);
    private static final int HEARD_ROM = 3;
    private static final byte[] AT_RESET = "AT+RST\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLI_REBOOT = "reboot\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SerialChannel channel;
    private final BooleanSupplier cancelled;
    private final byte[] buffer = new byte[512];
    private int consecutiveC;

    private DownloadModeEntry(SerialChannel channel, BooleanSupplier cancelled) {
        this.channel = channel;
        this.cancelled = cancelled;
    }

    /** Resets the board into download mode and syncs; true when the ROM answered. */
    public static boolean enter(SerialChannel channel, Options options, BooleanSupplier cancelled,
                                Consumer<String> progress) throws IOException {
        DownloadModeEntry entry = new DownloadModeEntry(channel, cancelled);
        progress.accept("resetting " + channel.name() + " into download mode");
        for (int round = 1; round <= options.resetRounds() && entry.consecutiveC < HEARD_ROM; round++) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            entry.resetRound();
        }
        progress.accept("waiting for the ROM (press RESET, or hold BOOT while plugging in, if this takes long)");
        return entry.sync(options.syncCount(), options.syncTimeout());
    }

    /** Syncs on a ROM that is already in download mode: ESC when quiet, until {@code count} consecutive {@code C}s. */
    public static boolean sync(SerialChannel channel, int count, Duration timeout, BooleanSupplier cancelled)
            throws IOException {
        return new DownloadModeEntry(channel, cancelled).sync(count, timeout);
    }

    private void resetRound() throws IOException {
        channel.setControlLines(false, true);
        listen(STEP);
        channel.setControlLines(true, false);
        listen(STEP);
        channel.setControlLines(false, false);
        escapeFor(20);
        channel.write(AT_RESET);
        channel.write(AT_RESET);
        escapeFor(20);
        channel.write(CLI_REBOOT);
        escapeFor(50);
    }

    private boolean sync(int count, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consecutiveC < count) {
            if (cancelled.getAsBoolean() || System.nanoTime() > deadline) {
                return false;
            }
            int n = listenOnce(STEP);
            if (n < 0) {
                throw new IOException(channel.name() + " closed while waiting for the ROM");
            }
            if (n == 0) {
                escapeFor(30);
            }
        }
        return true;
    }

    private void escapeFor(int millis) throws IOException {
        for (int i = 0; i < millis / STEP.toMillis(); i++) {
            channel.write(new byte[] {ESC});
            listen(STEP);
        }
    }

    /** Reads (and counts {@code C}s) until {@code duration} has passed. */
    private void listen(Duration duration) throws IOException {
        long deadline = System.nanoTime() + duration.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (listenOnce(Duration.ofNanos(left)) < 0) {
                throw new IOException(channel.name() + " closed while resetting the board");
            }
        }
    }

    private int listenOnce(Duration timeout) throws IOException {
        int n = channel.read(buffer, 0, buffer.length, timeout);
        for (int i = 0; i < n; i++) {
            consecutiveC = buffer[i] == 'C' ? consecutiveC + 1 : 0;
        }
        return n;
    }
}
