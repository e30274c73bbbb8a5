package io.iotworkbench.serial.console;

/**
 * How a run of console text is drawn: a foreground colour (null for the view's default) and bold. There are only
 * 34 distinct styles, so {@link #of} hands out shared instances and decoding allocates none.
 *
 * <p>Immutable; safe from any thread.
 */
public record TextStyle(TerminalColor foreground, boolean bold) {

    public static final TextStyle PLAIN = new TextStyle(null, false);

    private static final TextStyle[] SHARED = new TextStyle[(TerminalColor.values().length + 1) * 2];

    static {
        for (int c = 0; c <= TerminalColor.values().length; c++) {
            TerminalColor colour = c == 0 ? null : TerminalColor.values()[c - 1];
            SHARED[c * 2] = c == 0 ? PLAIN : new TextStyle(colour, false);
            SHARED[c * 2 + 1] = new TextStyle(colour, true);
        }
    }

    public static TextStyle of(TerminalColor foreground, boolean bold) {
        int c = foreground == null ? 0 : foreground.ordinal() + 1;
        return SHARED[c * 2 + (bold ? 1 : 0)];
    }
}
