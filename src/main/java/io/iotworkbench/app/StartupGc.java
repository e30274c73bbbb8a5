package io.iotworkbench.app;

import io.iotworkbench.concurrent.DaemonThreads;
import org.slf4j.LoggerFactory;

import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Gives back the heap that start-up left committed, once, {@value #DEFAULT_SECONDS} s after launch (the window and
 * the Local IoT Core have started by then): it asks the JVM for a collection, which with
 * {@code -XX:+ExplicitGCInvokesConcurrent} (jlink/jvm.options) is G1's concurrent cycle, short pauses only, whose
 * remark shrinks the heap to {@code MaxHeapFreeRatio}. An idle window allocates so little (kilobytes a second) that
 * no collection follows start-up for minutes, so without this the start-up heap stayed committed until G1's periodic
 * cycle, a minute after the last collection (decision 0033). {@code -Diotworkbench.startupGcSeconds=N|off} moves or
 * turns it off.
 *
 * <p>Threading: one daemon thread that waits for the moment, runs the collection and ends.
 */
public final class StartupGc {

    public static final String PROPERTY = "iotworkbench.startupGcSeconds";
    static final long DEFAULT_SECONDS = 40;

    private StartupGc() {
    }

    /** The delay the property asks for: empty for "off"; the default when unset or not a positive number. */
    static OptionalLong delaySeconds(String value) {
        if (value == null || value.isBlank()) {
            return OptionalLong.of(DEFAULT_SECONDS);
        }
        if (value.strip().equalsIgnoreCase("off")) {
            return OptionalLong.empty();
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds > 0) {
                return OptionalLong.of(seconds);
            }
        } catch (NumberFormatException ignored) {
            // falls through to the warning
        }
        LoggerFactory.getLogger(StartupGc.class).warn("{} must be a number of seconds or off, not \"{}\"; using {} s",
                PROPERTY, value, DEFAULT_SECONDS);
        return OptionalLong.of(DEFAULT_SECONDS);
    }

    /** Runs {@code gc} once after the delay {@code properties} ask for (nothing when "off"); returns at once. */
    public static void schedule(UnaryOperator<String> properties, Runnable gc) {
        OptionalLong delay = delaySeconds(properties.apply(PROPERTY));
        if (delay.isEmpty()) {
            return;
        }
        ScheduledExecutorService once = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("startup-gc"));
        once.schedule(gc, delay.getAsLong(), TimeUnit.SECONDS);
        once.shutdown(); // the delayed run still happens; then the thread ends
    }
}
