package io.iotworkbench.serial.console;

import java.time.Instant;
import java.util.List;

/**
 * One decoded console line: its text without escape sequences, its styled runs, the host time its first byte
 * arrived, and what the WM firmware said about it.
 *
 * @param number       position in the stream, counted from 1 by the decoder; stable while older lines are dropped
 * @param time         host time the line's first byte arrived
 * @param text         the line's characters, escape sequences and line ends removed
 * @param spans        styled runs covering {@code text} from 0 to its length in order, without gaps (empty for an
 *                     empty line)
 * @param promptChip   the chip name when the line starts with the CLI prompt ({@code W800: }), else null
 * @param level        the WM log level from the line's {@code [L] (ms) TAG: } prefix, or inherited by a continuation;
 *                     null for lines that are not log output
 * @param deviceMillis milliseconds since boot from the prefix (inherited by continuations), or -1
 * @param tag          the log tag from the prefix (inherited by continuations), or null
 * @param prefixStart  index of the prefix's {@code [} in {@code text}, or -1 when the line has no prefix of its own
 * @param messageStart index where the message after {@code TAG: } starts, or 0 when there is no prefix
 * @param continuation true when the line carries on an earlier log record: the firmware printed a bare LF inside a
 *                     message, or the earlier line was split at the length bound
 * @param split        true when the line was cut at the decoder's length bound and carries on in the next line
 *
 * <p>Immutable; safe from any thread.
 */
public record SerialLine(long number, Instant time, String text, List<StyledSpan> spans, String promptChip,
                         LogLevel level, long deviceMillis, String tag, int prefixStart, int messageStart,
                         boolean continuation, boolean split) {

    public SerialLine {
        spans = List.copyOf(spans);
    }

    public boolean isPrompt() {
        return promptChip != null;
    }

    /** True when the line has a WM log prefix of its own (not only an inherited level). */
    public boolean hasLogPrefix() {
        return prefixStart >= 0;
    }

    /** The text after {@code TAG: }, or the whole text when the line has no prefix. */
    public String message() {
        return text.substring(messageStart);
    }

    /** True for the firmware's first boot line, {@code [I] (t) main: ver: <version> build at <date> <time>}. */
    public boolean isBootLine() {
        return hasLogPrefix() && "main".equals(tag) && text.startsWith("ver:", messageStart);
    }

    /** The firmware version of a {@linkplain #isBootLine() boot line}, or null. */
    public String bootVersion() {
        if (!isBootLine()) {
            return null;
        }
        String rest = text.substring(messageStart + 4).strip();
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }
}
