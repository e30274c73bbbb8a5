package io.iotworkbench.diagnostics;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The record of uncaught exceptions on any thread: the last {@value #CAPACITY} kept with their stack traces, and a
 * total count for the status bar. The app installs {@link #uncaughtHandler()} as the default handler, so the app
 * keeps running and the user can open the error log window.
 *
 * <p>Thread-safe. Listeners are called on the thread that recorded the error.
 */
public final class ErrorLog {

    public static final int CAPACITY = 500;

    /** One recorded error. */
    public record Entry(Instant time, String threadName, String summary, String stackTrace) {
    }

    private final Clock clock;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final CopyOnWriteArrayList<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
    private long total;

    public ErrorLog(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    public ErrorLog() {
        this(Clock.systemUTC());
    }

    public Entry record(Thread thread, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String message = error.getMessage();
        String summary = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        Entry entry = new Entry(clock.instant(), thread.getName(), summary, trace.toString());
        synchronized (entries) {
            if (entries.size() == CAPACITY) {
                entries.removeFirst();
            }
            entries.addLast(entry);
            total++;
        }
        listeners.forEach(l -> l.accept(entry));
        return entry;
    }

    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    public long totalCount() {
        synchronized (entries) {
            return total;
        }
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    public void addListener(Consumer<Entry> listener) {
        listeners.add(listener);
    }

    /** A handler that logs through SLF4J and records here, for {@link Thread#setDefaultUncaughtExceptionHandler}. */
    public Thread.UncaughtExceptionHandler uncaughtHandler() {
        return (thread, error) -> {
            org.slf4j.LoggerFactory.getLogger(ErrorLog.class)
                    .error("Uncaught exception on thread {}", thread.getName(), error);
            record(thread, error);
        };
    }
}
