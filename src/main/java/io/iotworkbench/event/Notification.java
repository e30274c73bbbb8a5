package io.iotworkbench.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A short message for the user (status bar and activity log): what happened, how serious it is, and when.
 * Immutable.
 */
public record Notification(Level level, String text, Instant time) {

    public enum Level { INFO, WARNING, ERROR }

    public Notification {
        Objects.requireNonNull(level);
        Objects.requireNonNull(text);
        Objects.requireNonNull(time);
    }

    public static Notification info(String text) {
        return new Notification(Level.INFO, text, Instant.now());
    }

    public static Notification warning(String text) {
        return new Notification(Level.WARNING, text, Instant.now());
    }

    public static Notification error(String text) {
        return new Notification(Level.ERROR, text, Instant.now());
    }
}
