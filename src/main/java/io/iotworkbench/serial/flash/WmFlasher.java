package io.iotworkbench.serial.flash;

import io.iotworkbench.serial.DownloadModeEntry;
import io.iotworkbench.serial.SerialChannel;
import io.iotworkbench.serial.SerialSettings;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Flashes checked firmware files into a WM board over its ROM download protocol, following the SDK's {@code flash.py}
 * (wm-board.md §5):
 * <ol>
 *   <li>reset into download mode and sync on five {@code C}s ({@link DownloadModeEntry});</li>
 *   <li>optionally erase the flash (frame 0x32) and wait for five {@code C}s again;</li>
 *   <li>switch to the download baud rate: check the adapter accepts it, send frame 0x31 at 115200, switch the host,
 *       and require {@code C}s at the new rate; otherwise fall back to 115200 (resetting and syncing again when the
 *       ROM may have switched);</li>
 *   <li>send each file in its own XMODEM-1K session ({@link XmodemSender}), syncing on {@code C}s between files, and
 *       read the ROM's verdict after the last one ({@code C} accepted, a letter is a {@link RomStatus} error);</li>
 *   <li>reboot (frame 0x3F) unless told not to, and put the host back at 115200.</li>
 * </ol>
 * Files are checked when they are read ({@link FirmwareFile}), so nothing reaches the board unless every image is
 * valid. Progress goes to a listener; {@code cancelled} is checked between and during steps.
 *
 * <p>Not thread-safe: {@link #flash} blocks its calling thread, which owns the channel meanwhile; the listener runs on
 * that thread.
 */
public final class WmFlasher {

    private static final Duration SWITCH_PAUSE = Duration.ofMillis(20);
    private static final Duration BAUD_CHECK = Duration.ofSeconds(3);
    private static final Duration BETWEEN_FILES = Duration.ofSeconds(10);
    private static final Duration VERDICT = Duration.ofSeconds(3);
    private static final Duration ERASE_TIMEOUT = Duration.ofSeconds(60);
    private static final int SYNC_COUNT = 5;

    private final SerialChannel channel;
    private final FlashOptions options;
    private final Consumer<FlashProgress> listener;
    private final byte[] in = new byte[256];
    private String currentFile = "";
    private long done;
    private long total;

    public WmFlasher(SerialChannel channel, FlashOptions options, Consumer<FlashProgress> listener) {
        this.channel = channel;
        this.options = options;
        this.listener = listener;
    }

    public FlashReport flash(List<FirmwareFile> files, BooleanSupplier cancelled) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("nothing to flash");
        }
        long started = System.nanoTime();
        total = files.stream().mapToLong(FirmwareFile::length).sum();
        done = 0;
        try {
            channel.setBaudRate(SerialSettings.WM_DEFAULT_BAUD);
            enterDownloadMode(cancelled);
            if (options.erase()) {
                erase(cancelled);
            }
            int baud = switchBaudRate(cancelled);
            int retransmissions = 0;
            boolean confirmed = false;
            List<String> names = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                FirmwareFile file = files.get(i);
                currentFile = file.name();
                names.add(file.name());
                report(FlashProgress.Phase.SENDING, String.format(Locale.ROOT, "sending %s (%d bytes) at %d baud",
                        file.name(), file.length(), baud));
                channel.discardInput();
                long before = done;
                XmodemSender.Result result = new XmodemSender(channel, options.xmodem())
                        .send(file.bytes(), sent -> {
                            done = before + sent;
                            report(FlashProgress.Phase.SENDING, file.name());
                        }, cancelled);
                retransmissions += result.retransmissions();
                if (i < files.size() - 1) {
                    if (!DownloadModeEntry.sync(channel, SYNC_COUNT, BETWEEN_FILES, cancelled)) {
                        throw failure(cancelled, "The ROM did not ask for the next file after " + file.name());
                    }
                } else {
                    confirmed = awaitVerdict(file.name());
                }
            }
            if (options.reboot()) {
                report(FlashProgress.Phase.REBOOTING, "rebooting the board");
                channel.write(RomCommand.reboot());
            }
            report(FlashProgress.Phase.DONE, confirmed ? "done; the ROM accepted the image"
                    : "done; the ROM did not confirm the last image");
            return new FlashReport(baud, names, total, retransmissions, confirmed,
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            channel.setBaudRate(SerialSettings.WM_DEFAULT_BAUD);
        }
    }

    private void enterDownloadMode(BooleanSupplier cancelled) throws IOException {
        report(FlashProgress.Phase.ENTERING_DOWNLOAD_MODE, "entering download mode");
        boolean synced = options.resetIntoDownloadMode()
                ? DownloadModeEntry.enter(channel, options.entry(), cancelled,
                    m -> report(FlashProgress.Phase.ENTERING_DOWNLOAD_MODE, m))
                : DownloadModeEntry.sync(channel, options.entry().syncCount(), options.entry().syncTimeout(),
                    cancelled);
        if (!synced) {
            throw failure(cancelled, "The board did not enter download mode within "
                    + options.entry().syncTimeout().toSeconds() + " s: check the port and cable, or hold BOOT and "
                    + "press RESET");
        }
    }

    private void erase(BooleanSupplier cancelled) throws IOException {
        report(FlashProgress.Phase.ERASING, "erasing the flash");
        channel.write(RomCommand.eraseTwoMegabytes());
        channel.discardInput();
        long deadline = System.nanoTime() + ERASE_TIMEOUT.toNanos();
        int cs = 0;
        while (cs < SYNC_COUNT) {
            if (cancelled.getAsBoolean()) {
                throw new FlashCancelledException("Flash cancelled while erasing");
            }
            if (System.nanoTime() > deadline) {
                throw new FlashException("The ROM did not finish erasing within " + ERASE_TIMEOUT.toSeconds() + " s");
            }
            int n = read(Duration.ofMillis(100));
            for (int i = 0; i < n; i++) {
                int b = in[i] & 0xFF;
                if (b == 'C') {
                    cs++;
                } else {
                    RomStatus status = RomStatus.of(b).orElse(null);
                    if (status != null) {
                        throw new FlashException("Erase failed: the ROM said " + status.describe());
                    }
                    cs = 0;
                }
            }
        }
    }

    private int switchBaudRate(BooleanSupplier cancelled) throws IOException {
        int target = options.baudRate();
        if (target == SerialSettings.WM_DEFAULT_BAUD) {
            return target;
        }
        report(FlashProgress.Phase.SWITCHING_BAUD_RATE, "switching to " + target + " baud");
        if (!channel.setBaudRate(target)) {
            channel.setBaudRate(SerialSettings.WM_DEFAULT_BAUD);
            report(FlashProgress.Phase.SWITCHING_BAUD_RATE, "the adapter does not support " + target
                    + " baud; staying at 115200");
            return SerialSettings.WM_DEFAULT_BAUD;
        }
        channel.setBaudRate(SerialSettings.WM_DEFAULT_BAUD);
        channel.write(RomCommand.setBaudRate(target));
        listen(SWITCH_PAUSE);
        channel.setBaudRate(target);
        listen(SWITCH_PAUSE);
        channel.discardInput();
        if (DownloadModeEntry.sync(channel, 2, BAUD_CHECK, cancelled)) {
            return target;
        }
        report(FlashProgress.Phase.SWITCHING_BAUD_RATE, "no answer at " + target
                + " baud; falling back to 115200");
        channel.setBaudRate(SerialSettings.WM_DEFAULT_BAUD);
        enterDownloadMode(cancelled);
        return SerialSettings.WM_DEFAULT_BAUD;
    }

    /** After the last file: {@code C} means the ROM took the image, a status letter is its complaint. */
    private boolean awaitVerdict(String file) throws IOException {
        report(FlashProgress.Phase.VERIFYING, "waiting for the ROM to check " + file);
        long deadline = System.nanoTime() + VERDICT.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            int n = read(Duration.ofNanos(left));
            for (int i = 0; i < n; i++) {
                int b = in[i] & 0xFF;
                if (b == 'C') {
                    return true;
                }
                RomStatus status = RomStatus.of(b).orElse(null);
                if (status != null) {
                    throw new FlashException("The ROM refused " + file + ": " + status.describe());
                }
            }
        }
        return false;
    }

    private void listen(Duration duration) throws IOException {
        long deadline = System.nanoTime() + duration.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            read(Duration.ofNanos(left));
        }
    }

    private int read(Duration timeout) throws IOException {
        int n = channel.read(in, 0, in.length, timeout);
        if (n < 0) {
            throw new FlashException(channel.name() + " closed during the flash");
        }
        return n;
    }

    private FlashException failure(BooleanSupplier cancelled, String message) {
        return cancelled.getAsBoolean() ? new FlashCancelledException("Flash cancelled") : new FlashException(message);
    }

    private void report(FlashProgress.Phase phase, String message) {
        listener.accept(new FlashProgress(phase, currentFile, done, total, message));
    }
}
