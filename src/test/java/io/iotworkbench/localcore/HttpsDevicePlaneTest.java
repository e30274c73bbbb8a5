package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.localcore.registry.CertificateStatus;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTTPS device endpoint over real TLS with client certificates: the JDK HTTP client and curl publish and use the
 * shadow REST calls as a device, while a Paho client receives what they cause over MQTT.
 */
@Tag("integration")
class HttpsDevicePlaneTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private LocalIoTCore.ProvisionedThing device;
    private MqttAsyncClient listener;
    private final BlockingQueue<String[]> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("data")).withVirtualDevice(false));
        device = core.provision("http_dev", LocalIoTCore.Identity.WORKBENCH);
        LocalIoTCore.ProvisionedThing watcher = core.provision("watcher", LocalIoTCore.Identity.WORKBENCH);
        DeviceIdentity id = new DeviceIdentity(null, PemFiles.readCertificates(watcher.certificateFile()).get(0),
                PemFiles.readCertificates(core.caFile()).get(0));
        var ctx = TlsContexts.clientContext(List.of(id.certificate()),
                PemFiles.readPrivateKey(watcher.privateKeyFile()), List.of(id.rootCa()));
        var options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        options.setSocketFactory(TlsContexts.socketFactory(ctx, core.mqttHost(), core.mqttPort()));
        listener = new MqttAsyncClient("ssl://" + core.mqttHost() + ":" + core.mqttPort(), "watcher",
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        listener.connect(options).waitForCompletion(60_000);
        listener.subscribe(new String[] {"topic", "$aws/things/http_dev/shadow/#"}, new int[] {1, 1},
                new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {this::onMessage, this::onMessage})
                .waitForCompletion(60_000);
    }

    private void onMessage(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
        received.add(new String[] {topic, new String(m.getPayload(), StandardCharsets.UTF_8)});
    }

    @AfterEach
    void stop() {
        DeviceIdentity.closeQuietly(listener);
        core.close();
    }

    private String[] next(String topic) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            String[] m = received.poll(200, TimeUnit.MILLISECONDS);
            if (m != null && m[0].equals(topic)) {
                return m;
            }
        }
        throw new AssertionError("nothing on " + topic + " within 60 s");
    }

    private HttpClient client(LocalIoTCore.ProvisionedThing thing) throws Exception {
        SSLContext ctx = TlsContexts.clientContext(PemFiles.readCertificates(thing.certificateFile()),
                PemFiles.readPrivateKey(thing.privateKeyFile()), PemFiles.readCertificates(core.caFile()));
        return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(60)).build();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("https://" + core.httpsHost() + ":" + core.httpsPort() + pathAndQuery);
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDevicePublishesAsHttpDemoMutualAuthDoesAndSubscribersGetIt() throws Exception {
        HttpResponse<String> r = post(client(device), uri("/topics/topic?qos=1"),
                "{ \"message\": \"Hello, world\" }".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("message").asText()).isEqualTo("OK");
        assertThat(body.get("traceId").asText()).isNotBlank();
        assertThat(next("topic")[1]).isEqualTo("{ \"message\": \"Hello, world\" }");
        assertThat(post(client(device), uri("/topics/topic?qos=2"), new byte[0]).statusCode()).isEqualTo(400);
    }

    @Test
    void shadowCallsWithTheTerminatingNulOfTheEmbeddedSdksWork() throws Exception {
        HttpClient http = client(device);
        String document = "{\"state\":{\"desired\":{\"led\":\"red\"}},\"clientToken\":\"654718\"}";
        byte[] cString = Arrays.copyOf(document.getBytes(StandardCharsets.UTF_8), document.length() + 1);
        HttpResponse<String> updated = post(http, uri("/things/http_dev/shadow"), cString);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(JSON.readTree(updated.body()).get("version").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(next("$aws/things/http_dev/shadow/update/delta")[1]).at("/state/led").asText())
                .isEqualTo("red");

        HttpResponse<String> got = http.send(HttpRequest.newBuilder(uri("/things/http_dev/shadow")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(got.body()).at("/state/desired/led").asText()).isEqualTo("red");

        HttpResponse<String> viaTopic = post(http, uri("/topics/%24aws%2Fthings%2Fhttp_dev%2Fshadow%2Fupdate"
                + "?qos=1"), "{\"state\":{\"reported\":{\"led\":\"red\"}}}".getBytes(StandardCharsets.UTF_8));
        assertThat(viaTopic.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(next("$aws/things/http_dev/shadow/update/accepted")[1]).get("version").asLong())
                .as("a publish to the update topic is a shadow request").isEqualTo(2);

        HttpResponse<String> named = post(http, uri("/things/http_dev/shadow?name=cfg"),
                "{\"state\":{\"reported\":{\"x\":1}}}".getBytes(StandardCharsets.UTF_8));
        assertThat(named.statusCode()).isEqualTo(200);
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(uri("/things/http_dev/shadow")).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).get("version").asLong()).isEqualTo(2);
        HttpResponse<String> gone = http.send(HttpRequest.newBuilder(uri("/things/http_dev/shadow")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
    }

    @Test
    void onlyRegisteredActiveCertificatesAreServed() throws Exception {
        HttpClient http = client(device);
        assertThat(post(http, uri("/topics/topic"), new byte[] {'1'}).statusCode()).isEqualTo(200);
        core.registry().updateCertificate(device.certificateId(), CertificateStatus.INACTIVE);
        HttpResponse<String> kept;
        try {
            kept = post(http, uri("/topics/topic"), new byte[] {'2'});
            assertThat(kept.statusCode()).as("on a kept-alive connection").isEqualTo(403);
            assertThat(kept.headers().firstValue("x-amzn-ErrorType")).contains("ForbiddenException");
            assertThat(kept.body()).contains("INACTIVE");
        } catch (IOException refusedInHandshake) {
            // a new connection: the handshake refuses the certificate, which is as good
        }
        assertThatThrownBy(() -> post(client(device), uri("/topics/topic"), new byte[] {'3'}))
                .isInstanceOf(IOException.class);

        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        Path cert = dir.resolve("stranger.pem");
        Path key = dir.resolve("stranger.key");
        io.iotworkbench.cert.CertificateFiles.write(cert, CertificateFactory.selfSigned(keys, "CN=stranger",
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400)));
        io.iotworkbench.cert.KeyFiles.write(key, keys.getPrivate(), null, io.iotworkbench.cert.KeyFiles.Format.PKCS8);
        var stranger = new LocalIoTCore.ProvisionedThing("stranger", cert, key, "x", "x");
        assertThatThrownBy(() -> post(client(stranger), uri("/topics/topic"), new byte[] {'4'}))
                .isInstanceOf(IOException.class);
        HttpClient anonymous = HttpClient.newBuilder().sslContext(TlsContexts.clientContext(List.of(), null,
                PemFiles.readCertificates(core.caFile()))).build();
        assertThatThrownBy(() -> post(anonymous, uri("/topics/topic"), new byte[] {'5'}))
                .isInstanceOf(IOException.class);
    }

    @Test
    void curlWithTheDevicesFilesPublishes() throws Exception {
        Path curl = Path.of("/usr/bin/curl");
        assumeTrue(Files.isExecutable(curl), "curl is not installed; skipping the curl check");
        List<String> cmd = new ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "60",
                "--cert", device.certificateFile().toString(), "--key", device.privateKeyFile().toString(),
                "--cacert", core.caFile().toString(), "-X", "POST", "--data", "{\"from\":\"curl\"}",
                uri("/topics/topic?qos=1").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("\"message\":\"OK\"");
        assertThat(next("topic")[1]).isEqualTo("{\"from\":\"curl\"}");
    }
}
