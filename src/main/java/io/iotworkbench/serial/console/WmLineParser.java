package io.iotworkbench.serial.console;

/**
 * Finds the WM parts of one line of text: the CLI prompt at its start ({@code W800: }, any W80x/W90x chip name) and
 * the log prefix {@code [L] (ms) TAG: } with L one of E, W, I, D, V. The prefix may follow the prompt or other text
 * on the same line, because log lines from other tasks land right after an unterminated prompt (wm-board.md §2).
 *
 * <p>Stateless; safe from any thread.
 */
public final class WmLineParser {

    private static final int MAX_TAG = 64;
    private static final int MAX_DIGITS = 10;

    /** What {@link #parse} found; fields are null or -1 when absent. */
    public record Parts(String promptChip, int promptEnd, LogLevel level, long deviceMillis, String tag,
                        int prefixStart, int messageStart) {

        static final Parts NONE = new Parts(null, 0, null, -1, null, -1, 0);

        public boolean hasLogPrefix() {
            return level != null;
        }
    }

    private WmLineParser() {
    }

    public static Parts parse(String text) {
        String chip = null;
        int from = promptEnd(text);
        if (from > 0) {
            chip = text.substring(0, from - 2);
        }
        int at = text.indexOf('[', from);
        while (at >= 0) {
            Parts parts = prefixAt(text, at, chip, from);
            if (parts != null) {
                return parts;
            }
            at = text.indexOf('[', at + 1);
        }
        return chip == null ? Parts.NONE : new Parts(chip, from, null, -1, null, -1, 0);
    }

    /** The index after {@code W800: } when {@code text} starts with a CLI prompt, else 0. */
    public static int promptEnd(String text) {
        int n = text.length();
        if (n < 6 || text.charAt(0) != 'W') {
            return 0;
        }
        for (int i = 1; i <= 3; i++) {
            if (!isDigit(text.charAt(i))) {
                return 0;
            }
        }
        int i = 4;
        while (i < n && i < 6 && text.charAt(i) >= 'A' && text.charAt(i) <= 'Z') {
            i++;
        }
        if (i + 1 < n && text.charAt(i) == ':' && text.charAt(i + 1) == ' ') {
            return i + 2;
        }
        return 0;
    }

    private static Parts prefixAt(String text, int at, String chip, int promptEnd) {
        int n = text.length();
        if (at + 6 >= n || text.charAt(at + 2) != ']' || text.charAt(at + 3) != ' ' || text.charAt(at + 4) != '(') {
            return null;
        }
        LogLevel level = LogLevel.ofLetter(text.charAt(at + 1));
        if (level == null) {
            return null;
        }
        int i = at + 5;
        long millis = 0;
        int digits = 0;
        while (i < n && isDigit(text.charAt(i)) && digits < MAX_DIGITS) {
            millis = millis * 10 + (text.charAt(i) - '0');
            i++;
            digits++;
        }
        if (digits == 0 || i + 1 >= n || text.charAt(i) != ')' || text.charAt(i + 1) != ' ') {
            return null;
        }
        int tagStart = i + 2;
        int j = tagStart;
        while (j < n && j - tagStart <= MAX_TAG) {
            char c = text.charAt(j);
            if (c == ':') {
                break;
            }
            if (c <= ' ') {
                return null;
            }
            j++;
        }
        if (j == tagStart || j >= n || text.charAt(j) != ':') {
            return null;
        }
        int messageStart = j + 1 < n && text.charAt(j + 1) == ' ' ? j + 2 : j + 1;
        return new Parts(chip, promptEnd, level, millis, text.substring(tagStart, j), at, messageStart);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
