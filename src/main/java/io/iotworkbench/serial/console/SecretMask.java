package io.iotworkbench.serial.console;

import io.iotworkbench.diagnostics.Redactor;

import java.util.ArrayList;
import java.util.List;

/**
 * Masks secrets in decoded console lines with {@link Redactor}'s ranges, keeping the styled spans and the log prefix
 * positions consistent with the shorter or longer text. The console pipeline masks Wi-Fi passwords in every line
 * before it is stored, so no view, copy, export, log file or timeline ever sees them.
 *
 * <p>Stateless; safe from any thread.
 */
public final class SecretMask {

    private SecretMask() {
    }

    /** {@code line} with Wi-Fi passwords masked (the same instance when there is none). */
    public static SerialLine always(SerialLine line) {
        return line == null ? null : mask(line, Redactor.alwaysRanges(line.text()));
    }

    /** {@code line} with {@code ranges} of its text replaced by {@link Redactor#MASK}. */
    public static SerialLine mask(SerialLine line, List<Redactor.Range> ranges) {
        if (ranges.isEmpty()) {
            return line;
        }
        String text = Redactor.apply(line.text(), ranges);
        List<StyledSpan> spans = new ArrayList<>(line.spans().size() + 1);
        for (StyledSpan span : line.spans()) {
            int start = map(span.start(), ranges, false);
            int end = map(span.end(), ranges, true);
            if (end > start) {
                spans.add(new StyledSpan(start, end, span.style()));
            }
        }
        spans = cover(spans, text.length());
        int prefix = line.prefixStart() < 0 ? -1 : map(line.prefixStart(), ranges, false);
        int message = map(line.messageStart(), ranges, false);
        return new SerialLine(line.number(), line.time(), text, spans, line.promptChip(), line.level(),
                line.deviceMillis(), line.tag(), prefix, message, line.continuation(), line.split());
    }

    /** Where old index {@code at} lands in the masked text; inside a range: its start (or its end for an end). */
    private static int map(int at, List<Redactor.Range> ranges, boolean isEnd) {
        int shift = 0;
        for (Redactor.Range r : ranges) {
            if (at <= r.start()) {
                break;
            }
            if (at < r.end()) {
                return r.start() + shift + (isEnd ? Redactor.MASK.length() : 0);
            }
            shift += Redactor.MASK.length() - (r.end() - r.start());
        }
        return at + shift;
    }

    /** Makes the spans cover {@code [0, length)} in order without gaps or overlaps, as {@link SerialLine} asks. */
    private static List<StyledSpan> cover(List<StyledSpan> spans, int length) {
        List<StyledSpan> out = new ArrayList<>(spans.size());
        int at = 0;
        for (StyledSpan s : spans) {
            int start = Math.max(s.start(), at);
            int end = Math.min(s.end(), length);
            if (start > at) {
                out.add(new StyledSpan(at, start, s.style()));
            }
            if (end > start) {
                out.add(new StyledSpan(start, end, s.style()));
                at = end;
            }
        }
        if (at < length) {
            TextStyle last = out.isEmpty() ? TextStyle.PLAIN : out.get(out.size() - 1).style();
            out.add(new StyledSpan(at, length, last));
        }
        return out;
    }
}
