package io.iotworkbench.serial.cli;

import java.nio.charset.StandardCharsets;

/**
 * What the console appends to a line it sends. CR is the default because the WM CLI (letter-shell) runs the line on
 * CR and again on LF: with CRLF the LF arrives as a second, empty line and the board prints an extra prompt, which is
 * why the SDK's READMEs show runs of {@code W800:} lines (wm-board.md §2, {@code shellEnter} on both keys).
 *
 * <p>Immutable; safe from any thread.
 */
public enum LineEnding {
    CR("\r", "CR"),
    LF("\n", "LF"),
    CRLF("\r\n", "CR+LF");

    public static final LineEnding DEFAULT = CR;

    private final String chars;
    private final String label;

    LineEnding(String chars, String label) {
        this.chars = chars;
        this.label = label;
    }

    public String chars() {
        return chars;
    }

    public String label() {
        return label;
    }

    public byte[] bytes() {
        return chars.getBytes(StandardCharsets.US_ASCII);
    }

    /** The line in UTF-8 followed by this ending. */
    public byte[] terminate(String line) {
        return (line + chars).getBytes(StandardCharsets.UTF_8);
    }
}
