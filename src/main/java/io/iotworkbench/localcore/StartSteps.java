package io.iotworkbench.localcore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The wall time of each step of one Local IoT Core start (the lock, the database, the CA, the server's TLS context,
 * the broker, the REST and HTTPS servers, the virtual device, …), taken on the starting thread, so the log line
 * "Local IoT Core running" and {@code local-core} can say where a slow start went (decision 0031).
 *
 * <p>Not thread-safe: one starting thread records, readers get a copy after the start.
 */
final class StartSteps {

    private final LongSupplier nanoTime;
    private final long begin;
    private final Map<String, Long> steps = new LinkedHashMap<>();
    private long last;

    /** Starts counting now; {@code nanoTime} is the monotonic clock ({@code System::nanoTime} outside tests). */
    StartSteps(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.begin = nanoTime.getAsLong();
        this.last = begin;
    }

    /** Ends the step called {@code name}: the time since the previous step ended (or the start) is its own. */
    void done(String name) {
        long now = nanoTime.getAsLong();
        steps.merge(name, (now - last) / 1_000_000, Long::sum);
        last = now;
    }

    /** Milliseconds from the start to the last step's end. */
    long totalMs() {
        return (last - begin) / 1_000_000;
    }

    /** Each step's milliseconds, in the order they first ended. */
    Map<String, Long> steps() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    /** "812 ms: lock 3, database 40, …" */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(totalMs()).append(" ms");
        String sep = ": ";
        for (Map.Entry<String, Long> e : steps.entrySet()) {
            s.append(sep).append(e.getKey()).append(' ').append(e.getValue());
            sep = ", ";
        }
        return s.toString();
    }
}
