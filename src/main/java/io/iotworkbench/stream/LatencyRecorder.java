package io.iotworkbench.stream;

/**
 * Records durations into fixed log-linear buckets (1 µs resolution below 1 ms, ~1 % above) and answers percentiles,
 * in constant memory. For benchmarks and the FX batch-apply timing.
 *
 * <p>Thread-safe (short lock per call).
 */
public final class LatencyRecorder {

    private static final int SUB_BUCKETS = 128;
    private static final int MAGNITUDES = 40;
    private final long[] counts = new long[SUB_BUCKETS * MAGNITUDES];
    private long total;
    private long max;

    public synchronized void recordNanos(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        total++;
        max = Math.max(max, v);
    }

    private static int index(long v) {
        long micros = v / 1_000;
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(micros) - 6;
        int sub = (int) (micros >>> magnitude) - 64;
        return Math.min(counts(magnitude, sub), SUB_BUCKETS * MAGNITUDES - 1);
    }

    private static int counts(int magnitude, int sub) {
        return SUB_BUCKETS + (magnitude - 1) * 64 + sub;
    }

    private static long lowerBoundMicros(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int rel = index - SUB_BUCKETS;
        int magnitude = rel / 64 + 1;
        int sub = rel % 64 + 64;
        return ((long) sub) << magnitude;
    }

    /** The value at percentile {@code p} (0–100), in nanoseconds; 0 when nothing was recorded. */
    public synchronized long percentileNanos(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) {
                return Math.min(max, lowerBoundMicros(i + 1) * 1_000 - 1);
            }
        }
        return max;
    }

    public synchronized long maxNanos() {
        return max;
    }

    public synchronized long count() {
        return total;
    }
}
