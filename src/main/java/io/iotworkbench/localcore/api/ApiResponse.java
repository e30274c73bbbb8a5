package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;

import java.io.UncheckedIOException;
import java.util.Map;

/**
 * An HTTP response of the Local IoT Core's REST API: status, content type (null without a body), extra headers and
 * body bytes. Factories make AWS's JSON and error shapes. Immutable (the body array is not copied: do not change it).
 */
public record ApiResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    public static final String JSON = "application/json";
    /** The header the AWS SDK reads an error's exception name from. */
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ApiResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** 200 with a JSON body. */
    public static ApiResponse json(JsonNode node) {
        return of(200, JSON, bytes(node));
    }

    /** 200 with no body, what AWS answers for operations without output. */
    public static ApiResponse empty() {
        return new ApiResponse(200, null, Map.of(), new byte[0]);
    }

    public static ApiResponse of(int status, String contentType, byte[] body) {
        return new ApiResponse(status, contentType, Map.of(), body);
    }

    /**
     * AWS's error shape: the kind's status, {@code x-amzn-ErrorType: <name>} and
     * {@code {"__type":"<name>","message":"..."}}.
     */
    public static ApiResponse error(AwsErrorKind kind, String message) {
        return error(kind.exceptionName(), kind.httpStatus(), message);
    }

    public static ApiResponse error(String exceptionName, int status, String message) {
        ObjectNode body = MAPPER.createObjectNode().put("__type", exceptionName).put("message", message);
        return new ApiResponse(status, JSON, Map.of(ERROR_TYPE_HEADER, exceptionName), bytes(body));
    }

    /** A JSON object to fill in for {@link #json}. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
