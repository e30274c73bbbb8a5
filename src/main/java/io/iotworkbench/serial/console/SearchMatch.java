package io.iotworkbench.serial.console;

/**
 * One occurrence of a search text: the {@link SerialLine#number() line number} and the character range
 * {@code [start, end)} in that line's text.
 *
 * <p>Immutable; safe from any thread.
 */
public record SearchMatch(long lineNumber, int start, int end) {
}
