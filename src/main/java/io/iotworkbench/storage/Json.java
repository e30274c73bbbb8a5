package io.iotworkbench.storage;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.iotworkbench.diagnostics.PlainText;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Factory for the Jackson mappers the workbench uses for its own files, and the one place that turns Jackson's
 * complaints into words for the user ({@link #problem}): no Java type or class names, a JSON path such as
 * {@code profiles[2].port} and what it should be, or the line and column of a syntax error. Each caller gets its own
 * mapper (ObjectMapper is thread-safe once configured), so there is no shared static instance to reach for.
 */
public final class Json {

    private Json() {
    }

    /** A mapper for the workbench's settings files: pretty output, tolerant of fields a newer version added. */
    public static ObjectMapper forFiles() {
        return new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static final Pattern FOUND = Pattern.compile("from (\\w+) value");
    private static final Pattern NOISE = Pattern.compile("\\s*\\((?:start marker at )?\\[Source:[^]]*]\\)"
            + "|\\s*\\[Source:[^]]*]|\\s*\\(token `[^`]*`\\)");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");

    /**
     * What is wrong with a JSON text, in the user's words: {@code profiles[2].port should be a whole number (found
     * text)} for a valid file of the wrong shape, {@code it is not valid JSON (line 3, column 7: ...)} otherwise.
     */
    public static String problem(JsonProcessingException e) {
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String found = e instanceof InvalidFormatException f ? " (found " + describeValue(f.getValue()) + ")"
                    : foundIn(m.getOriginalMessage());
            return where(m) + " should be " + expected(m.getTargetType()) + found;
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable root = v;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root == v || root.getMessage() == null ? "a value is missing or wrong"
                    : root instanceof NullPointerException ? "it has no " + root.getMessage()
                    : plain(root.getMessage());
            return where(v) + " is not valid: " + why;
        }
        return "it is not valid JSON (" + syntaxDetail(e) + ")";
    }

    /** A syntax error as {@code line 3, column 7: unexpected end of the text}, without Jackson's excerpts. */
    public static String syntaxDetail(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String at = loc == null || loc.getLineNr() < 1 ? "" : "line " + loc.getLineNr() + ", column "
                + loc.getColumnNr() + ": ";
        return at + plain(e.getOriginalMessage());
    }

    /** A library's message without Jackson's source excerpts, token names and Java type names. */
    public static String plain(String message) {
        if (message == null) {
            return "unknown problem";
        }
        String text = NOISE.matcher(message).replaceAll("");
        Matcher m = BACKTICKED.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(typeWord(m.group(1))));
        }
        m.appendTail(sb);
        return PlainText.withoutJavaNames(sb.toString(), "unknown problem");
    }

    private static String where(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the file" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "text";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder();
            for (Object c : type.getEnumConstants()) {
                values.append(values.length() == 0 ? "" : ", ").append(c);
            }
            return "one of " + values;
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) ? "an object of names and values" : "an object";
    }

    private static String foundIn(String message) {
        Matcher m = FOUND.matcher(message == null ? "" : message);
        if (!m.find()) {
            return "";
        }
        String word = switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "object" -> "an object";
            case "array" -> "a list";
            case "string" -> "text";
            case "boolean" -> "true or false";
            case "null" -> "null";
            default -> "a number";
        };
        return " (found " + word + ")";
    }

    private static String describeValue(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String typeWord(String javaType) {
        String simple = javaType.replaceAll("<.*", "");
        simple = simple.substring(simple.lastIndexOf('.') + 1);
        return switch (simple) {
            case "String" -> "text";
            case "int", "Integer", "long", "Long" -> "whole number";
            case "double", "Double", "float", "Float", "BigDecimal" -> "number";
            case "boolean", "Boolean" -> "true/false";
            case "ArrayList", "List", "Collection", "Set" -> "list";
            default -> List.of("Map", "HashMap", "LinkedHashMap").contains(simple) ? "object" : "value";
        };
    }
}
