package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.MessagePublisher;
import io.iotworkbench.localcore.ShadowOperations;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The iot-data REST operations on the Local IoT Core's API port: GetThingShadow, UpdateThingShadow,
 * DeleteThingShadow, ListNamedShadowsForThing and Publish, in the shapes the AWS SDK's {@code IotDataPlaneClient}
 * sends (signing service {@value #SERVICE}). Shadow bodies are the raw documents; errors carry the AWS exception name
 * for the HTTP status and the shadow service's message.
 *
 * <p>Stateless; handlers run on the API server's threads and call thread-safe services.
 */
public final class DataPlaneRoutes {

    public static final String SERVICE = "iotdata";
    private static final int MAX_PAGE = 100;

    private final ShadowOperations shadows;
    private final MessagePublisher publisher;

    public DataPlaneRoutes(ShadowOperations shadows, MessagePublisher publisher) {
        this.shadows = shadows;
        this.publisher = publisher;
    }

    public void register(Router router) {
        router.add("GET", "/things/{thingName}/shadow", r -> shadowResult(shadows.get(r.label("thingName"),
                name(r))));
        router.add("POST", "/things/{thingName}/shadow", r -> shadowResult(shadows.update(r.label("thingName"),
                name(r), r.body())));
        router.add("DELETE", "/things/{thingName}/shadow", r -> shadowResult(shadows.delete(r.label("thingName"),
                name(r))));
        router.add("GET", "/api/things/shadow/ListNamedShadowsForThing/{thingName}", this::listNamed);
        router.add("POST", "/topics/{topic}", this::publish);
    }

    private static String name(ApiRequest r) {
        String n = r.query("name");
        return n == null ? "" : n;
    }

    /** A shadow operation's outcome as the REST answer: the document, or AWS's error shape for its status. */
    static ApiResponse shadowResult(ShadowOperations.Result result) {
        if (result.ok()) {
            return ApiResponse.of(200, ApiResponse.JSON, result.body());
        }
        String message;
        try {
            message = io.iotworkbench.shadow.ShadowJson.parse(new String(result.body(), StandardCharsets.UTF_8))
                    .path("message").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            message = "Internal service failure";
        }
        return ApiResponse.error(exceptionFor(result.status()), result.status(), message);
    }

    static String exceptionFor(int status) {
        return switch (status) {
            case 400 -> "InvalidRequestException";
            case 401 -> "UnauthorizedException";
            case 403 -> "ForbiddenException";
            case 404 -> "ResourceNotFoundException";
            case 405 -> "MethodNotAllowedException";
            case 409 -> "ConflictException";
            case 413 -> "RequestEntityTooLargeException";
            case 415 -> "UnsupportedDocumentEncodingException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            default -> "InternalFailureException";
        };
    }

    private ApiResponse listNamed(ApiRequest r) {
        Integer pageSize = r.queryInt("pageSize");
        int size = pageSize == null ? MAX_PAGE : pageSize;
        if (size < 1 || size > MAX_PAGE) {
            return ApiResponse.error("InvalidRequestException", 400, "pageSize must be between 1 and 100.");
        }
        List<String> all = shadows.listNamedShadows(r.label("thingName"));
        int start = 0;
        String token = r.query("nextToken");
        if (token != null && !token.isEmpty()) {
            try {
                start = Integer.parseInt(new String(java.util.Base64.getUrlDecoder().decode(token),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return ApiResponse.error("InvalidRequestException", 400, "The nextToken is not valid.");
            }
        }
        ObjectNode body = ApiResponse.object();
        ArrayNode results = body.putArray("results");
        int end = Math.min(all.size(), start + size);
        for (int i = Math.max(0, start); i < end; i++) {
            results.add(all.get(i));
        }
        if (end < all.size()) {
            body.put("nextToken", java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)));
        }
        body.put("timestamp", System.currentTimeMillis() / 1000);
        return ApiResponse.json(body);
    }

    private ApiResponse publish(ApiRequest r) {
        String topic = r.label("topic");
        Integer qos = r.queryInt("qos");
        try {
            publisher.publish(topic, r.body(), qos == null ? 0 : qos, r.queryBoolean("retain", false));
        } catch (IllegalArgumentException e) {
            return ApiResponse.error("InvalidRequestException", 400, e.getMessage());
        }
        return ApiResponse.empty();
    }
}
