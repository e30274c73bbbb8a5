package io.iotworkbench.mqtt;

import io.iotworkbench.registry.ThingNames;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * AWS IoT Core's MQTT rules for topics, filters, payloads, client ids and keep-alive (aws-iot-core.md §3), checked the
 * same way by the MQTT pane before it sends and by the Local IoT Core when a client sends. Each check returns the
 * problem in words, or empty when the input is fine.
 *
 * <p>Stateless and thread-safe.
 */
public final class AwsMqttLimits {

    public static final int MAX_TOPIC_BYTES = 256;
    public static final int MAX_SLASHES = 7;
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024;
    public static final int MAX_CLIENT_ID_BYTES = 128;
    public static final int MAX_FILTERS_PER_SUBSCRIBE = 8;
    public static final int MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
    public static final int MIN_KEEP_ALIVE = 30;
    public static final int MAX_KEEP_ALIVE = 1200;

    private AwsMqttLimits() {
    }

    /** Problems of a topic a client publishes to (no wildcards allowed). */
    public static Optional<String> checkTopicName(String topic) {
        if (topic == null || topic.isEmpty()) {
            return Optional.of("The topic is empty.");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return Optional.of("Wildcards (+ and #) are only allowed in subscriptions, not in a topic you publish to.");
        }
        return checkLength(topic, "topic");
    }

    /** Problems of a subscription filter: wildcards must take a whole level and # must come last. */
    public static Optional<String> checkTopicFilter(String filter) {
        if (filter == null || filter.isEmpty()) {
            return Optional.of("The topic filter is empty.");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return Optional.of("'#' must be a whole level and the last one, as in sensors/#.");
            }
            if (level.contains("+") && !level.equals("+")) {
                return Optional.of("'+' must be a whole level, as in sensors/+/temperature.");
            }
        }
        return checkLength(filter, "topic filter");
    }

    private static Optional<String> checkLength(String topic, String what) {
        String counted = withoutIgnoredPrefix(topic);
        int bytes = counted.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TOPIC_BYTES) {
            return Optional.of("The " + what + " is " + bytes + " bytes; AWS IoT allows at most " + MAX_TOPIC_BYTES
                    + ".");
        }
        long slashes = counted.chars().filter(c -> c == '/').count();
        if (slashes > MAX_SLASHES) {
            return Optional.of("The " + what + " has " + slashes + " slashes; AWS IoT allows at most " + MAX_SLASHES
                    + " (8 levels).");
        }
        return Optional.empty();
    }

    /** The Basic Ingest prefix {@code $aws/rules/<rule>/} and {@code $share/<group>/} do not count toward the limits.
     * */
    static String withoutIgnoredPrefix(String topic) {
        for (String prefix : new String[] {"$aws/rules/", "$share/"}) {
            if (topic.startsWith(prefix)) {
                int next = topic.indexOf('/', prefix.length());
                return next < 0 ? "" : topic.substring(next + 1);
            }
        }
        return topic;
    }

    public static Optional<String> checkPayload(int bytes) {
        if (bytes > MAX_PAYLOAD_BYTES) {
            return Optional.of("The payload is " + bytes + " bytes; AWS IoT allows at most " + MAX_PAYLOAD_BYTES
                    + " bytes (128 KB) per message.");
        }
        return Optional.empty();
    }

    public static Optional<String> checkQos(int qos) {
        if (qos != 0 && qos != 1) {
            return Optional.of("AWS IoT supports QoS 0 and 1 only; QoS " + qos + " is not acknowledged.");
        }
        return Optional.empty();
    }

    public static Optional<String> checkClientId(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.of("Give a client id: AWS IoT does not accept an empty one.");
        }
        if (clientId.getBytes(StandardCharsets.UTF_8).length > MAX_CLIENT_ID_BYTES) {
            return Optional.of("The client id is longer than " + MAX_CLIENT_ID_BYTES + " bytes.");
        }
        if (clientId.startsWith("$")) {
            return Optional.of("Client ids starting with '$' are reserved for AWS.");
        }
        return Optional.empty();
    }

    /** The keep-alive AWS applies: 0 or more than 1200 s means 1200 s; 1 to 29 s means 30 s. */
    public static int clampKeepAlive(int seconds) {
        if (seconds <= 0 || seconds > MAX_KEEP_ALIVE) {
            return MAX_KEEP_ALIVE;
        }
        return Math.max(MIN_KEEP_ALIVE, seconds);
    }

    /**
     * Whether a client may publish to a reserved ({@code $}) topic. Clients may publish to the request topics of the
     * shadow, jobs and stream (MQTT-based file delivery) APIs and to
     * Basic Ingest ({@code $aws/rules/...}); never to response, event or other reserved
     * topics.
     *
     * @return the problem, or empty when allowed (non-reserved topics are always allowed here)
     */
    public static Optional<String> checkClientPublishToReserved(String topic, boolean retain) {
        if (!topic.startsWith("$")) {
            return Optional.empty();
        }
        if (retain) {
            return Optional.of("Publishing with RETAIN to a reserved topic (" + topic + ") is not allowed.");
        }
        if (topic.startsWith("$aws/rules/")) {
            return Optional.empty();
        }
        String[] p = topic.split("/", -1);
        if (p.length >= 5 && p[0].equals("$aws") && p[1].equals("things") && ThingNames.isValid(p[2])) {
            if (p[3].equals("shadow")) {
                int op = p.length >= 7 && p[4].equals("name") ? 6 : 4;
                if (p.length == op + 1 && (p[op].equals("get") || p[op].equals("update") || p[op].equals("delete"))) {
                    return Optional.empty();
                }
            } else if (p[3].equals("jobs")) {
                boolean request = (p.length == 5 && (p[4].equals("get") || p[4].equals("start-next")))
                        || (p.length == 6 && (p[5].equals("get") || p[5].equals("update")));
                if (request) {
                    return Optional.empty();
                }
            } else if (p[3].equals("streams") && p.length == 7 && (p[5].equals("get") || p[5].equals("describe"))
                    && (p[6].equals("json") || p[6].equals("cbor"))) {
                return Optional.empty(); // MQTT-based file delivery requests
            }
        }
        return Optional.of("Clients may not publish to the reserved topic " + topic
                + " (only shadow, jobs and stream request topics and $aws/rules/ are allowed).");
    }
}
