package io.iotworkbench.serial;

import java.time.Duration;

/**
 * How a {@link SerialConnection} gets a lost port back: whether to try, the first delay, the delay cap (each failed
 * attempt doubles the delay up to the cap), and how many attempts before giving up (0 = never give up, the usual
 * choice for a board that is unplugged and plugged in again).
 *
 * <p>Immutable; safe from any thread.
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, int maxAttempts) {

    public static final ReconnectPolicy DEFAULT =
            new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofSeconds(2), 0);
    public static final ReconnectPolicy NEVER = new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, 0);

    /** The delay before attempt {@code attempt} (1 for the first). */
    public Duration delayBefore(int attempt) {
        long millis = initialDelay.toMillis();
        for (int i = 1; i < attempt && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    public boolean allows(int attempt) {
        return enabled && (maxAttempts == 0 || attempt <= maxAttempts);
    }
}
