package io.iotworkbench.serial.console;

/**
 * A run of a decoded line, {@code [start, end)} in its text, drawn in one {@link TextStyle}.
 *
 * <p>Immutable; safe from any thread.
 */
public record StyledSpan(int start, int end, TextStyle style) {

    public StyledSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
        if (style == null) {
            throw new NullPointerException("style");
        }
    }

    public int length() {
        return end - start;
    }
}
