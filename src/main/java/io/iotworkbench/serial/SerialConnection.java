package io.iotworkbench.serial;

import io.iotworkbench.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One open serial port: a reader thread that hands every chunk it reads to the registered {@link ByteSink}s (the
 * console's bounded buffer, a claimed channel) and never blocks on them; writes; the board's reset wiring; and
 * automatic reconnection. Several connections may be open at once, each with its own threads.
 *
 * <p>When a read fails or reports the device gone (a USB board unplugged, a pty's socat killed), the connection closes
 * the port, reports {@link PortState#RECONNECTING} and tries to open the same endpoint again on its scheduler with the
 * {@link ReconnectPolicy}'s growing delays, reporting each attempt, until it succeeds ({@link PortState#OPEN}), the
 * policy gives up ({@link PortState#FAILED}) or {@link #close()} is called. Paths are resolved again on every attempt,
 * so a pty link that now points to a new {@code /dev/pts/N} is followed.
 *
 * <p>{@link #claim} lends the port exclusively to a probe, the download sequence or a flash; the console keeps
 * receiving every byte meanwhile, but only the claim may write.
 *
 * <p>Threading: the reader thread ({@code serial-reader-<port>}) reads and calls sinks; reconnect attempts and reset
 * pulses run on the connection's scheduler ({@code serial-<port>}, idle threads end by themselves). Public methods are
 * safe from any thread. Status listeners run on the thread that changed the state, while the connection's state lock is
 * held: they must only hand the status over (to a buffer, a condition, the FX thread).
 */
public final class SerialConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SerialConnection.class);
    private static final Duration READ_WAIT = Duration.ofMillis(200);
    private static final int READ_CHUNK = 4_096;
    private static final long RESET_PULSE_MILLIS = 50;

    private final SerialEndpoint endpoint;
    private final ReconnectPolicy policy;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor scheduler;
    private final List<ByteSink> sinks = new CopyOnWriteArrayList<>();
    private final List<Consumer<PortStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final Object writeLock = new Object();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final SerialSettings settings;
    private volatile SerialChannel channel;
    private volatile PortStatus status;
    private volatile ClaimedChannel claim;
    private boolean active;
    private int attempt;
    private ScheduledFuture<?> reconnectTask;

    public SerialConnection(SerialEndpoint endpoint, SerialSettings settings, ReconnectPolicy policy, Clock clock) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
        this.status = PortStatus.closed(clock.instant());
        this.scheduler = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("serial-" + endpoint.name()));
        scheduler.setKeepAliveTime(1, TimeUnit.SECONDS);
        scheduler.allowCoreThreadTimeOut(true);
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** A connection to a port by system name or path, reconnecting with the default policy. */
    public static SerialConnection toPort(String nameOrPath, SerialSettings settings) {
        return new SerialConnection(SerialEndpoint.port(nameOrPath), settings, ReconnectPolicy.DEFAULT,
                Clock.systemUTC());
    }

    public String name() {
        return endpoint.name();
    }

    public SerialSettings settings() {
        return settings;
    }

    public PortStatus status() {
        return status;
    }

    /** Opens the port; a failure is reported as {@link PortState#FAILED} and thrown. Does nothing when active. */
    public void open() throws IOException {
        synchronized (lock) {
            if (active) {
                return;
            }
            active = true;
            attempt = 0;
        }
        SerialChannel opened;
        try {
            opened = endpoint.open(settings);
        } catch (IOException e) {
            synchronized (lock) {
                active = false;
                setStatus(PortState.FAILED, e.getMessage(), 0);
            }
            throw e;
        }
        synchronized (lock) {
            if (!active) {
                closeQuietly(opened);
                return;
            }
            attach(opened);
            setStatus(PortState.OPEN, "open at " + settings.summary(), 0);
        }
    }

    /** Closes the port and stops reconnecting. The connection may be opened again. */
    @Override
    public void close() {
        SerialChannel old;
        synchronized (lock) {
            active = false;
            if (reconnectTask != null) {
                reconnectTask.cancel(false);
                reconnectTask = null;
            }
            old = channel;
            channel = null;
            if (status.state() != PortState.CLOSED) {
                setStatus(PortState.CLOSED, "closed", 0);
            }
        }
        closeQuietly(old);
    }

    public void addStatusListener(Consumer<PortStatus> listener) {
        statusListeners.add(listener);
    }

    /** Removes what it registered. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Registers a sink for every chunk read from now on; the returned handle removes it. */
    public Registration addSink(ByteSink sink) {
        sinks.add(sink);
        return () -> sinks.remove(sink);
    }

    /** Sends bytes. Refused while the port is {@linkplain #claim claimed}. */
    public void write(byte[] data) throws IOException {
        ClaimedChannel c = claim;
        if (c != null) {
            throw new IllegalStateException(name() + " is busy: " + c.purpose());
        }
        writeRaw(data, 0, data.length);
    }

    void writeClaimed(byte[] data, int offset, int length) throws IOException {
        writeRaw(data, offset, length);
    }

    private void writeRaw(byte[] data, int offset, int length) throws IOException {
        SerialChannel ch = channel;
        if (ch == null) {
            throw new IOException(name() + " is not open: " + status.reason());
        }
        synchronized (writeLock) {
            ch.write(data, offset, length);
        }
        bytesOut.addAndGet(length);
    }

    /**
     * Lends the port exclusively to one task until the returned channel is closed.
     *
     * @throws IllegalStateException when another task has it
     * @throws IOException           when the port is not open
     */
    public SerialChannel claim(String purpose) throws IOException {
        synchronized (lock) {
            if (claim != null) {
                throw new IllegalStateException(name() + " is busy: " + claim.purpose());
            }
            if (channel == null) {
                throw new IOException(name() + " is not open: " + status.reason());
            }
            ClaimedChannel c = new ClaimedChannel(this, purpose);
            claim = c;
            statusListeners.add(c.statusListener());
            sinks.add(c);
            return c;
        }
    }

    void release(ClaimedChannel c) {
        synchronized (lock) {
            if (claim != c) {
                return;
            }
            claim = null;
            sinks.remove(c);
            statusListeners.remove(c.statusListener());
            SerialChannel ch = channel;
            if (ch != null && ch.baudRate() != settings.baudRate()) {
                try {
                    ch.setBaudRate(settings.baudRate());
                } catch (IOException e) {
                    LOG.warn("{}: cannot restore {} baud: {}", name(), settings.baudRate(), e.getMessage());
                }
            }
        }
    }

    /** True while a probe, download sequence or flash has the port. */
    public boolean isClaimed() {
        return claim != null;
    }

    boolean setChannelBaudRate(int baudRate) throws IOException {
        SerialChannel ch = channel;
        if (ch == null) {
            throw new IOException(name() + " is not open");
        }
        return ch.setBaudRate(baudRate);
    }

    int channelBaudRate() {
        SerialChannel ch = channel;
        return ch == null ? settings.baudRate() : ch.baudRate();
    }

    boolean setControlLines(boolean dtr, boolean rts) throws IOException {
        SerialChannel ch = channel;
        if (ch == null) {
            throw new IOException(name() + " is not open");
        }
        return ch.setControlLines(dtr, rts);
    }

    /**
     * Pulses RTS (asserted for 50 ms, DTR low) to reset a board whose RTS drives RESET (W800-Arduino v4). Completes
     * with false when the port has no modem lines (a pty, a pipe): reset such a board with the CLI's {@code reboot}.
     */
    public CompletableFuture<Boolean> reset() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                if (!setControlLines(false, true)) {
                    setControlLines(false, false);
                    done.complete(false);
                    return;
                }
                scheduler.schedule(() -> {
                    try {
                        setControlLines(false, false);
                        done.complete(true);
                    } catch (IOException e) {
                        done.completeExceptionally(e);
                    }
                }, RESET_PULSE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /**
     * Runs the WM download-mode sequence (reset pulses, ESC bytes, {@code AT+RST} and {@code reboot}, then sync on the
     * ROM's {@code C}s) on the calling thread, which it blocks.
     *
     * @return true when the ROM answered with the required run of {@code C}s
     */
    public boolean enterDownloadMode(DownloadModeEntry.Options options, BooleanSupplier cancelled,
                                     Consumer<String> progress) throws IOException {
        try (SerialChannel ch = claim("entering download mode")) {
            return DownloadModeEntry.enter(ch, options, cancelled, progress);
        }
    }

    /** Sends CR and waits up to {@code timeout} for the WM prompt, boot lines or the ROM's {@code C}s. Blocks. */
    public ProbeResult probe(Duration timeout) throws IOException {
        try (SerialChannel ch = claim("probing for a WM board")) {
            return WmBoardProbe.probe(ch, timeout, clock);
        }
    }

    public long bytesReceived() {
        return bytesIn.get();
    }

    public long bytesSent() {
        return bytesOut.get();
    }

    private void attach(SerialChannel opened) {
        channel = opened;
        DaemonThreads.start("serial-reader-" + name(), () -> readLoop(opened));
    }

    private void readLoop(SerialChannel ch) {
        byte[] buffer = new byte[READ_CHUNK];
        String reason = "the port went away (unplugged?)";
        try {
            while (channel == ch) {
                int n = ch.read(buffer, 0, buffer.length, READ_WAIT);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    deliver(Arrays.copyOf(buffer, n));
                }
            }
        } catch (IOException | RuntimeException e) {
            reason = "read failed: " + e.getMessage();
        }
        lost(ch, reason);
    }

    private void deliver(byte[] chunk) {
        bytesIn.addAndGet(chunk.length);
        for (ByteSink sink : sinks) {
            try {
                sink.received(chunk);
            } catch (RuntimeException e) {
                LOG.warn("{}: a byte sink failed", name(), e);
            }
        }
    }

    private void lost(SerialChannel ch, String reason) {
        synchronized (lock) {
            if (channel != ch) {
                return;
            }
            channel = null;
            closeQuietly(ch);
            if (active && policy.allows(1)) {
                attempt = 1;
                setStatus(PortState.RECONNECTING, reason, attempt);
                scheduleReconnect();
            } else {
                active = false;
                setStatus(PortState.FAILED, reason, 0);
            }
        }
    }

    private void scheduleReconnect() {
        reconnectTask = scheduler.schedule(this::tryReconnect, policy.delayBefore(attempt).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void tryReconnect() {
        synchronized (lock) {
            if (!active || channel != null) {
                return;
            }
        }
        try {
            SerialChannel opened = endpoint.open(settings);
            synchronized (lock) {
                if (!active || channel != null) {
                    closeQuietly(opened);
                    return;
                }
                int tries = attempt;
                attempt = 0;
                attach(opened);
                setStatus(PortState.OPEN, "reconnected after " + tries + (tries == 1 ? " attempt" : " attempts"), 0);
            }
        } catch (IOException e) {
            synchronized (lock) {
                if (!active) {
                    return;
                }
                attempt++;
                if (policy.allows(attempt)) {
                    setStatus(PortState.RECONNECTING, e.getMessage(), attempt);
                    scheduleReconnect();
                } else {
                    active = false;
                    setStatus(PortState.FAILED, "gave up after " + (attempt - 1) + " attempts: " + e.getMessage(), 0);
                }
            }
        }
    }

    private void setStatus(PortState state, String reason, int attemptNumber) {
        PortStatus next = new PortStatus(state, reason, clock.instant(), attemptNumber);
        status = next;
        for (Consumer<PortStatus> listener : statusListeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("{}: a status listener failed", name(), e);
            }
        }
    }

    private static void closeQuietly(SerialChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", ch.name(), e.getMessage());
        }
    }
}
