package io.iotworkbench.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON conventions of the shadow code: how documents are parsed, written and compared.
 *
 * <ul>
 *   <li>Numbers keep their exact written form: decimals are read as {@link java.math.BigDecimal} without stripping
 *       trailing zeros, so {@code 1.10} is echoed as {@code 1.10} and never rounded through a double.</li>
 *   <li>A document with a duplicate key or anything after its top-level value is not valid JSON.</li>
 *   <li>Equality is semantic for numbers ({@code 1}, {@code 1.0} and {@code 1e0} are equal, by
 *       {@code BigDecimal.compareTo}), at any depth, and plain JSON equality for everything else.</li>
 * </ul>
 *
 * <p>Thread-safe: the mapper is configured once and never changed.
 */
public final class ShadowJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private ShadowJson() {
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Parses one JSON value.
     *
     * @throws JsonProcessingException when the text is not exactly one valid JSON value
     */
    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /**
     * Parses a JSON object this code wrote itself (a stored state or metadata).
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public static ObjectNode parseObject(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (!node.isObject()) {
                throw new IllegalArgumentException("not a JSON object: " + abbreviate(text));
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + abbreviate(text), e);
        }
    }

    /** Compact JSON text. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact JSON as UTF-8 bytes, as it goes on the wire. */
    /** Pretty-printed (2-space indentation) JSON text, for editors and viewers. */
    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static byte[] toBytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8);
    }

    /** Size of the compact UTF-8 form, in bytes; 0 for null. */
    public static int sizeInBytes(JsonNode node) {
        return node == null ? 0 : toBytes(node).length;
    }

    /** JSON equality, except that numbers are equal when their values are ({@code 1} equals {@code 1.0}). */
    public static boolean semanticEquals(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : a.properties()) {
                if (!semanticEquals(field.getValue(), b.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!semanticEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
