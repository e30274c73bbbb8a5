package io.iotworkbench.concurrent;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Periodic work on wall-clock boundaries, so that the window's once-a-second refreshes and the virtual device's
 * reports fall together: each change on screen keeps JavaFX's pulse timer running for about 250 ms, and changes that
 * land in one such burst cost one wake-up instead of several (decision 0029). The window's ticks run
 * {@value #WINDOW_OFFSET_MILLIS} ms after each whole second, after a report sent on the whole second has arrived.
 *
 * <p>Stateless; the tasks run on the given scheduler.
 */
public final class AlignedTicks {

    /** Where in each second the window's refreshes run: after the reports sent on the whole second arrived. */
    public static final long WINDOW_OFFSET_MILLIS = 200;

    private AlignedTicks() {
    }

    /**
     * Milliseconds from {@code nowMillis} to the next instant {@code offsetMillis} past a whole multiple of
     * {@code periodMillis} (epoch-based), never less than a tenth of the period.
     */
    public static long delayToNext(long nowMillis, long periodMillis, long offsetMillis) {
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        long delay = Math.floorMod(offsetMillis - nowMillis, periodMillis);
        return delay < periodMillis / 10 ? delay + periodMillis : delay;
    }

    /** Runs {@code task} every {@code periodMillis} at {@code offsetMillis} past the period's boundary. */
    public static ScheduledFuture<?> atFixedRate(ScheduledExecutorService scheduler, Clock clock, long periodMillis,
                                                 long offsetMillis, Runnable task) {
        return scheduler.scheduleAtFixedRate(task, delayToNext(clock.millis(), periodMillis, offsetMillis),
                periodMillis, TimeUnit.MILLISECONDS);
    }

    /** The window's once-a-second refresh: every second, {@value #WINDOW_OFFSET_MILLIS} ms past it. */
    public static ScheduledFuture<?> everyWindowSecond(ScheduledExecutorService scheduler, Clock clock,
                                                       Runnable task) {
        return atFixedRate(scheduler, clock, 1_000, WINDOW_OFFSET_MILLIS, task);
    }
}
