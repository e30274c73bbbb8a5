package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.serial.SerialChannel;
import io.iotworkbench.serial.SerialSettings;
import io.iotworkbench.serial.console.LogLevel;
import io.iotworkbench.serial.flash.WmImage;
import io.iotworkbench.serial.flash.WmImageHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A simulated WM W80x board on the far end of a {@link SerialChannel}. After power-on or a reset its bootloader
 * listens for ESC for a moment ({@link BoardOptions#bootWindow()}): ESC sends it into the ROM's download mode
 * ({@link VirtualRom}: {@code C}s, command frames, XMODEM-1K, image checks); otherwise the firmware starts, prints the
 * WM boot lines and the AWS demo banner, and runs the CLI ({@link VirtualShell}: {@code W800: } prompt, echo, CR or LF
 * runs a line, help/version/reboot/log/wifi/ntp/free/task/partition/aws_* with the SDK's output).
 *
 * <p>Resets come from the CLI's {@code reboot}, the ROM's reboot frame, or RTS on a channel that carries it
 * ({@link #controlLines}: RTS asserted holds the board in reset, as on a W800-Arduino v4). A reset puts the UART back
 * at 115200, undoing a download's baud switch. Flashed images are kept
 * ({@link #flashedImages()}, {@link #downloads()}) and an application's version becomes the firmware version.
 *
 * <p>Threading: a reader thread ({@code virtual-<chip>}) reads the channel; timed behaviour runs on the board's
 * scheduler ({@code virtual-<chip>-timer}); AWS demos run on {@code aws_demo_task}. All board state is guarded by the
 * board's lock, taken by each of them; writes to the channel happen under it. Listeners run under the lock and must
 * hand work over.
 */
public final class VirtualWmBoard implements AutoCloseable {

    /** Where the board is. */
    public enum Mode { OFF, RESET, BOOTLOADER, RUNNING, ROM }

    /** Observes the board; every method runs under the board's lock. */
    public interface Listener {
        default void modeChanged(Mode mode) {
        }

        default void imageFlashed(WmImage image) {
        }

        default void downloadReceived(byte[] data) {
        }
    }

    /** Boot reasons the firmware prints (wm-board.md §2, {@code wm_debug.h}). */
    static final int BOOT_POWER_ON = 0;
    static final int BOOT_USER_RESET = 4;

    private static final Logger LOG = LoggerFactory.getLogger(VirtualWmBoard.class);
    private static final Duration READ_WAIT = Duration.ofMillis(200);

    private final Object lock = new Object();
    private final BoardOptions options;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<byte[]> downloads = new ArrayList<>();
    private final List<WmImage> flashed = new ArrayList<>();
    private final List<WmImage> otaImages = new ArrayList<>();
    private volatile AwsDemoHook demoHook = new OfflineAwsDemo();
    private SerialChannel channel;
    private Thread reader;
    private Mode mode = Mode.OFF;
    private long epoch;
    private long bootMillis;
    private int boots;
    private int erases;
    private VirtualShell shell;
    private VirtualRom rom;
    private String version;
    private volatile boolean closed;

    public VirtualWmBoard(BoardOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.version = options.firmwareVersion();
        this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("virtual-" + options.chip() + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Connects the board to its UART and powers it on. */
    public void attach(SerialChannel uart) {
        synchronized (lock) {
            if (channel != null) {
                throw new IllegalStateException("the board is already attached to " + channel.name());
            }
            channel = uart;
            reader = DaemonThreads.start("virtual-" + options.chip(), () -> readLoop(uart));
            boot(BOOT_POWER_ON);
        }
    }

    public void setAwsDemoHook(AwsDemoHook hook) {
        demoHook = hook;
    }

    AwsDemoHook demoHook() {
        return demoHook;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** DTR and RTS from the host: RTS asserted holds the board in reset, releasing it boots the board. */
    public void controlLines(boolean dtr, boolean rts) {
        synchronized (lock) {
            if (closed || channel == null) {
                return;
            }
            if (rts && mode != Mode.RESET) {
                halt();
                setMode(Mode.RESET);
            } else if (!rts && mode == Mode.RESET) {
                boot(BOOT_POWER_ON);
            }
        }
    }

    public Mode mode() {
        synchronized (lock) {
            return mode;
        }
    }

    /** Every XMODEM download the ROM received, as received (padding included). */
    public List<byte[]> downloads() {
        synchronized (lock) {
            return downloads.stream().map(byte[]::clone).toList();
        }
    }

    /** Every image the ROM accepted, in order. */
    public List<WmImage> flashedImages() {
        synchronized (lock) {
            return List.copyOf(flashed);
        }
    }

    public int bootCount() {
        synchronized (lock) {
            return boots;
        }
    }

    public int eraseCount() {
        synchronized (lock) {
            return erases;
        }
    }

    /** The firmware version the board boots: an accepted application image's, else the configured one. */
    public String firmwareVersion() {
        synchronized (lock) {
            return version;
        }
    }

    public BoardOptions options() {
        return options;
    }

    /** Logs a line in the WM format while the firmware runs (ignored otherwise), as a task on the board would. */
    public void log(LogLevel level, String tag, String message) {
        synchronized (lock) {
            if (mode == Mode.RUNNING) {
                logLine(level, tag, message);
            }
        }
    }

    @Override
    public void close() {
        SerialChannel ch;
        synchronized (lock) {
            closed = true;
            halt();
            mode = Mode.OFF;
            ch = channel;
        }
        timer.shutdownNow();
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing the virtual board's UART: {}", e.getMessage());
            }
        }
    }

    private void readLoop(SerialChannel uart) {
        byte[] buffer = new byte[4096];
        try {
            while (!closed) {
                int n = uart.read(buffer, 0, buffer.length, READ_WAIT);
                if (n < 0) {
                    break;
                }
                synchronized (lock) {
                    for (int i = 0; i < n && !closed; i++) {
                        input(buffer[i] & 0xFF);
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("virtual board UART closed: {}", e.getMessage());
        }
        synchronized (lock) {
            halt();
            setMode(Mode.OFF);
        }
    }

    private void input(int b) {
        switch (mode) {
            case BOOTLOADER -> {
                if (b == 0x1B) {
                    enterRom();
                }
            }
            case RUNNING -> shell.accept(b);
            case ROM -> rom.accept(b);
            default -> {
                // held in reset or off: the byte is lost, as on the wire
            }
        }
    }

    /** Resets the board: the bootloader listens for ESC, then starts the firmware. Call under the lock. */
    void boot(int reason) {
        halt();
        setChannelBaudRate(SerialSettings.WM_DEFAULT_BAUD);
        boots++;
        bootMillis = clock.millis();
        setMode(Mode.BOOTLOADER);
        long bootEpoch = epoch;
        timer.schedule(() -> {
            synchronized (lock) {
                if (epoch == bootEpoch && mode == Mode.BOOTLOADER && !closed) {
                    startFirmware(reason);
                }
            }
        }, options.bootWindow().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void enterRom() {
        halt();
        setMode(Mode.ROM);
        rom = new VirtualRom(this);
        rom.start();
    }

    private void startFirmware(int reason) {
        setMode(Mode.RUNNING);
        shell = new VirtualShell(this);
        shell.boot(reason);
    }

    /** Stops what the current mode runs: timers, the shell's demo task. Call under the lock. */
    private void halt() {
        epoch++;
        if (shell != null) {
            shell.stop();
            shell = null;
        }
        if (rom != null) {
            rom.stop();
            rom = null;
        }
    }

    private void setMode(Mode next) {
        if (mode == next) {
            return;
        }
        mode = next;
        lock.notifyAll();
        listeners.forEach(l -> l.modeChanged(next));
    }

    // ---- services for the shell and the ROM; call under the lock ----

    Object lock() {
        return lock;
    }

    /** Milliseconds since the last reset, as {@code wm_os_internal_get_time_ms}. */
    long uptimeMillis() {
        return clock.millis() - bootMillis;
    }

    Clock clock() {
        return clock;
    }

    /** Runs {@code task} under the lock after {@code delay}, unless the board was reset meanwhile. */
    ScheduledFuture<?> later(Duration delay, Runnable task) {
        long taskEpoch = epoch;
        return timer.schedule(() -> {
            synchronized (lock) {
                if (epoch == taskEpoch && !closed) {
                    task.run();
                }
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} under the lock every {@code period}, until the board is reset. */
    ScheduledFuture<?> every(Duration period, Runnable task) {
        long taskEpoch = epoch;
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = timer.scheduleAtFixedRate(() -> {
            synchronized (lock) {
                if (epoch != taskEpoch || closed) {
                    self[0].cancel(false);
                    return;
                }
                task.run();
            }
        }, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        return self[0];
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    long epoch() {
        return epoch;
    }

    boolean isCurrent(long taskEpoch) {
        return epoch == taskEpoch && !closed;
    }

    void print(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) {
        SerialChannel ch = channel;
        if (ch == null || closed) {
            return;
        }
        try {
            ch.write(bytes);
        } catch (IOException e) {
            LOG.debug("virtual board write failed: {}", e.getMessage());
        }
    }

    /** Prints {@code [L] (ms) TAG: message\r\n} when the level is shown, in the SDK's colours when enabled. */
    void logLine(LogLevel level, String tag, String message) {
        LogLevel threshold = shell == null ? options.logLevel() : shell.logLevel();
        if (threshold == null || !level.isShownAt(threshold)) {
            return;
        }
        String line = "[" + level.letter() + "] (" + uptimeMillis() + ") " + tag + ": " + message;
        if (options.colourLogs()) {
            line = "\033[0;" + level.sgrCode() + "m" + line + "\033[0m";
        }
        print(line + "\r\n");
    }

    String chip() {
        return options.chip();
    }

    String version() {
        return version;
    }

    void downloadReceived(byte[] data) {
        downloads.add(data.clone());
        listeners.forEach(l -> l.downloadReceived(data));
    }

    void imageAccepted(WmImage image) {
        flashed.add(image);
        if (image.header().imageType() == WmImageHeader.TYPE_APPLICATION && !image.header().version().isEmpty()) {
            version = image.header().version();
        }
        listeners.forEach(l -> l.imageFlashed(image));
    }

    /**
     * The OTA demo's last step: the image is written to the {@code app_ota} area, becomes the application (its
     * version is what boots) and the board reboots into it; returns once the firmware runs again.
     */
    void installOtaImage(WmImage image) {
        synchronized (lock) {
            otaImages.add(image);
            imageAccepted(image);
            logLine(LogLevel.INFO, AwsDemo.OTA.tag(), "image " + image.header().version() + " ("
                    + image.length() + " bytes) written to app_ota; rebooting");
            boot(0);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (lock) {
            long left;
            while (mode != Mode.RUNNING && !closed && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Images the OTA demo installed, oldest first. */
    public List<WmImage> otaImages() {
        synchronized (lock) {
            return List.copyOf(otaImages);
        }
    }

    void erased() {
        erases++;
    }

    void setChannelBaudRate(int baud) {
        SerialChannel ch = channel;
        if (ch == null) {
            return;
        }
        try {
            ch.setBaudRate(baud);
        } catch (IOException e) {
            LOG.debug("virtual board baud switch failed: {}", e.getMessage());
        }
    }
}
