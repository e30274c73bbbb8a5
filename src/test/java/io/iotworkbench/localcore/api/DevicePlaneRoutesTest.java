package io.iotworkbench.localcore.api;

import io.iotworkbench.localcore.MessagePublisher;
import io.iotworkbench.localcore.ShadowOperations;
import io.iotworkbench.localcore.policy.Authorizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTPS device routes ask the {@link Authorizer} for AWS's actions and resources, with the certificate as the
 * principal, and answer a denial with 403 ForbiddenException; over real HTTP (TLS is HttpsDevicePlaneTest's subject).
 */
@Tag("integration")
class DevicePlaneRoutesTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private ApiServer server;

    /** Stand-in shadow service answering every call with an empty document; the rules are not the subject here. */
    private static final ShadowOperations SHADOWS = new ShadowOperations() {
        @Override
        public Result get(String thingName, String shadowName) {
            return new Result(200, "{}".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Result update(String thingName, String shadowName, byte[] payload) {
            return new Result(200, "{}".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Result delete(String thingName, String shadowName) {
            return new Result(200, "{}".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public List<String> listNamedShadows(String thingName) {
            return List.of();
        }
    };

    @BeforeEach
    void start() throws Exception {
        Authorizer onlyThingA = (who, action, resource) -> {
            asked.add(who.certificateId() + "|" + who.clientId() + "|" + action + "|" + resource);
            return resource.contains("denied") ? Authorizer.Decision.deny("policy p does not allow " + action + " on "
                    + resource) : Authorizer.Decision.allow("statement 0 of p");
        };
        MessagePublisher publisher = (topic, payload, qos, retain) -> published.add(topic + "|" + qos + "|" + retain);
        Router router = new Router();
        new DevicePlaneRoutes(SHADOWS, publisher, onlyThingA).register(router);
        server = ApiServer.start(ApiServer.Options.plain("127.0.0.1", 0).withAuthenticator(r -> "cert-123"), router);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyOperationAsksForItsActionAndResource() throws Exception {
        assertThat(send("POST", "/topics/a%2Fb?qos=1&retain=true", "x").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/things/t1/shadow", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/things/t1/shadow?name=cfg", "{}").statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/things/t1/shadow", null).statusCode()).isEqualTo(200);
        assertThat(asked).containsExactly("cert-123|null|iot:Publish|topic/a/b",
                "cert-123|null|iot:RetainPublish|topic/a/b", "cert-123|null|iot:GetThingShadow|thing/t1",
                "cert-123|null|iot:UpdateThingShadow|thing/t1/cfg", "cert-123|null|iot:DeleteThingShadow|thing/t1");
        assertThat(published).containsExactly("a/b|1|true");
    }

    @Test
    void aDenialIsForbiddenAndDoesNothing() throws Exception {
        HttpResponse<String> r = send("POST", "/topics/denied", "x");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).contains("ForbiddenException");
        assertThat(r.body()).contains("policy p does not allow iot:Publish on topic/denied");
        assertThat(send("POST", "/things/denied/shadow", "{}").statusCode()).isEqualTo(403);
        assertThat(published).isEmpty();
    }
}
