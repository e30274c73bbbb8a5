package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * A rejection as AWS IoT's Device Shadow service words it: the HTTP status code, the message text of the AWS error
 * table, and the request's {@code clientToken} (null when none was sent or it could not be read). The constants hold
 * the exact texts, including AWS's own misspelling in {@link #UNSUPPORTED_ENCODING}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code        400, 404, 409, 413, 415, 429 or 500 as AWS uses them
 * @param message     the message text
 * @param clientToken the token to echo, or null
 */
public record ShadowError(int code, String message, String clientToken) {

    public static final String INVALID_JSON = "Invalid JSON";
    public static final String MISSING_STATE = "Missing required node: state";
    public static final String STATE_NOT_OBJECT = "State node must be an object";
    public static final String DESIRED_NOT_OBJECT = "Desired node must be an object";
    public static final String REPORTED_NOT_OBJECT = "Reported node must be an object";
    public static final String INVALID_VERSION = "Invalid version";
    public static final String INVALID_CLIENT_TOKEN = "Invalid clientToken";
    public static final String VERSION_CONFLICT = "Version conflict";
    public static final String PAYLOAD_TOO_LARGE = "The payload exceeds the maximum size allowed";
    public static final String UNSUPPORTED_ENCODING = "Unsupported documented encoding; supported encoding is UTF-8";
    public static final String INTERNAL_FAILURE = "Internal service failure";

    public ShadowError {
        Objects.requireNonNull(message, "message");
    }

    public static ShadowError badRequest(String message, String clientToken) {
        return new ShadowError(400, message, clientToken);
    }

    /** 400 {@code JSON contains too many levels of nesting; maximum is <maxDepth>}. */
    public static ShadowError tooDeep(int maxDepth, String clientToken) {
        return badRequest("JSON contains too many levels of nesting; maximum is " + maxDepth, clientToken);
    }

    /** 400 {@code State contains an invalid node: '<key>'}, IoT Core's reply to e.g. {@code state.delta}. */
    public static ShadowError invalidStateNode(String key, String clientToken) {
        return badRequest("State contains an invalid node: '" + key + "'", clientToken);
    }

    /** 404 {@code No shadow exists with name: '<name>'}, with "Unnamed Shadow" for the classic shadow. */
    public static ShadowError noShadow(String shadowName, String clientToken) {
        return new ShadowError(404, "No shadow exists with name: '" + ShadowNames.displayName(shadowName) + "'",
                clientToken);
    }

    public static ShadowError versionConflict(String clientToken) {
        return new ShadowError(409, VERSION_CONFLICT, clientToken);
    }

    public static ShadowError payloadTooLarge(String clientToken) {
        return new ShadowError(413, PAYLOAD_TOO_LARGE, clientToken);
    }

    public static ShadowError unsupportedEncoding() {
        return new ShadowError(415, UNSUPPORTED_ENCODING, null);
    }

    /**
     * 429: AWS documents the code for more than 10 in-flight requests but no message text; this one is ours. The Local
     * IoT Core answers it when its request queue is full.
     */
    public static ShadowError tooManyRequests(String clientToken) {
        return new ShadowError(429, "Too many requests", clientToken);
    }

    public static ShadowError internalFailure(String clientToken) {
        return new ShadowError(500, INTERNAL_FAILURE, clientToken);
    }

    /** The error document: {@code {"code":..,"message":..,"timestamp":..,"clientToken":..}}, token only if known. */
    public ObjectNode toJson(long nowEpochSeconds) {
        ObjectNode json = ShadowJson.object();
        json.put("code", code);
        json.put("message", message);
        json.put("timestamp", nowEpochSeconds);
        if (clientToken != null) {
            json.put("clientToken", clientToken);
        }
        return json;
    }
}
