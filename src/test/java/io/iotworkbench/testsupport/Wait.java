package io.iotworkbench.testsupport;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The one way tests wait for something to happen (Awaitility underneath): poll a condition until it holds, failing
 * with what was awaited after a generous cap. The cap is not the test's subject: a busy 2-core machine, three times
 * slower than a quiet one, must still pass, so the default is a minute. An exception thrown by a condition ends the
 * wait at once and fails the test with it (a process that died, a file that cannot be read). Called on the test's
 * thread; conditions run on it too.
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

    /** A condition whose check may throw (reading a file, a request, a socket). */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    /** Waits up to {@link #CAP} for a condition whose check may throw. */
    public static void check(String what, Check condition) {
        value(what, CAP, condition::holds, Boolean::booleanValue);
    }

    /** Reads {@code value} until {@code accept} takes it (up to {@link #CAP}) and returns the value taken. */
    public static <T> T value(String what, Callable<T> value, Predicate<? super T> accept) {
        return value(what, CAP, value, accept);
    }

    /** Reads {@code value} until {@code accept} takes it (up to {@code cap}) and returns the value taken. */
    public static <T> T value(String what, Duration cap, Callable<T> value, Predicate<? super T> accept) {
        try {
            return Awaitility.await(what).atMost(cap).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .pollInSameThread().until(value, v -> v != null && accept.test(v));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + cap.toSeconds() + " s waiting for " + what, e);
        }
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
