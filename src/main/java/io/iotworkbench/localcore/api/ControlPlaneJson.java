package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The control plane's JSON conventions: timestamps as epoch seconds with a millisecond fraction (JSON numbers, what
 * the SDK's rest-json unmarshaller reads as {@code Instant}), string maps, required fields and enum values, each
 * refusing bad input with InvalidRequestException. Stateless.
 */
final class ControlPlaneJson {

    private ControlPlaneJson() {
    }

    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    static ObjectNode putTime(ObjectNode node, String field, Instant instant) {
        return node.put(field, epochSeconds(instant));
    }

    static ObjectNode stringMap(Map<String, String> map) {
        ObjectNode node = ApiResponse.object();
        map.forEach(node::put);
        return node;
    }

    /** A JSON object of string values as a map; null when {@code node} is missing or null. */
    static Map<String, String> readStringMap(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid("The field " + field + " must be an object of strings.");
        }
        Map<String, String> result = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw invalid("The value of " + field + "." + e.getKey() + " must be a string.");
            }
            result.put(e.getKey(), e.getValue().asText());
        }
        return result;
    }

    static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw invalid("The parameter " + name + " is required.");
        }
        return value;
    }

    /** The enum constant named {@code value}; {@code absent} when value is null or empty. */
    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name, E absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name());
            }
            throw invalid("The " + name + " '" + value + "' is not valid; use one of " + allowed + ".");
        }
    }

    static AwsServiceException invalid(String message) {
        return new AwsServiceException(AwsErrorKind.INVALID_REQUEST, message);
    }
}
