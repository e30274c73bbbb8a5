package io.iotworkbench.serial.console;

import java.util.Locale;

/**
 * The five WM log levels, most severe first, with the letter the firmware prints in {@code [L] (ms) TAG: }, the name
 * the CLI's {@code log} command takes, and the colour the SDK uses when {@code CONFIG_LOG_USE_COLOR} is on
 * (wm-board.md §2, {@code wm_log.h}).
 *
 * <p>Immutable; safe from any thread.
 */
public enum LogLevel {
    ERROR('E', TerminalColor.RED),
    WARN('W', TerminalColor.YELLOW),
    INFO('I', TerminalColor.CYAN),
    DEBUG('D', TerminalColor.GREEN),
    VERBOSE('V', TerminalColor.BLUE);

    private final char letter;
    private final TerminalColor sdkColour;

    LogLevel(char letter, TerminalColor sdkColour) {
        this.letter = letter;
        this.sdkColour = sdkColour;
    }

    public char letter() {
        return letter;
    }

    /**
     * The SGR colour the WM SDK prints this level in: {@code E} red, {@code W} yellow, {@code I} cyan, {@code D}
     * green, {@code V} blue.
     */
    public TerminalColor sdkColour() {
        return sdkColour;
    }

    /** The SGR foreground code of {@link #sdkColour()}, e.g. 31 for red. */
    public int sgrCode() {
        return 30 + sdkColour.ordinal();
    }

    /** The name the firmware's {@code log} command uses: error, warn, info, debug, verbose. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level printed as {@code letter}, or null when the letter is not one of E, W, I, D, V. */
    public static LogLevel ofLetter(char letter) {
        return switch (letter) {
            case 'E' -> ERROR;
            case 'W' -> WARN;
            case 'I' -> INFO;
            case 'D' -> DEBUG;
            case 'V' -> VERBOSE;
            default -> null;
        };
    }

    /** True if a firmware set to {@code threshold} prints messages of this level. */
    public boolean isShownAt(LogLevel threshold) {
        return ordinal() <= threshold.ordinal();
    }
}
