package io.iotworkbench.mqtt;

import java.time.Duration;
import java.util.Random;

/**
 * Reconnect delays: exponential (1 s, 2 s, 4 s, … up to a maximum) with "equal jitter" — each delay is half the
 * exponential step plus a random part of the other half — so a fleet of clients does not reconnect in lockstep.
 *
 * <p>Not thread-safe; one per connection, used on its worker thread.
 */
public final class Backoff {

    private final long baseMillis;
    private final long maxMillis;
    private final Random random;
    private int attempt;

    public Backoff(Duration base, Duration max, Random random) {
        this.baseMillis = base.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random());
    }

    /** The delay before the next attempt; each call counts one attempt. */
    public long nextDelayMillis() {
        long step = Math.min(maxMillis, baseMillis << Math.min(attempt, 20));
        attempt++;
        long half = step / 2;
        return half + (half == 0 ? 0 : (long) (random.nextDouble() * (step - half)));
    }

    public int attempts() {
        return attempt;
    }

    public void reset() {
        attempt = 0;
    }
}
