package io.iotworkbench.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads and validates request payloads: the update document, and the optional {@code {"clientToken":..}} of get and
 * delete. The update checks run in the order listed in {@link ShadowEngine}; the first failing check answers.
 *
 * <p>Stateless and thread-safe.
 *
 * @param state       the request's {@code state}: an object, or a JSON null (which clears the shadow)
 * @param version     the request's {@code version}, or null when it has none
 * @param clientToken the request's {@code clientToken}, or null when it has none
 */
record ShadowRequest(JsonNode state, Long version, String clientToken) {

    static final String STATE = "state";
    static final String VERSION = "version";
    static final String CLIENT_TOKEN = "clientToken";

    /** Parses and validates an update request. */
    static ShadowRequest parseUpdate(byte[] payload, ShadowLimits limits) throws Rejection {
        if (payload.length > limits.maxPayloadBytes()) {
            throw new Rejection(ShadowError.payloadTooLarge(null));
        }
        JsonNode root = parseObject(decodeUtf8(payload));
        String token = clientToken(root, limits);
        JsonNode state = root.get(STATE);
        if (state == null) {
            throw rejection(ShadowError.MISSING_STATE, token);
        }
        if (state.isObject()) {
            checkSections(state, token);
        } else if (!state.isNull()) {
            throw rejection(ShadowError.STATE_NOT_OBJECT, token);
        }
        Long version = version(root, token);
        if (state.isObject()) {
            for (String section : new String[] {ShadowEngine.DESIRED, ShadowEngine.REPORTED}) {
                checkDepth(state.get(section), 1, limits.maxDepth(), token);
                checkNoNullInArrays(state.get(section), false, token);
            }
        }
        return new ShadowRequest(state, version, token);
    }

    /**
     * The {@code clientToken} of a get or delete request, or null. The payload is otherwise ignored, as AWS documents:
     * an empty payload or one that is not a JSON object simply carries no token.
     *
     * @throws Rejection 400 {@code Invalid clientToken} when a token is present but is not a string of at most
     *                   {@link ShadowLimits#maxClientTokenBytes()} UTF-8 bytes
     */
    static String clientTokenOf(byte[] payload, ShadowLimits limits) throws Rejection {
        if (payload == null || payload.length == 0 || payload.length > limits.maxPayloadBytes()) {
            return null;
        }
        JsonNode root;
        try {
            root = parseObject(decodeUtf8(payload));
        } catch (Rejection notAnObject) {
            return null;
        }
        return clientToken(root, limits);
    }

    /**
     * The payload as text. Trailing NUL bytes are dropped first: the embedded C SDKs send a document with its
     * terminating {@code \0} (59 bytes for a 58-character document), and AWS IoT accepts it. A NUL anywhere else is
     * how UTF-16 or UTF-32 text looks, and is refused.
     */
    private static String decodeUtf8(byte[] payload) throws Rejection {
        int length = payload.length;
        while (length > 0 && payload[length - 1] == 0) {
            length--;
        }
        for (int i = 0; i < length; i++) {
            if (payload[i] == 0) {
                // JSON text never holds a raw NUL; UTF-16 and UTF-32 text always does
                throw new Rejection(ShadowError.unsupportedEncoding());
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Rejection(ShadowError.unsupportedEncoding());
        }
    }

    private static JsonNode parseObject(String text) throws Rejection {
        try {
            JsonNode root = ShadowJson.parse(text);
            if (root != null && root.isObject()) {
                return root;
            }
        } catch (JsonProcessingException invalid) {
            // answered below
        }
        throw rejection(ShadowError.INVALID_JSON, null);
    }

    private static String clientToken(JsonNode root, ShadowLimits limits) throws Rejection {
        JsonNode token = root.get(CLIENT_TOKEN);
        if (token == null || token.isNull()) {
            return null;
        }
        if (!token.isTextual()
                || token.textValue().getBytes(StandardCharsets.UTF_8).length > limits.maxClientTokenBytes()) {
            throw rejection(ShadowError.INVALID_CLIENT_TOKEN, null);
        }
        return token.textValue();
    }

    private static void checkSections(JsonNode state, String token) throws Rejection {
        JsonNode desired = state.get(ShadowEngine.DESIRED);
        if (desired != null && !desired.isObject() && !desired.isNull()) {
            throw rejection(ShadowError.DESIRED_NOT_OBJECT, token);
        }
        JsonNode reported = state.get(ShadowEngine.REPORTED);
        if (reported != null && !reported.isObject() && !reported.isNull()) {
            throw rejection(ShadowError.REPORTED_NOT_OBJECT, token);
        }
        for (Map.Entry<String, JsonNode> field : state.properties()) {
            String key = field.getKey();
            if (!ShadowEngine.DESIRED.equals(key) && !ShadowEngine.REPORTED.equals(key)) {
                throw new Rejection(ShadowError.invalidStateNode(key, token));
            }
        }
    }

    private static Long version(JsonNode root, String token) throws Rejection {
        JsonNode version = root.get(VERSION);
        if (version == null || version.isNull()) {
            return null;
        }
        if (!version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 0) {
            throw rejection(ShadowError.INVALID_VERSION, token);
        }
        return version.longValue();
    }

    /** The Greengrass Shadow Manager's counting: a non-empty container at a level above {@code max} is too deep. */
    private static void checkDepth(JsonNode node, int level, int max, String token) throws Rejection {
        if (node == null || !node.isContainerNode() || node.isEmpty()) {
            return;
        }
        if (level > max) {
            throw new Rejection(ShadowError.tooDeep(max, token));
        }
        for (JsonNode child : node) {
            checkDepth(child, level + 1, max, token);
        }
    }

    private static void checkNoNullInArrays(JsonNode node, boolean inArray, String token) throws Rejection {
        if (node == null) {
            return;
        }
        if (node.isNull() && inArray) {
            throw rejection(ShadowError.INVALID_JSON, token);
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                checkNoNullInArrays(element, true, token);
            }
        } else if (node.isObject()) {
            for (JsonNode value : node) {
                checkNoNullInArrays(value, false, token);
            }
        }
    }

    private static Rejection rejection(String message, String token) {
        return new Rejection(ShadowError.badRequest(message, token));
    }
}
