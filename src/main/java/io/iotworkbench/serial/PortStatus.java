package io.iotworkbench.serial;

import java.time.Instant;

/**
 * A {@link SerialConnection}'s state with the reason in plain words, when it was entered, and (while reconnecting)
 * the number of the next attempt.
 *
 * <p>Immutable; safe from any thread.
 */
public record PortStatus(PortState state, String reason, Instant since, int attempt) {

    public static PortStatus closed(Instant now) {
        return new PortStatus(PortState.CLOSED, "closed", now, 0);
    }

    public boolean isOpen() {
        return state == PortState.OPEN;
    }
}
