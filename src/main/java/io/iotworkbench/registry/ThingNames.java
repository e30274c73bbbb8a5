package io.iotworkbench.registry;

import java.util.regex.Pattern;

/**
 * AWS IoT's rule for thing names, the one place it is written: 1 to 128 characters from a-z, A-Z, 0-9, ':', '_'
 * and '-'. The panes, the command line, the MQTT limits, the shadow service and the Local IoT Core's registry all ask
 * here. Stateless and thread-safe.
 */
public final class ThingNames {

    /** The longest thing name AWS IoT accepts. */
    public static final int MAX_LENGTH = 128;

    /** The pattern as a regular-expression fragment, for patterns that contain a thing name (topics). */
    public static final String REGEX = "[a-zA-Z0-9:_-]{1," + MAX_LENGTH + "}";

    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private ThingNames() {
    }

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /** Why {@code name} is not a valid thing name, in plain words, or empty when it is. */
    public static java.util.Optional<String> problem(String name) {
        return isValid(name) ? java.util.Optional.empty() : java.util.Optional.of("The thing name '" + name
                + "' is not valid: use 1 to 128 letters, digits, ':', '_' or '-'.");
    }

    /**
     * Returns {@code name} when valid.
     *
     * @throws IllegalArgumentException saying the rule in plain words
     */
    public static String require(String name) {
        problem(name).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return name;
    }
}
