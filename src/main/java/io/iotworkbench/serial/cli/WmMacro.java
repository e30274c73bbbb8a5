package io.iotworkbench.serial.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A macro button of the console: CLI lines sent one after the other (each once the prompt is back), with
 * placeholders such as {@code {SSID}} that the user is asked for before anything is sent. {@link #awsDemo()} is the
 * AWS demo sequence of the WM SDK: {@code wifi init}, {@code wifi connect SSID PWD}, {@code ntp start},
 * {@code aws_led}.
 *
 * <p>Immutable; safe from any thread.
 */
public record WmMacro(String label, List<String> lines) {

    public static final String SSID = "SSID";
    public static final String PASSWORD = "PASSWORD";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Z_]+)}");

    public WmMacro {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a macro needs at least one line");
        }
    }

    /** The buttons of the AWS demo: each step on its own and the whole sequence. */
    public static List<WmMacro> awsDemo() {
        return List.of(
                new WmMacro("wifi init", List.of("wifi init")),
                new WmMacro("wifi connect", List.of("wifi connect {SSID} {PASSWORD}")),
                new WmMacro("ntp start", List.of("ntp start")),
                new WmMacro("aws_led", List.of("aws_led")),
                new WmMacro("AWS demo sequence", List.of("wifi init", "wifi connect {SSID} {PASSWORD}", "ntp start",
                        "aws_led")));
    }

    /** The placeholder names the user must fill in, in first-use order. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            Matcher m = PLACEHOLDER.matcher(line);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * The lines with every placeholder replaced.
     *
     * @throws IllegalArgumentException naming the first value that is missing, or that the WM CLI would split (it
     *                                  separates arguments at blanks and commas)
     */
    public List<String> expand(Map<String, String> values) {
        for (String name : placeholders()) {
            String value = values.get(name);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("Enter the " + describe(name) + ".");
            }
            if (value.chars().anyMatch(c -> Character.isWhitespace(c) || c == ',')) {
                throw new IllegalArgumentException("The " + describe(name) + " cannot contain blanks or commas: "
                        + "the WM CLI splits arguments there.");
            }
        }
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            Matcher m = PLACEHOLDER.matcher(line);
            StringBuilder s = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(s, Matcher.quoteReplacement(values.get(m.group(1))));
            }
            m.appendTail(s);
            out.add(s.toString());
        }
        return out;
    }

    /** True when the macro asks for a password (so the view masks the field and the lines stay out of history). */
    public boolean hasSecret() {
        return placeholders().contains(PASSWORD);
    }

    private static String describe(String name) {
        return switch (name) {
            case SSID -> "Wi-Fi network name (SSID)";
            case PASSWORD -> "Wi-Fi password";
            default -> name.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
