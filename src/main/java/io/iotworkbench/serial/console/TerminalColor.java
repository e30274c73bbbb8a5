package io.iotworkbench.serial.console;

/**
 * The sixteen foreground colours of ANSI SGR: the eight normal ones (codes 30–37) and their bright variants
 * (90–97). How each looks is the view's choice; the core only names them.
 *
 * <p>Immutable; safe from any thread.
 */
public enum TerminalColor {
    BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE,
    BRIGHT_BLACK, BRIGHT_RED, BRIGHT_GREEN, BRIGHT_YELLOW, BRIGHT_BLUE, BRIGHT_MAGENTA, BRIGHT_CYAN, BRIGHT_WHITE;

    private static final TerminalColor[] VALUES = values();

    /** The colour an SGR foreground code selects, or null when the code is not one of 30–37 or 90–97. */
    public static TerminalColor ofSgr(int code) {
        if (code >= 30 && code <= 37) {
            return VALUES[code - 30];
        }
        if (code >= 90 && code <= 97) {
            return VALUES[8 + code - 90];
        }
        return null;
    }
}
