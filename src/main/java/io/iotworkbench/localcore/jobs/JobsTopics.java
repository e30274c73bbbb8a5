package io.iotworkbench.localcore.jobs;

import java.util.Optional;

/**
 * Parses the jobs MQTT request topics {@code $aws/things/{thing}/jobs/...} (aws-iot-core.md §2.1). Topics the
 * service itself publishes (notify, notify-next, accepted, rejected) are not requests; any other topic under the
 * jobs namespace is an {@link Kind#INVALID_TOPIC} request. Stateless.
 */
public final class JobsTopics {

    public static final String NEXT = "$next";

    /** Which API a request topic names. */
    public enum Kind { GET_PENDING, START_NEXT, DESCRIBE, UPDATE, INVALID_TOPIC }

    /** A parsed request: {@code jobId} only for DESCRIBE and UPDATE. */
    public record Request(Kind kind, String thingName, String jobId, String topic) {
        public String accepted() {
            return topic + "/accepted";
        }

        public String rejected() {
            return topic + "/rejected";
        }
    }

    private JobsTopics() {
    }

    public static String prefix(String thingName) {
        return "$aws/things/" + thingName + "/jobs/";
    }

    public static Optional<Request> parse(String topic) {
        if (!topic.startsWith("$aws/things/")) {
            return Optional.empty();
        }
        String rest = topic.substring("$aws/things/".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || !rest.startsWith("jobs/", slash + 1) && !rest.substring(slash + 1).equals("jobs")) {
            return Optional.empty();
        }
        String thing = rest.substring(0, slash);
        String api = rest.length() > slash + 6 ? rest.substring(slash + 6) : "";
        if (api.equals("notify") || api.equals("notify-next") || api.endsWith("/accepted")
                || api.endsWith("/rejected")) {
            return Optional.empty();
        }
        if (api.equals("get")) {
            return Optional.of(new Request(Kind.GET_PENDING, thing, null, topic));
        }
        if (api.equals("start-next")) {
            return Optional.of(new Request(Kind.START_NEXT, thing, null, topic));
        }
        String[] parts = api.split("/", -1);
        if (parts.length == 2 && !parts[0].isEmpty()) {
            if (parts[1].equals("get")) {
                return Optional.of(new Request(Kind.DESCRIBE, thing, parts[0], topic));
            }
            if (parts[1].equals("update")) {
                return Optional.of(new Request(Kind.UPDATE, thing, parts[0], topic));
            }
        }
        return Optional.of(new Request(Kind.INVALID_TOPIC, thing, null, topic));
    }
}
