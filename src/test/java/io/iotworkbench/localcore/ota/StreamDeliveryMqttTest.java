package io.iotworkbench.localcore.ota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.localcore.DeviceIdentity;
import io.iotworkbench.localcore.LocalIoTCore;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT-based file delivery over the real broker and TLS with a Paho device: whole files in JSON and CBOR, bitmaps,
 * AWS's limits and rejections, the per-request 128 KB cap, and the corrupt-block fault.
 */
@Tag("integration")
class StreamDeliveryMqttTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();
    private static final String PREFIX = "$aws/things/dev1/streams/s1/";

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private MqttAsyncClient device;
    private final BlockingQueue<String[]> jsonIn = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> cborData = new LinkedBlockingQueue<>();
    private byte[] file;

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("data")).withVirtualDevice(false));
        LocalIoTCore.ProvisionedThing thing = core.provision("dev1");
        file = new byte[300_000];
        new Random(11).nextBytes(file);
        core.objects().put("fw-bucket", "app.img", file);
        core.streams().createStream("s1", "test", List.of(new StreamsService.StreamFile(3,
                new S3Location("fw-bucket", "app.img"))), null);
        var ctx = TlsContexts.clientContext(PemFiles.readCertificates(thing.certificateFile()),
                PemFiles.readPrivateKey(thing.privateKeyFile()), PemFiles.readCertificates(core.caFile()));
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(TlsContexts.socketFactory(ctx, core.mqttHost(), core.mqttPort()));
        options.setMaxInflight(1000);
        device = new MqttAsyncClient("ssl://" + core.mqttHost() + ":" + core.mqttPort(), "dev1",
                new MemoryPersistence());
        device.connect(options).waitForCompletion(60_000);
        IMqttMessageListener text = (t, m) -> jsonIn.add(new String[] {t, new String(m.getPayload(),
                StandardCharsets.UTF_8)});
        IMqttMessageListener binary = (t, m) -> cborData.add(m.getPayload());
        device.subscribe(new String[] {PREFIX + "data/json", PREFIX + "rejected/json", PREFIX + "description/json",
                PREFIX + "data/cbor"}, new int[] {1, 1, 1, 1},
                new IMqttMessageListener[] {text, text, text, binary}).waitForCompletion(60_000);
    }

    @AfterEach
    void stop() {
        DeviceIdentity.closeQuietly(device);
        core.close();
    }

    private void send(String kind, String body) throws Exception {
        device.publish(PREFIX + kind, body.getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(60_000);
    }

    private JsonNode next(String suffix) throws Exception {
        String[] m = jsonIn.poll(60, TimeUnit.SECONDS);
        assertThat(m).as("a reply on " + suffix).isNotNull();
        assertThat(m[0]).isEqualTo(PREFIX + suffix);
        return JSON.readTree(m[1]);
    }

    @Test
    void wholeFileInJsonBlocksWithTheRequestCapAndDescribe() throws Exception {
        send("describe/json", "{\"c\":\"d1\"}");
        JsonNode d = next("description/json");
        assertThat(d.path("c").asText()).isEqualTo("d1");
        assertThat(d.path("s").asInt()).isEqualTo(1);
        assertThat(d.path("r").get(0).path("f").asInt()).isEqualTo(3);
        assertThat(d.path("r").get(0).path("z").asLong()).isEqualTo(file.length);

        int block = 4096;
        int blocks = (file.length + block - 1) / block;
        byte[] rebuilt = new byte[file.length];
        int received = 0;
        int offset = 0;
        while (offset < blocks) {
            send("get/json", "{\"c\":\"t\",\"s\":1,\"f\":3,\"l\":" + block + ",\"o\":" + offset + ",\"n\":1000}");
            int perRequest = Math.min(32, blocks - offset);
            for (int k = 0; k < perRequest; k++) {
                JsonNode b = next("data/json");
                assertThat(b.path("f").asInt()).isEqualTo(3);
                int i = b.path("i").asInt();
                byte[] p = Base64.getDecoder().decode(b.path("p").asText());
                assertThat(b.path("l").asInt()).isEqualTo(p.length);
                System.arraycopy(p, 0, rebuilt, i * block, p.length);
                received++;
            }
            assertThat(jsonIn.poll(300, TimeUnit.MILLISECONDS)).as("at most 128 KB per request").isNull();
            offset += perRequest;
        }
        assertThat(received).isEqualTo(blocks);
        assertThat(rebuilt).isEqualTo(file);
    }

    @Test
    void cborBitmapAndCorruptBlockFault() throws Exception {
        byte[] bitmap = {0x13, 0x00, (byte) 0x80};
        var request = CBOR.createObjectNode().put("c", "b1").put("f", 3).put("l", 1024).put("o", 20).put("b", bitmap);
        core.otaFaults().corruptNextBlocks(1);
        device.publish(PREFIX + "get/cbor", CBOR.writeValueAsBytes(request), 1, false).waitForCompletion(60_000);
        int[] expected = {20, 21, 24, 43};
        for (int k = 0; k < expected.length; k++) {
            byte[] raw = cborData.poll(60, TimeUnit.SECONDS);
            assertThat(raw).isNotNull();
            JsonNode b = CBOR.readTree(raw);
            int i = b.path("i").asInt();
            assertThat(i).isEqualTo(expected[k]);
            assertThat(b.path("c").asText()).isEqualTo("b1");
            byte[] p = b.path("p").binaryValue();
            byte[] original = Arrays.copyOfRange(file, i * 1024, i * 1024 + 1024);
            if (k == 0) {
                assertThat(p).as("the corrupt-block fault").isNotEqualTo(original).hasSameSizeAs(original);
            } else {
                assertThat(p).isEqualTo(original);
            }
        }
    }

    @Test
    void refusalsFollowAws() throws Exception {
        send("get/json", "{\"c\":\"x\",\"f\":3,\"l\":100}");
        assertThat(next("rejected/json").path("o").asText()).isEqualTo("BlockSizeOutOfBounds");
        send("get/json", "{\"c\":\"x\",\"s\":7,\"f\":3,\"l\":1024}");
        JsonNode v = next("rejected/json");
        assertThat(v.path("o").asText()).isEqualTo("VersionMismatch");
        assertThat(v.path("c").asText()).isEqualTo("x");
        send("get/json", "{\"f\":9,\"l\":1024}");
        assertThat(next("rejected/json").path("o").asText()).isEqualTo("ResourceNotFound");
        send("get/json", "{\"f\":3,\"l\":1024,\"o\":5000}");
        assertThat(next("rejected/json").path("o").asText()).isEqualTo("OffsetOutOfBounds");
        send("get/json", "{\"f\":3,\"l\":1024,\"n\":100000}");
        assertThat(next("rejected/json").path("o").asText()).isEqualTo("BlockCountLimitExceeded");
        send("get/json", "{\"c\":\"" + "x".repeat(65) + "\",\"f\":3,\"l\":1024}");
        assertThat(next("rejected/json").path("o").asText()).isEqualTo("InvalidRequest");
        send("get/json", "not json");
        assertThat(next("rejected/json").path("o").asText()).isEqualTo("InvalidJson");
        send("get/json", "{\"f\":3,\"l\":1024,\"b\":\"0x" + "ff".repeat(12_288) + "\"}");
        assertThat(next("rejected/json").path("o").asText()).isEqualTo("BlockBitmapLimitExceeded");
    }
}
