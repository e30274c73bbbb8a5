package io.iotworkbench.localcore.api;

import io.iotworkbench.aws.JdkHttpTransport;
import io.iotworkbench.testsupport.AwsCli;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.testsupport.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.IotException;
import software.amazon.awssdk.services.iot.model.ThingAttribute;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The REST API when signatures are required (a core bound off loopback; forced here so the test stays on loopback):
 * the SDK and CLI signing with the generated access key work, everything else gets AWS's 403 shapes, and the secret
 * never reaches the log.
 */
@Tag("integration")
class SignedApiTest {

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private LogCapture log;

    @BeforeEach
    void start() throws Exception {
        log = LogCapture.ofName("io.iotworkbench");
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("data")).withVirtualDevice(false)
                .withSignaturesRequired(true));
    }

    @AfterEach
    void stop() {
        core.close();
        assertThat(log.lines()).noneMatch(line -> line.contains(core.apiCredentials().secretAccessKey()));
        log.close();
    }

    private IotClient iot(String accessKeyId, String secret) {
        return IotClient.builder().region(Region.US_EAST_1).httpClient(new JdkHttpTransport())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .endpointOverride(URI.create(core.apiEndpoint())).build();
    }

    @Test
    void theSdkSigningWithTheGeneratedKeyIsServed() {
        var key = core.apiCredentials();
        assertThat(core.signaturesRequired()).isTrue();
        assertThat(key.accessKeyId()).hasSize(20).startsWith("AKIALOCAL");
        assertThat(key.toString()).doesNotContain(key.secretAccessKey());
        try (IotClient iot = iot(key.accessKeyId(), key.secretAccessKey());
             IotDataPlaneClient data = IotDataPlaneClient.builder().region(Region.EU_WEST_1)
                     .httpClient(new JdkHttpTransport()).endpointOverride(URI.create(core.apiEndpoint()))
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                             key.accessKeyId(), key.secretAccessKey()))).build()) {
            iot.createThing(r -> r.thingName("signed").attributePayload(p -> p.attributes(Map.of("room", "x/y:z=1"))));
            assertThat(iot.listThings(r -> r.attributeName("room").attributeValue("x/y:z=1").maxResults(5)).things())
                    .extracting(ThingAttribute::thingName).containsExactly("signed");
            iot.updateThing(r -> r.thingName("signed").attributePayload(p -> p.attributes(Map.of("x", "1"))
                    .merge(true)));
            assertThat(iot.describeEndpoint(r -> r.endpointType("iot:Data-ATS")).endpointAddress()).isNotBlank();
            data.publish(r -> r.topic("$aws/things/signed/shadow/name/cfg/update").qos(1)
                    .payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{\"on\":true}}}")));
            data.updateThingShadow(r -> r.thingName("signed").shadowName("other").payload(SdkBytes.fromUtf8String(
                    "{\"state\":{\"desired\":{\"on\":true}}}")));
            assertThat(data.listNamedShadowsForThing(r -> r.thingName("signed")).results()).contains("other");
        }
    }

    @Test
    void unsignedWronglySignedAndUnknownKeysAreRefusedInAwsShapes() throws Exception {
        var key = core.apiCredentials();
        try (IotClient wrongSecret = iot(key.accessKeyId(), key.secretAccessKey() + "x");
             IotClient unknownKey = iot("AKIAOTHERKEY00000000", key.secretAccessKey())) {
            assertThatThrownBy(wrongSecret::listThings).isInstanceOfSatisfying(IotException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage()).contains("signature we calculated does not match");
            });
            assertThatThrownBy(unknownKey::listThings).isInstanceOfSatisfying(IotException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            });
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(core.apiEndpoint()
                + "/keys-and-certificate?setAsActive=true")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        assertThat(unsigned.body()).contains("Missing Authentication Token").doesNotContain("PRIVATE KEY");

        HttpResponse<String> tampered = SignedRequests.send(http, "POST", URI.create(core.apiEndpoint()
                + "/things/a"), "{}", "{\"attributePayload\":{\"attributes\":{\"x\":\"1\"}}}", "iot",
                key.accessKeyId(), key.secretAccessKey());
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");

        HttpResponse<String> stale = SignedRequests.send(http, "GET", URI.create(core.apiEndpoint() + "/things"),
                null, null, "iot", key.accessKeyId(), key.secretAccessKey(),
                java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(-20)));
        assertThat(stale.statusCode()).isEqualTo(403);
        assertThat(stale.body()).contains("Signature expired");

        HttpResponse<String> good = SignedRequests.send(http, "GET", URI.create(core.apiEndpoint() + "/things"),
                null, "execute-api", key.accessKeyId(), key.secretAccessKey());
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
    }

    @Test
    void theAwsCliSigningWithTheGeneratedKeyIsServed() throws Exception {
        Path aws = AwsCli.find().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(aws != null,
                "the AWS CLI is not installed (apt-get install awscli); skipping");
        var key = core.apiCredentials();
        var cli = new AwsCli(aws, dir, core.apiEndpoint(), key.accessKeyId(), key.secretAccessKey());
        assertThat(cli.json("iot", "create-thing", "--thing-name", "from-cli").get("thingName").asText())
                .isEqualTo("from-cli");
        var wrong = new AwsCli(aws, dir, core.apiEndpoint(), key.accessKeyId(), "not-the-secret");
        AwsCli.Result refused = wrong.run("iot", "list-things");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("InvalidSignatureException");
    }
}
