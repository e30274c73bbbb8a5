package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The shadow client over HTTPS with the AWS SDK's {@code IotDataPlaneClient}, for when no MQTT connection is up and
 * for listing named shadows. Errors come back as responses with the service's status and message.
 *
 * <p>Thread-safe; SDK calls run on the given executor.
 */
public final class HttpsShadowClient implements ShadowClient {

    private final Supplier<IotDataPlaneClient> client;
    private final Executor executor;

    public HttpsShadowClient(Supplier<IotDataPlaneClient> client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    private interface Call {
        SdkBytes run(IotDataPlaneClient c);
    }

    private CompletableFuture<Response> call(Call call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Response(200, ShadowJson.parse(call.run(client.get()).asUtf8String()));
            } catch (AwsServiceException e) {
                var doc = ShadowJson.object();
                doc.put("code", e.statusCode());
                doc.put("message", e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                        ? e.awsErrorDetails().errorMessage() : e.getMessage());
                return new Response(e.statusCode(), doc);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("The service answered with invalid JSON: " + e.getMessage(), e);
            }
        }, executor);
    }

    @Override
    public CompletableFuture<Response> get(String thingName, String shadowName) {
        return call(c -> c.getThingShadow(r -> r.thingName(thingName).shadowName(blankToNull(shadowName))).payload());
    }

    @Override
    public CompletableFuture<Response> update(String thingName, String shadowName, JsonNode request) {
        return call(c -> c.updateThingShadow(r -> r.thingName(thingName).shadowName(blankToNull(shadowName))
                .payload(SdkBytes.fromByteArray(ShadowJson.toBytes(request)))).payload());
    }

    @Override
    public CompletableFuture<Response> delete(String thingName, String shadowName) {
        return call(c -> c.deleteThingShadow(r -> r.thingName(thingName).shadowName(blankToNull(shadowName)))
                .payload());
    }

    @Override
    public CompletableFuture<List<String>> listNamedShadows(String thingName) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> names = new ArrayList<>();
            String token = null;
            do {
                String t = token;
                var page = client.get().listNamedShadowsForThing(r -> r.thingName(thingName).nextToken(t));
                names.addAll(page.results());
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
            return names;
        }, executor);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Builds a rejection response for errors found before sending. */
    static Response localRejection(int code, String message) {
        var doc = ShadowJson.object();
        doc.put("code", code);
        doc.put("message", message);
        return new Response(code, doc);
    }

    static JsonNode parseOrEmpty(byte[] bytes) {
        try {
            return bytes.length == 0 ? ShadowJson.object() : ShadowJson.parse(new String(bytes,
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return ShadowJson.object();
        }
    }
}
