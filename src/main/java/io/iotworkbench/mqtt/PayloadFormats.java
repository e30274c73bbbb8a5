package io.iotworkbench.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The payload viewer's renderings of a message: JSON (pretty), text, hex dump and base64, plus JSON parsing with the
 * error position for the publish editor. Stateless and thread-safe.
 */
public final class PayloadFormats {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PayloadFormats() {
    }

    /** The payload as JSON, if it is valid UTF-8 JSON. */
    public static Optional<JsonNode> json(byte[] payload) {
        if (payload.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(payload));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    public static String prettyJson(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    /** The payload as text when it is valid UTF-8, else empty. */
    public static Optional<String> text(byte[] payload) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Classic hex dump: offset, 16 bytes in hex, printable ASCII. */
    public static String hexDump(byte[] payload) {
        StringBuilder sb = new StringBuilder(payload.length * 4 + 16);
        for (int off = 0; off < payload.length; off += 16) {
            sb.append(String.format("%08x  ", off));
            StringBuilder ascii = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                if (off + i < payload.length) {
                    int b = payload[off + i] & 0xff;
                    sb.append(String.format("%02x ", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    sb.append("   ");
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append(" |").append(ascii).append("|\n");
        }
        return sb.toString();
    }

    public static String base64(byte[] payload) {
        return Base64.getEncoder().encodeToString(payload);
    }

    /** A JSON syntax problem at a line and column, for an editor to point at. */
    public record JsonProblem(String message, int line, int column) {
        @Override
        public String toString() {
            return "Line " + line + ", column " + column + ": " + message;
        }
    }

    /** Parses editor text as JSON; returns the problem with its position, or empty when valid. */
    public static Optional<JsonProblem> checkJson(String text) {
        try {
            JSON.readTree(text);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            return Optional.of(new JsonProblem(io.iotworkbench.storage.Json.plain(e.getOriginalMessage()),
                    loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr()));
        }
    }

    /** A numeric value from a payload: the whole payload as a number, or the JSON field at {@code pointer}. */
    public static Optional<Double> number(byte[] payload, String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return text(payload).map(String::strip).flatMap(PayloadFormats::parseDouble);
        }
        return json(payload).map(n -> n.at(pointer)).filter(n -> !n.isMissingNode()).flatMap(n ->
                n.isNumber() ? Optional.of(n.asDouble()) : n.isTextual() ? parseDouble(n.asText()) : Optional.empty());
    }

    private static Optional<Double> parseDouble(String s) {
        try {
            return Optional.of(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
