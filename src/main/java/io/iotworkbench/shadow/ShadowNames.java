package io.iotworkbench.shadow;

import io.iotworkbench.registry.ThingNames;
import java.util.regex.Pattern;

/**
 * The naming rules of AWS IoT things and shadows (the iot-data service model): a thing name is 1–128 characters of
 * {@code [a-zA-Z0-9:_-]}, a shadow name 1–64 characters of {@code [$a-zA-Z0-9:_-]}. The classic (unnamed) shadow is
 * written as the empty shadow name {@value #CLASSIC} throughout the shadow code.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShadowNames {

    /** The shadow name that stands for the classic (unnamed) shadow. */
    public static final String CLASSIC = "";
    public static final int MAX_THING_NAME_LENGTH = ThingNames.MAX_LENGTH;
    public static final int MAX_SHADOW_NAME_LENGTH = 64;
    /** How error messages call the classic shadow (the Greengrass Shadow Manager's wording). */
    public static final String CLASSIC_DISPLAY_NAME = "Unnamed Shadow";

    private static final Pattern SHADOW = Pattern.compile("[$a-zA-Z0-9:_-]{1," + MAX_SHADOW_NAME_LENGTH + "}");

    private ShadowNames() {
    }

    public static boolean isValidThingName(String name) {
        return ThingNames.isValid(name);
    }

    /** True for a valid named shadow's name; false for the classic shadow's empty name. */
    public static boolean isValidShadowName(String name) {
        return name != null && SHADOW.matcher(name).matches();
    }

    /** @throws IllegalArgumentException when {@code name} is not a valid thing name */
    public static String requireThingName(String name) {
        if (!isValidThingName(name)) {
            throw new IllegalArgumentException("Invalid thing name '" + name + "': use 1 to " + MAX_THING_NAME_LENGTH
                    + " characters of a-z, A-Z, 0-9, ':', '_' and '-'");
        }
        return name;
    }

    /** @throws IllegalArgumentException when {@code name} is neither {@link #CLASSIC} nor a valid shadow name */
    public static String requireShadowName(String name) {
        if (!CLASSIC.equals(name) && !isValidShadowName(name)) {
            throw new IllegalArgumentException("Invalid shadow name '" + name + "': use 1 to " + MAX_SHADOW_NAME_LENGTH
                    + " characters of a-z, A-Z, 0-9, '$', ':', '_' and '-'");
        }
        return name;
    }

    /** The name error messages use: the shadow's name, or {@value #CLASSIC_DISPLAY_NAME} for the classic one. */
    public static String displayName(String shadowName) {
        return CLASSIC.equals(shadowName) ? CLASSIC_DISPLAY_NAME : shadowName;
    }
}
