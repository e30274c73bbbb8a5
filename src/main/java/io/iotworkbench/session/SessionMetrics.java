package io.iotworkbench.session;

import io.iotworkbench.stream.RateMeter;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Traffic figures of the session that the status bar shows: messages and bytes per second received, and messages the
 * bounded buffers had to drop. Producers (MQTT and serial pipelines) record; the status bar samples once a second.
 *
 * <p>Thread-safe.
 */
public final class SessionMetrics {

    private final RateMeter received;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder total = new LongAdder();
    private final CopyOnWriteArrayList<LongSupplier> dropSources = new CopyOnWriteArrayList<>();

    SessionMetrics(Clock clock) {
        this.received = new RateMeter(Duration.ofSeconds(5), 10, () -> clock.millis() * 1_000_000L);
    }

    public void messageReceived(int bytes) {
        received.record(bytes);
        total.increment();
    }

    public void messagesDropped(long count) {
        dropped.add(count);
    }

    public double messagesPerSecond() {
        return received.eventsPerSecond();
    }

    public double bytesPerSecond() {
        return received.bytesPerSecond();
    }

    /** Adds a counter of drops kept elsewhere (a pipeline's bounded buffers), summed into {@link #droppedMessages}. */
    public void addDropSource(LongSupplier source) {
        dropSources.add(source);
    }

    public long droppedMessages() {
        long sum = dropped.sum();
        for (LongSupplier s : dropSources) {
            sum += s.getAsLong();
        }
        return sum;
    }

    public long totalMessages() {
        return total.sum();
    }
}
