package io.iotworkbench.localcore.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * How the Local IoT Core applies IoT policies: {@code ENFORCE} refuses what AWS would refuse, {@code LOG} allows
 * everything but records what AWS would deny (the migration mode), {@code OFF} neither evaluates nor records.
 */
public enum PolicyMode {
    ENFORCE, LOG, OFF;

    /** The mode named on the command line ({@code enforce|log|off}), any case. */
    public static Optional<PolicyMode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (PolicyMode m : values()) {
            if (m.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The word the command line and the Local profile's status use. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
