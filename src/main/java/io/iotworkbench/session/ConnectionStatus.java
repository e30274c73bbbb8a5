package io.iotworkbench.session;

import java.time.Instant;
import java.util.Objects;

/**
 * One observed state of a session's connection: the state, why it is so (for FAILED and RECONNECTING a sentence a
 * newcomer understands; otherwise may be empty), when it began, and a sequence number that grows by one with every
 * transition so observers on other threads can discard a stale notification.
 *
 * <p>Immutable.
 */
public record ConnectionStatus(ConnectionState state, String reason, Instant since, long sequence) {

    public ConnectionStatus {
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(since, "since");
    }

    static ConnectionStatus initial(Instant now) {
        return new ConnectionStatus(ConnectionState.DISCONNECTED, "", now, 0);
    }

    ConnectionStatus next(ConnectionState newState, String newReason, Instant now) {
        return new ConnectionStatus(newState, newReason, now, sequence + 1);
    }
}
