package io.iotworkbench.stream;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Events and bytes per second over a sliding window, kept in a ring of time buckets so the cost per event is O(1)
 * and the memory fixed. The clock is a nanosecond supplier so tests drive time by hand.
 *
 * <p>Thread-safe (a short lock per call); meant for one aggregator thread recording and a UI sampling once a second.
 */
public final class RateMeter {

    private final LongSupplier nanoClock;
    private final long bucketNanos;
    private final long[] events;
    private final long[] bytes;
    private final long[] bucketIndex;
    private final double windowSeconds;

    public RateMeter(Duration window, int buckets, LongSupplier nanoClock) {
        if (buckets < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window and buckets must be positive");
        }
        this.nanoClock = nanoClock;
        this.bucketNanos = Math.max(1, window.toNanos() / buckets);
        this.events = new long[buckets];
        this.bytes = new long[buckets];
        this.bucketIndex = new long[buckets];
        java.util.Arrays.fill(bucketIndex, Long.MIN_VALUE);
        this.windowSeconds = bucketNanos * (double) buckets / 1e9;
    }

    /** A one-second window in ten buckets on the system's monotonic clock. */
    public static RateMeter perSecond() {
        return new RateMeter(Duration.ofSeconds(1), 10, System::nanoTime);
    }

    public void record(long byteCount) {
        record(1, byteCount);
    }

    public synchronized void record(long eventCount, long byteCount) {
        long index = Math.floorDiv(nanoClock.getAsLong(), bucketNanos);
        int slot = (int) Math.floorMod(index, (long) events.length);
        if (bucketIndex[slot] != index) {
            bucketIndex[slot] = index;
            events[slot] = 0;
            bytes[slot] = 0;
        }
        events[slot] += eventCount;
        bytes[slot] += byteCount;
    }

    public double eventsPerSecond() {
        return sum(events) / windowSeconds;
    }

    public double bytesPerSecond() {
        return sum(bytes) / windowSeconds;
    }

    private synchronized double sum(long[] values) {
        long now = Math.floorDiv(nanoClock.getAsLong(), bucketNanos);
        long oldest = now - events.length + 1;
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            if (bucketIndex[i] >= oldest && bucketIndex[i] <= now) {
                total += values[i];
            }
        }
        return total;
    }
}
