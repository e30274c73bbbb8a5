package io.iotworkbench.localcore.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.serial.flash.WmImage;
import io.iotworkbench.serial.flash.WmImageBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Full OTA updates of a 1 MB WM image to the virtual device's OTA agent over the real Local IoT Core: HTTP (presigned
 * URLs, ranged GETs) and MQTT (streams, CBOR), each fault (expired URL, dropped connection, corrupt block, wrong or
 * missing signature, downgrade) and a restart of the core mid-update. Faults are injected from the agent's own
 * progress log line, so they always land mid-download.
 */
@Tag("integration")
class OtaAgentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THING = "ota_board";

    @TempDir
    Path dir;

    private final AtomicReference<LocalIoTCore> core = new AtomicReference<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile Consumer<String> onLog = line -> { };
    private volatile String version = "1.0.0";
    private volatile WmImage installed;
    private int mqttPort;
    private int apiPort;
    private OtaAgent agent;
    private LocalIoTCore.ProvisionedThing thing;

    @BeforeEach
    void start() throws Exception {
        mqttPort = freePort();
        apiPort = freePort();
        core.set(startCore());
        thing = core.get().provision(THING);
    }

    private LocalIoTCore startCore() throws Exception {
        return LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("data")).withVirtualDevice(false)
                .withPorts(mqttPort, apiPort));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        LocalIoTCore c = core.get();
        if (c != null) {
            c.close();
        }
    }

    private void startAgent(OtaAgent.Protocol protocol) {
        LocalIoTCore c = core.get();
        OtaAgent.Firmware firmware = new OtaAgent.Firmware() {
            @Override
            public String version() {
                return version;
            }

            @Override
            public void install(WmImage image) {
                installed = image;
                version = image.header().version();
            }

            @Override
            public void log(char level, String message) {
                log.add(level + " " + message);
                onLog.accept(message);
            }
        };
        agent = new OtaAgent(new OtaAgent.Settings(THING, c.mqttHost(), c.mqttPort(), thing.certificateFile(),
                thing.privateKeyFile(), c.caFile(), List.of(c.codeSigner().certificate()), protocol, 4096, 32),
                firmware);
        agent.start();
    }

    private static byte[] image(String version, int size) {
        byte[] body = new byte[size - 64];
        new Random(version.hashCode()).nextBytes(body);
        return new WmImageBuilder().version(version).body(body).build();
    }

    /** Creates the OTA update {@code id} for the image; signing "local", "none" or "wrong". */
    private void createUpdate(String id, byte[] image, String protocol, String signing) throws Exception {
        LocalIoTCore c = core.get();
        c.objects().put("ota-images", id + ".img", image);
        ObjectNode body = JSON.createObjectNode();
        body.putArray("targets").add(c.registry().thingArn(THING));
        body.putArray("protocols").add(protocol);
        body.put("roleArn", "arn:aws:iam::000000000000:role/ota");
        ObjectNode file = body.putArray("files").addObject().put("fileName", "app_ota");
        file.putObject("fileLocation").putObject("s3Location").put("bucket", "ota-images").put("key", id + ".img");
        if (signing.equals("local")) {
            file.putObject("codeSigning").putObject("startSigningJobParameter").put("signingProfileName", "p");
        } else if (signing.equals("wrong")) {
            ObjectNode custom = file.putObject("codeSigning").putObject("customCodeSigning");
            custom.putObject("signature").put("inlineDocument", Base64.getEncoder().encodeToString(
                    c.codeSigner().sign("other bytes".getBytes())));
            custom.put("hashAlgorithm", "SHA256").put("signatureAlgorithm", "ECDSA");
        }
        c.otaUpdates().create(id, body);
    }

    private JsonNode awaitEnd(String jobId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = core.get().jobs().describeJobExecution(THING, jobId, null).path("execution");
            String s = last[0].path("status").asText();
            return s.equals("SUCCEEDED") || s.equals("FAILED") || s.equals("REJECTED");
        });
        return last[0];
    }

    private void assertSucceeded(String jobId, String newVersion) {
        JsonNode e = awaitEnd(jobId);
        assertThat(e.path("status").asText()).as(String.join("\n", log)).isEqualTo("SUCCEEDED");
        assertThat(e.path("statusDetails").path("detailsMap").path("self_test").asText()).isEqualTo("active");
        assertThat(e.path("statusDetails").path("detailsMap").path("updatedBy").asText()).isEqualTo(newVersion);
        assertThat(version).isEqualTo(newVersion);
        assertThat(installed.length()).isEqualTo(1024 * 1024);
    }

    @Test
    void fullHttpUpdateOfOneMegabyte() throws Exception {
        createUpdate("h1", image("1.1.0", 1024 * 1024), "HTTP", "local");
        startAgent(OtaAgent.Protocol.HTTP);
        assertSucceeded("AFR_OTA-h1", "1.1.0");
        assertThat(log).anyMatch(l -> l.contains("Received block 32 of 256"));
    }

    @Test
    void fullMqttUpdateOfOneMegabyte() throws Exception {
        createUpdate("m1", image("1.2.0", 1024 * 1024), "MQTT", "local");
        startAgent(OtaAgent.Protocol.MQTT);
        assertSucceeded("AFR_OTA-m1", "1.2.0");
    }

    @Test
    void expiredUrlAndDroppedConnectionAreResumed() throws Exception {
        createUpdate("h2", image("1.1.0", 1024 * 1024), "HTTP", "local");
        onLog = line -> {
            if (line.startsWith("Received block 64 ")) {
                core.get().presignedUrls().expireIssuedUntilNow();
            } else if (line.startsWith("Received block 160 ")) {
                core.get().dropObjectConnections();
            }
        };
        startAgent(OtaAgent.Protocol.HTTP);
        assertSucceeded("AFR_OTA-h2", "1.1.0");
        assertThat(log).anyMatch(l -> l.contains("HTTP 403 at block 64"));
    }

    @Test
    void droppedMqttConnectionIsResumed() throws Exception {
        createUpdate("m2", image("1.2.0", 1024 * 1024), "MQTT", "local");
        onLog = line -> {
            if (line.startsWith("Received block 64 ")) {
                core.get().otaFaults().dropConnectionAfterBlocks(10);
            }
        };
        startAgent(OtaAgent.Protocol.MQTT);
        assertSucceeded("AFR_OTA-m2", "1.2.0");
        assertThat(log).anyMatch(l -> l.contains("connection lost"));
    }

    @Test
    void corruptBlockFailsTheJobWithTheReason() throws Exception {
        createUpdate("c1", image("1.1.0", 1024 * 1024), "HTTP", "local");
        onLog = line -> {
            if (line.startsWith("Received block 32 ")) {
                core.get().otaFaults().corruptNextBlocks(1);
            }
        };
        startAgent(OtaAgent.Protocol.HTTP);
        JsonNode e = awaitEnd("AFR_OTA-c1");
        assertThat(e.path("status").asText()).isEqualTo("FAILED");
        assertThat(e.path("statusDetails").path("detailsMap").path("reason").asText()).contains("image check failed");
        assertThat(version).isEqualTo("1.0.0");
    }

    @Test
    void wrongSignatureFailsUnsignedAndDowngradeAreRejected() throws Exception {
        createUpdate("w1", image("1.1.0", 64 * 1024), "HTTP", "wrong");
        startAgent(OtaAgent.Protocol.HTTP);
        JsonNode wrong = awaitEnd("AFR_OTA-w1");
        assertThat(wrong.path("status").asText()).isEqualTo("FAILED");
        assertThat(wrong.path("statusDetails").path("detailsMap").path("reason").asText())
                .contains("signature check failed");

        createUpdate("u1", image("1.1.0", 64 * 1024), "HTTP", "none");
        JsonNode unsigned = awaitEnd("AFR_OTA-u1");
        assertThat(unsigned.path("status").asText()).as(unsigned + "\n" + String.join("\n", log))
                .isEqualTo("REJECTED");
        assertThat(unsigned.path("statusDetails").path("detailsMap").path("reason").asText())
                .contains("not signed");

        createUpdate("d1", image("0.9.0", 64 * 1024), "MQTT", "local");
        JsonNode downgrade = awaitEnd("AFR_OTA-d1");
        assertThat(downgrade.path("status").asText()).as(downgrade + "\n" + String.join("\n", log))
                .isEqualTo("REJECTED");
        assertThat(downgrade.path("statusDetails").path("detailsMap").path("reason").asText())
                .contains("downgrade");
        assertThat(version).isEqualTo("1.0.0");
    }

    @Test
    void realW80xImageFromTheWmSdkOverMqtt() throws Exception {
        Path project = Path.of(System.getProperty("iotworkbench.project.dir", "."));
        Path file = project.resolve("../shared/data/wm-sdk/atcmd_ota.img").normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(file), "the WM SDK image "
                + file + " is absent; this test needs ../shared/data/wm-sdk beside the project");
        byte[] real = java.nio.file.Files.readAllBytes(file);
        version = "2.1.0";
        createUpdate("real1", real, "MQTT", "local");
        startAgent(OtaAgent.Protocol.MQTT);
        JsonNode e = awaitEnd("AFR_OTA-real1");
        assertThat(e.path("status").asText()).as(String.join("\n", log)).isEqualTo("SUCCEEDED");
        assertThat(version).isEqualTo("2.2-beta.2");
        assertThat(installed.bytes()).isEqualTo(real);
    }

    @Test
    void restartOfTheCoreMidUpdate() throws Exception {
        createUpdate("r1", image("1.3.0", 1024 * 1024), "HTTP", "local");
        onLog = line -> {
            if (line.startsWith("Received block 96 ")) {
                try {
                    core.get().close();
                    core.set(startCore());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        startAgent(OtaAgent.Protocol.HTTP);
        assertSucceeded("AFR_OTA-r1", "1.3.0");
    }
}
