package io.iotworkbench.shadow;

import java.util.Optional;

/**
 * Builds and parses Device Shadow topics.
 *
 * <p>Parsing follows the Device Shadow library for Embedded C: after {@code $aws/things/} the thing name runs to the
 * next {@code /}; if the rest starts with {@code /shadow/name/} the shadow name runs to the next {@code /}, otherwise
 * the rest must start with {@code /shadow}; what remains must be exactly one operation and optional suffix
 * ({@code /get}, {@code /update/delta}, ...). Topics are case-sensitive. Beyond the C library's length checks, the
 * names must also match {@link ShadowNames}' patterns, so a topic this class accepts can always be answered.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShadowTopics {

    public static final String THINGS_PREFIX = "$aws/things/";
    private static final String CLASSIC_ROOT = "/shadow";
    private static final String NAMED_ROOT = "/shadow/name/";

    private ShadowTopics() {
    }

    /** {@code $aws/things/{thing}/shadow} or {@code $aws/things/{thing}/shadow/name/{shadow}}. */
    public static String prefix(String thingName, String shadowName) {
        ShadowNames.requireThingName(thingName);
        ShadowNames.requireShadowName(shadowName);
        return ShadowNames.CLASSIC.equals(shadowName)
                ? THINGS_PREFIX + thingName + CLASSIC_ROOT
                : THINGS_PREFIX + thingName + NAMED_ROOT + shadowName;
    }

    /** The topic of one operation; {@code shadowName} "" for the classic shadow. */
    public static String topic(String thingName, String shadowName, ShadowTopic.Operation operation,
                               ShadowTopic.Suffix suffix) {
        return new ShadowTopic(thingName, shadowName, operation, suffix).topic();
    }

    /** The request topic of one operation. */
    public static String topic(String thingName, String shadowName, ShadowTopic.Operation operation) {
        return topic(thingName, shadowName, operation, ShadowTopic.Suffix.NONE);
    }

    /** The topic taken apart, or empty when it is not a Device Shadow topic. */
    public static Optional<ShadowTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(THINGS_PREFIX)) {
            return Optional.empty();
        }
        int thingEnd = topic.indexOf('/', THINGS_PREFIX.length());
        if (thingEnd < 0) {
            return Optional.empty();
        }
        String thingName = topic.substring(THINGS_PREFIX.length(), thingEnd);
        String rest = topic.substring(thingEnd);
        String shadowName;
        if (rest.startsWith(NAMED_ROOT)) {
            int nameStart = NAMED_ROOT.length();
            int nameEnd = rest.indexOf('/', nameStart);
            if (nameEnd < 0) {
                return Optional.empty();
            }
            shadowName = rest.substring(nameStart, nameEnd);
            rest = rest.substring(nameEnd);
            if (!ShadowNames.isValidShadowName(shadowName)) {
                return Optional.empty();
            }
        } else if (rest.startsWith(CLASSIC_ROOT)) {
            shadowName = ShadowNames.CLASSIC;
            rest = rest.substring(CLASSIC_ROOT.length());
        } else {
            return Optional.empty();
        }
        if (!ShadowNames.isValidThingName(thingName)) {
            return Optional.empty();
        }
        return operationAndSuffix(rest).map(os -> new ShadowTopic(thingName, shadowName, os.operation, os.suffix));
    }

    private record OperationAndSuffix(ShadowTopic.Operation operation, ShadowTopic.Suffix suffix) {
    }

    /** {@code rest} is e.g. {@code /update} or {@code /update/accepted}. */
    private static Optional<OperationAndSuffix> operationAndSuffix(String rest) {
        for (ShadowTopic.Operation operation : ShadowTopic.Operation.values()) {
            for (ShadowTopic.Suffix suffix : ShadowTopic.Suffix.values()) {
                if (suffix.appliesTo(operation) && rest.equals(levels(operation, suffix))) {
                    return Optional.of(new OperationAndSuffix(operation, suffix));
                }
            }
        }
        return Optional.empty();
    }

    private static String levels(ShadowTopic.Operation operation, ShadowTopic.Suffix suffix) {
        return suffix == ShadowTopic.Suffix.NONE ? "/" + operation.word() : "/" + operation.word() + "/"
                + suffix.word();
    }
}
