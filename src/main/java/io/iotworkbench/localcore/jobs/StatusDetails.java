package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads and checks a {@code statusDetails} map against the limits of aws-iot-core.md §2.3: keys 1–128 chars of
 * {@code [a-zA-Z0-9:_-]}, values 1–1024 chars without control characters, any number of pairs. Stateless.
 */
public final class StatusDetails {

    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");
    private static final Pattern VALUE = Pattern.compile("[^\\p{C}]{1,1024}");

    private StatusDetails() {
    }

    /** The map, or null when {@code node} is missing or null; IllegalArgumentException saying what is wrong. */
    public static Map<String, String> read(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("statusDetails must be an object of strings");
        }
        Map<String, String> map = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("statusDetails." + e.getKey() + " must be a string");
            }
            map.put(e.getKey(), e.getValue().asText());
        }
        check(map);
        return map;
    }

    public static void check(Map<String, String> map) {
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!KEY.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("statusDetails key '" + e.getKey()
                        + "' must be 1-128 characters of a-z, A-Z, 0-9, ':', '_' or '-'");
            }
            if (!VALUE.matcher(e.getValue()).matches()) {
                throw new IllegalArgumentException("statusDetails value of '" + e.getKey()
                        + "' must be 1-1024 characters without control characters");
            }
        }
    }
}
