package io.iotworkbench.serial.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns the bytes a WM board sends into {@link SerialLine}s, in the order they arrive, however the bytes are cut into
 * reads.
 * <ul>
 *   <li>Line ends: CR, LF and CRLF each end one line, mixed freely; a CRLF split between two reads is still one
 *       end.</li>
 *   <li>Text: UTF-8; malformed or truncated sequences become U+FFFD, never an exception. Tabs are kept, other control
 *       characters (NUL, BEL, the XMODEM bytes, C1 controls) are dropped, backspace removes the last character (the
 *       shell echoes {@code \b \b} when a key is deleted).</li>
 *   <li>ANSI: SGR sequences (foreground 30–37 and 90–97, 39, bold 1 and 22, reset 0) become {@link StyledSpan}s and
 *       the style carries over to later lines as on a terminal; every other escape sequence (cursor moves,
 *       {@code ESC[2J}, OSC titles) is removed. A sequence may be cut anywhere between reads; an unfinished one is
 *       kept until the next read and abandoned when a line end arrives inside it or it grows past a bound.</li>
 *   <li>Bounds: a line longer than {@code maxLineChars} is emitted in pieces marked {@link SerialLine#split()}; the
 *       pieces after the first are {@link SerialLine#continuation() continuations} of the same record.</li>
 *   <li>WM meaning: the prompt and the {@code [L] (ms) TAG: } prefix ({@link WmLineParser}). A log line that ends with
 *       a bare LF leaves its record open (the firmware prints multi-line messages such as pretty JSON with {@code \n}
 *       inside one {@code \r\n}-terminated record); following lines without a prefix or prompt inherit its level and
 *       tag as continuations until a line ends with CR or CRLF.</li>
 * </ul>
 * Each line carries the host time of its first byte, from the injected clock (read once per {@link #feed}).
 *
 * <p>Not thread-safe: one decoder belongs to one pipeline thread.
 */
public final class WmLogDecoder {

    public static final int DEFAULT_MAX_LINE_CHARS = 16 * 1024;

    private static final int MAX_SEQUENCE_BYTES = 64;
    private static final int MAX_STRING_BYTES = 1024;
    private static final int MAX_PARAMS = 16;
    private static final char REPLACEMENT = '\uFFFD';

    private enum Escape { NONE, ESC, ESC_INTERMEDIATE, CSI, STRING, STRING_ESC }

    private enum LineEnd { CR, LF, BOUND }

    private final Clock clock;
    private final int maxLineChars;
    private final StringBuilder text = new StringBuilder(128);
    private int[] runStarts = new int[8];
    private TextStyle[] runStyles = new TextStyle[8];
    private int runCount;
    private TextStyle style = TextStyle.PLAIN;
    private Instant feedTime;
    private Instant lineTime;
    private long nextNumber = 1;
    private boolean afterCr;

    private int utfRemaining;
    private int utfCodePoint;
    private int utfLow = 0x80;
    private int utfHigh = 0xBF;

    private Escape escape = Escape.NONE;
    private int escapeBytes;
    private final int[] params = new int[MAX_PARAMS];
    private int paramCount;
    private int paramValue = -1;
    private boolean csiPrivate;
    private boolean csiIntermediate;

    private SerialLine openRecord;
    private SerialLine splitFrom;

    public WmLogDecoder(Clock clock) {
        this(clock, DEFAULT_MAX_LINE_CHARS);
    }

    public WmLogDecoder(Clock clock, int maxLineChars) {
        if (maxLineChars < 16) {
            throw new IllegalArgumentException("maxLineChars must be at least 16, was " + maxLineChars);
        }
        this.clock = clock;
        this.maxLineChars = maxLineChars;
    }

    /** Decodes {@code length} bytes and hands every line they complete to {@code out}, in order. */
    public void feed(byte[] data, int offset, int length, Consumer<SerialLine> out) {
        feedTime = clock.instant();
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            accept(data[i] & 0xFF, out);
        }
    }

    /** Decodes a whole array and returns the lines it completes. */
    public List<SerialLine> feed(byte[] data) {
        List<SerialLine> lines = new ArrayList<>();
        feed(data, 0, data.length, lines::add);
        return lines;
    }

    /**
     * The line being received, not yet ended (the CLI prompt waits here for input), classified like a complete line
     * and numbered as the line it will become; empty when nothing has arrived since the last line end.
     */
    public Optional<SerialLine> partialLine() {
        if (text.length() == 0) {
            return Optional.empty();
        }
        return Optional.of(build(nextNumber, false));
    }

    /** Ends the line being received, if any, as if a CR had arrived (at close, or after a long silence). */
    public void flush(Consumer<SerialLine> out) {
        if (text.length() > 0) {
            endLine(LineEnd.CR, out);
        }
    }

    /** How many lines have been emitted. */
    public long lineCount() {
        return nextNumber - 1;
    }

    private void accept(int b, Consumer<SerialLine> out) {
        if (escape != Escape.NONE && !continueEscape(b)) {
            return;
        }
        if (utfRemaining > 0) {
            if (b >= utfLow && b <= utfHigh) {
                utfCodePoint = (utfCodePoint << 6) | (b & 0x3F);
                utfLow = 0x80;
                utfHigh = 0xBF;
                if (--utfRemaining == 0) {
                    appendCodePoint(utfCodePoint, out);
                }
                return;
            }
            utfRemaining = 0;
            appendChar(REPLACEMENT, out);
        }
        if (b == '\n') {
            if (afterCr) {
                afterCr = false;
            } else {
                endLine(LineEnd.LF, out);
            }
            return;
        }
        afterCr = false;
        if (b >= 0x20 && b < 0x7F) {
            appendChar((char) b, out);
        } else if (b < 0x80) {
            control(b, out);
        } else {
            startSequence(b, out);
        }
    }

    private void control(int b, Consumer<SerialLine> out) {
        switch (b) {
            case '\r' -> {
                endLine(LineEnd.CR, out);
                afterCr = true;
            }
            case '\t' -> appendChar('\t', out);
            case 0x08 -> backspace();
            case 0x1B -> {
                escape = Escape.ESC;
                escapeBytes = 1;
            }
            default -> {
                // NUL, BEL, XMODEM bytes, DEL and other controls carry no text
            }
        }
    }

    private void startSequence(int b, Consumer<SerialLine> out) {
        if (b >= 0xC2 && b <= 0xDF) {
            expect(1, b & 0x1F, 0x80, 0xBF);
        } else if (b >= 0xE0 && b <= 0xEF) {
            expect(2, b & 0x0F, b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF);
        } else if (b >= 0xF0 && b <= 0xF4) {
            expect(3, b & 0x07, b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF);
        } else {
            appendChar(REPLACEMENT, out);
        }
    }

    private void expect(int remaining, int bits, int low, int high) {
        utfRemaining = remaining;
        utfCodePoint = bits;
        utfLow = low;
        utfHigh = high;
    }

    /** Handles one byte inside an escape sequence; returns true when the byte must still be treated as text. */
    private boolean continueEscape(int b) {
        escapeBytes++;
        switch (escape) {
            case ESC -> {
                if (b == '[') {
                    escape = Escape.CSI;
                    paramCount = 0;
                    paramValue = -1;
                    csiPrivate = false;
                    csiIntermediate = false;
                } else if (b == ']' || b == 'P' || b == 'X' || b == '^' || b == '_') {
                    escape = Escape.STRING;
                } else if (b >= 0x20 && b <= 0x2F) {
                    escape = Escape.ESC_INTERMEDIATE;
                } else if (b >= 0x30 && b <= 0x7E) {
                    escape = Escape.NONE;
                } else if (b == 0x1B) {
                    escapeBytes = 1;
                } else {
                    escape = Escape.NONE;
                    return true;
                }
                return false;
            }
            case ESC_INTERMEDIATE -> {
                if (b >= 0x20 && b <= 0x2F && escapeBytes < MAX_SEQUENCE_BYTES) {
                    return false;
                }
                escape = Escape.NONE;
                return !(b >= 0x20 && b <= 0x7E);
            }
            case CSI -> {
                return continueCsi(b);
            }
            case STRING -> {
                if (b == 0x07) {
                    escape = Escape.NONE;
                } else if (b == 0x1B) {
                    escape = Escape.STRING_ESC;
                } else if (b == '\r' || b == '\n' || escapeBytes > MAX_STRING_BYTES) {
                    escape = Escape.NONE;
                    return b == '\r' || b == '\n';
                }
                return false;
            }
            case STRING_ESC -> {
                if (b == '\\') {
                    escape = Escape.NONE;
                    return false;
                }
                escape = Escape.ESC;
                escapeBytes = 1;
                return continueEscape(b);
            }
            default -> {
                return true;
            }
        }
    }

    private boolean continueCsi(int b) {
        if (b >= '0' && b <= '9') {
            paramValue = Math.min(9_999, (paramValue < 0 ? 0 : paramValue * 10) + (b - '0'));
        } else if (b == ';' || b == ':') {
            pushParam();
        } else if (b >= 0x3C && b <= 0x3F) {
            csiPrivate = true;
        } else if (b >= 0x20 && b <= 0x2F) {
            csiIntermediate = true;
        } else if (b >= 0x40 && b <= 0x7E) {
            escape = Escape.NONE;
            if (b == 'm' && !csiPrivate && !csiIntermediate) {
                if (paramValue >= 0 || paramCount > 0) {
                    pushParam();
                }
                applySgr();
            }
            return false;
        } else if (b == 0x1B) {
            escape = Escape.ESC;
            escapeBytes = 1;
            return false;
        } else {
            escape = Escape.NONE;
            return true;
        }
        if (escapeBytes > MAX_SEQUENCE_BYTES) {
            escape = Escape.NONE;
        }
        return false;
    }

    private void pushParam() {
        if (paramCount < MAX_PARAMS) {
            params[paramCount++] = Math.max(0, paramValue);
        }
        paramValue = -1;
    }

    private void applySgr() {
        TerminalColor foreground = style.foreground();
        boolean bold = style.bold();
        if (paramCount == 0) {
            foreground = null;
            bold = false;
        }
        for (int i = 0; i < paramCount; i++) {
            int p = params[i];
            if (p == 0) {
                foreground = null;
                bold = false;
            } else if (p == 1) {
                bold = true;
            } else if (p == 22) {
                bold = false;
            } else if (p == 39) {
                foreground = null;
            } else if (p == 38 || p == 48) {
                if (i + 1 < paramCount && params[i + 1] == 5) {
                    i += 2;
                } else if (i + 1 < paramCount && params[i + 1] == 2) {
                    i += 4;
                }
            } else {
                TerminalColor colour = TerminalColor.ofSgr(p);
                if (colour != null) {
                    foreground = colour;
                }
            }
        }
        style = TextStyle.of(foreground, bold);
    }

    private void appendCodePoint(int codePoint, Consumer<SerialLine> out) {
        if (codePoint >= 0x80 && codePoint <= 0x9F) {
            return;
        }
        if (Character.isBmpCodePoint(codePoint)) {
            appendChar((char) codePoint, out);
            return;
        }
        if (text.length() + 2 > maxLineChars) {
            endLine(LineEnd.BOUND, out);
        }
        appendChar(Character.highSurrogate(codePoint), out);
        appendChar(Character.lowSurrogate(codePoint), out);
    }

    private void appendChar(char c, Consumer<SerialLine> out) {
        if (text.length() >= maxLineChars) {
            endLine(LineEnd.BOUND, out);
        }
        if (lineTime == null) {
            lineTime = feedTime;
        }
        if (runCount == 0 || runStyles[runCount - 1] != style) {
            if (runCount == runStarts.length) {
                runStarts = java.util.Arrays.copyOf(runStarts, runCount * 2);
                runStyles = java.util.Arrays.copyOf(runStyles, runCount * 2);
            }
            runStarts[runCount] = text.length();
            runStyles[runCount] = style;
            runCount++;
        }
        text.append(c);
    }

    private void backspace() {
        int n = text.length();
        if (n == 0) {
            return;
        }
        int cut = n - 1;
        if (cut > 0 && Character.isLowSurrogate(text.charAt(cut)) && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        text.setLength(cut);
        while (runCount > 0 && runStarts[runCount - 1] >= cut) {
            runCount--;
        }
    }

    private void endLine(LineEnd end, Consumer<SerialLine> out) {
        SerialLine line = build(nextNumber++, end == LineEnd.BOUND);
        text.setLength(0);
        runCount = 0;
        lineTime = null;
        switch (end) {
            case BOUND -> splitFrom = line;
            case LF -> {
                splitFrom = null;
                openRecord = line.level() != null ? line : null;
            }
            case CR -> {
                splitFrom = null;
                openRecord = null;
            }
        }
        out.accept(line);
    }

    private SerialLine build(long number, boolean split) {
        String s = text.toString();
        List<StyledSpan> spans = spans(s.length());
        Instant time = lineTime != null ? lineTime : feedTime != null ? feedTime : clock.instant();
        if (splitFrom != null) {
            return continuation(number, time, s, spans, splitFrom, split);
        }
        WmLineParser.Parts parts = WmLineParser.parse(s);
        if (!parts.hasLogPrefix() && parts.promptChip() == null && openRecord != null) {
            return continuation(number, time, s, spans, openRecord, split);
        }
        return new SerialLine(number, time, s, spans, parts.promptChip(), parts.level(), parts.deviceMillis(),
                parts.tag(), parts.prefixStart(), parts.messageStart(), false, split);
    }

    private static SerialLine continuation(long number, Instant time, String s, List<StyledSpan> spans,
                                           SerialLine from, boolean split) {
        return new SerialLine(number, time, s, spans, null, from.level(), from.deviceMillis(), from.tag(), -1, 0,
                true, split);
    }

    private List<StyledSpan> spans(int length) {
        if (length == 0) {
            return List.of();
        }
        if (runCount == 1) {
            return List.of(new StyledSpan(0, length, runStyles[0]));
        }
        List<StyledSpan> spans = new ArrayList<>(runCount);
        for (int i = 0; i < runCount; i++) {
            int start = runStarts[i];
            int end = i + 1 < runCount ? runStarts[i + 1] : length;
            if (end <= start) {
                continue;
            }
            int last = spans.size() - 1;
            if (last >= 0 && spans.get(last).style() == runStyles[i]) {
                spans.set(last, new StyledSpan(spans.get(last).start(), end, runStyles[i]));
            } else {
                spans.add(new StyledSpan(start, end, runStyles[i]));
            }
        }
        return spans;
    }
}
