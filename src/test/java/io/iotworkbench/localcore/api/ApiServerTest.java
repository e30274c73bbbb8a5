package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
class ApiServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private Router router;
    private ApiServer server;

    @BeforeEach
    void start() throws IOException {
        router = new Router();
        server = ApiServer.start("127.0.0.1", 0, router);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String authorization(String service) {
        return "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20240101/us-east-1/" + service + "/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";
    }

    private HttpResponse<String> send(String method, String path, String service, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (service != null) {
            b.header("Authorization", authorization(service));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static ApiResponse text(String s) {
        return ApiResponse.of(200, "text/plain", s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void boundToAFreePortWithAnHttpEndpoint() {
        assertThat(server.port()).isPositive();
        assertThat(server.endpoint()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(server.router()).isSameAs(router);
    }

    @Test
    void theSigningServiceChoosesBetweenRoutesWithTheSamePath() throws Exception {
        router.add("GET", "/things/{thingName}/jobs", "iot", r -> text("control plane " + r.label("thingName")));
        router.add("GET", "/things/{thingName}/jobs", "iot-jobs-data", r -> text("jobs data " + r.label("thingName")));

        assertThat(send("GET", "/things/t1/jobs", "iot", null).body()).isEqualTo("control plane t1");
        assertThat(send("GET", "/things/t1/jobs", "iot-jobs-data", null).body()).isEqualTo("jobs data t1");
        HttpResponse<String> other = send("GET", "/things/t1/jobs", "iotdata", null);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("iotdata");
    }

    @Test
    void anAliasedSigningNameRoutesAsItsServiceFirstThenByAnUnambiguousPath() throws Exception {
        router.alias("execute-api", "iot");
        router.add("GET", "/things/{thingName}/jobs", "iot", r -> text("control plane"));
        router.add("GET", "/things/{thingName}/jobs", "iot-jobs-data", r -> text("jobs data"));
        router.add("GET", "/jobs-only", "iot-jobs-data", r -> text("jobs only"));
        router.add("GET", "/both", "iotdata", r -> text("a"));
        router.add("GET", "/both", "iot-jobs-data", r -> text("b"));
        assertThat(send("GET", "/things/t1/jobs", "execute-api", null).body()).isEqualTo("control plane");
        assertThat(send("GET", "/jobs-only", "execute-api", null).body()).isEqualTo("jobs only");
        assertThat(send("GET", "/both", "execute-api", null).statusCode()).as("ambiguous").isEqualTo(404);
        assertThat(send("GET", "/jobs-only", "some-other-name", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRouteForAnyServiceIsUsedWhenNoServiceSpecificRouteMatches() throws Exception {
        router.add("GET", "/ping", r -> text("any " + r.signingService()));
        router.add("GET", "/ping", "iot", r -> text("iot"));
        assertThat(send("GET", "/ping", "iot", null).body()).isEqualTo("iot");
        assertThat(send("GET", "/ping", "iotdata", null).body()).isEqualTo("any iotdata");
        assertThat(send("GET", "/ping", null, null).body()).isEqualTo("any null");
    }

    @Test
    void labelsArePercentDecodedPerSegmentAndQueriesAreParsed() throws Exception {
        router.add("POST", "/topics/{topic}", "iotdata", r -> text(r.label("topic") + "|" + r.query("qos") + "|"
                + r.query("contentType")));
        HttpResponse<String> response = send("POST", "/topics/%24aws%2Fthings%2Ft%2Fshadow%2Fupdate"
                + "?qos=1&contentType=text%2Fplain%3B%20charset%3Dutf-8", "iotdata", "{}");
        assertThat(response.body()).isEqualTo("$aws/things/t/shadow/update|1|text/plain; charset=utf-8");
        assertThat(send("POST", "/topics/a/b", "iotdata", "{}").statusCode())
                .as("an unencoded / does not fit a one-segment label").isEqualTo(404);
    }

    @Test
    void anUnknownOperationGetsTheAwsErrorShapeNamingMethodAndPath() throws Exception {
        HttpResponse<String> response = send("DELETE", "/no/such/thing", "iot", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(body.get("message").asText()).contains("DELETE /no/such/thing");
    }

    @Test
    void aMalformedJsonBodyIsInvalidRequest() throws Exception {
        router.add("POST", "/echo", r -> ApiResponse.json(r.json()));
        HttpResponse<String> bad = send("POST", "/echo", null, "{\"a\": ");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("x-amzn-ErrorType")).contains("InvalidRequestException");
        assertThat(MAPPER.readTree(bad.body()).get("message").asText()).contains("not valid JSON");
        HttpResponse<String> good = send("POST", "/echo", null, "{\"a\":1}");
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(good.body()).get("a").asInt()).isEqualTo(1);
    }

    @Test
    void serviceExceptionsKeepTheirKindAndUnexpectedOnesAreInternalFailuresWithoutAStackTrace() throws Exception {
        router.add("GET", "/conflict", r -> {
            throw new AwsServiceException(AwsErrorKind.VERSION_CONFLICT, "too late");
        });
        router.add("GET", "/boom", r -> {
            throw new IllegalStateException("the flux capacitor is empty");
        });
        HttpResponse<String> conflict = send("GET", "/conflict", null, null);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(MAPPER.readTree(conflict.body()).get("__type").asText()).isEqualTo("VersionConflictException");

        HttpResponse<String> boom = send("GET", "/boom", null, null);
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.headers().firstValue("x-amzn-ErrorType")).contains("InternalFailureException");
        JsonNode body = MAPPER.readTree(boom.body());
        assertThat(body.get("message").asText()).contains("the flux capacitor is empty");
        assertThat(boom.body()).doesNotContain("at io.iotworkbench", "\tat ", "ApiServerTest");
        assertThat(body.size()).isEqualTo(2);
    }

    @Test
    void badQueryValuesAreInvalidRequests() throws Exception {
        router.add("GET", "/n", r -> text(String.valueOf(r.queryInt("maxResults"))));
        assertThat(send("GET", "/n?maxResults=7", null, null).body()).isEqualTo("7");
        assertThat(send("GET", "/n?maxResults=seven", null, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/n?maxResults=99999999999", null, null).statusCode()).isEqualTo(400);
    }

    @Test
    void closeStopsAnswering() throws Exception {
        router.add("GET", "/ping", r -> text("pong"));
        assertThat(send("GET", "/ping", null, null).body()).isEqualTo("pong");
        server.close();
        assertThatThrownBy(() -> send("GET", "/ping", null, null)).isInstanceOf(ConnectException.class);
    }
}
