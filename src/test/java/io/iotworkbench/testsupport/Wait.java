package io.iotworkbench.testsupport;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one way tests wait for something to happen (Awaitility underneath): poll a condition until it holds, failing
 * with what was awaited after a generous cap. The cap is not the test's subject: a busy 2-core machine, three times
 * slower than a quiet one, must still pass, so the default is a minute.
 */
public final class Wait {

    /** The default cap for an event that a quiet machine sees within a second or two. */
    public static final Duration CAP = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(20);

    private Wait() {
    }

    /** Waits up to {@link #CAP} for {@code condition}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, CAP, condition);
    }

    /** Waits up to {@code cap} for {@code condition}; an AssertionError naming {@code what} after that. */
    public static void until(String what, Duration cap, BooleanSupplier condition) {
        untilThen(what, cap, condition, () -> { });
    }

    /** Like {@link #until(String, Duration, BooleanSupplier)}, running {@code poll} after each failed check. */
    public static void untilThen(String what, Duration cap, BooleanSupplier condition, Runnable poll) {
        try {
            Awaitility.await(what).atMost(cap).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .pollInSameThread().until(() -> {
                        if (condition.getAsBoolean()) {
                            return true;
                        }
                        poll.run();
                        return false;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + cap.toSeconds() + " s waiting for " + what, e);
        }
    }
}
