package io.iotworkbench.session;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a session's connection and the transitions allowed between them. A transition outside this table is
 * a programming error and is refused by {@link Session}.
 */
public enum ConnectionState {
    DISCONNECTED,
    CONNECTING,
    CONNECTED,
    RECONNECTING,
    FAILED;

    /** States this one may move to. */
    public Set<ConnectionState> successors() {
        return switch (this) {
            case DISCONNECTED -> EnumSet.of(CONNECTING);
            case CONNECTING -> EnumSet.of(CONNECTED, FAILED, DISCONNECTED);
            case CONNECTED -> EnumSet.of(RECONNECTING, DISCONNECTED, FAILED);
            case RECONNECTING -> EnumSet.of(CONNECTED, FAILED, DISCONNECTED);
            case FAILED -> EnumSet.of(CONNECTING, DISCONNECTED);
        };
    }

    public boolean canMoveTo(ConnectionState next) {
        return successors().contains(next);
    }

    /** True while a connection exists or is being made, so the profile may not be switched. */
    public boolean isActive() {
        return this == CONNECTING || this == CONNECTED || this == RECONNECTING;
    }
}
