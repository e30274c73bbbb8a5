package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Gets, updates and deletes one thing's shadows — over MQTT ({@link MqttShadowClient}) or over HTTPS
 * ({@link HttpsShadowClient}); both answer with the same documents. Futures complete on a background thread.
 */
public interface ShadowClient {

    /** An answer: 200 and the accepted document, or the error code and the error document. */
    record Response(int status, JsonNode document) {
        public boolean ok() {
            return status == 200;
        }

        public String message() {
            return document == null ? "" : document.path("message").asText("");
        }
    }

    CompletableFuture<Response> get(String thingName, String shadowName);

    CompletableFuture<Response> update(String thingName, String shadowName, JsonNode request);

    CompletableFuture<Response> delete(String thingName, String shadowName);

    /** Named shadows of the thing (HTTPS only; the MQTT client delegates to its HTTPS fallback). */
    CompletableFuture<List<String>> listNamedShadows(String thingName);
}
