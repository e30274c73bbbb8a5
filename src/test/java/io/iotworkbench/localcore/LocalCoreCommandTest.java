package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.testsupport.JavaProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code iot-workbench local-core} as a separate process: starts, writes its JSON, serves, stops on signals. */
@Tag("slow")
class LocalCoreCommandTest {

    @TempDir
    Path dir;

    private JsonNode awaitInfo(Process p, Path log) throws Exception {
        Path info = dir.resolve("data/local-core.json");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(info) && System.nanoTime() < end) {
            assertThat(p.isAlive()).as("local-core died: %s", Files.exists(log) ? Files.readString(log) : "").isTrue();
            Thread.sleep(100);
        }
        return new ObjectMapper().readTree(info.toFile());
    }

    @Test
    void startsWritesItsJsonServesAndStopsOnSigterm() throws Exception {
        Path log = dir.resolve("out.log");
        Process p = JavaProcess.start(log, "local-core", "--data-dir", dir.resolve("data").toString(),
                "--mqtt-port", "0", "--api-port", "0", "--provision", "sensor_a", "--provision", "sensor_b");
        try {
            JsonNode info = awaitInfo(p, log);
            assertThat(info.at("/mqtt/host").asText()).isEqualTo("127.0.0.1");
            assertThat(info.at("/mqtt/port").asInt()).isPositive();
            assertThat(info.at("/api/endpoint").asText()).startsWith("http://127.0.0.1:");
            assertThat(Path.of(info.get("caFile").asText())).exists().isAbsolute();
            JsonNode a = info.at("/things/sensor_a");
            assertThat(a.get("certificateId").asText()).matches("[0-9a-f]{64}");
            assertThat(Path.of(a.get("privateKeyFile").asText())).exists();
            assertThat(info.at("/things/sensor_b/certificateFile").asText()).endsWith("certificate.pem.crt");

            var thing = new LocalIoTCore.ProvisionedThing("sensor_a", Path.of(a.get("certificateFile").asText()),
                    Path.of(a.get("privateKeyFile").asText()), a.get("certificateId").asText(), "");
            try (ShadowClient c = RemoteCore.client(info, thing)) {
                c.subscribe("$aws/things/sensor_a/shadow/#");
                JsonNode accepted = c.request("$aws/things/sensor_a/shadow/update",
                        "{\"state\":{\"reported\":{\"up\":true}}}", "/accepted").json();
                assertThat(accepted.get("version").asLong()).isEqualTo(1);
            }
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("Local IoT Core running", "Local IoT Core stopped.");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void everyAcknowledgedUpdateSurvivesKillMinus9() throws Exception {
        Path log = dir.resolve("out.log");
        Process p = JavaProcess.start(log, "local-core", "--data-dir", dir.resolve("data").toString(),
                "--mqtt-port", "0", "--provision", "crashy");
        int acknowledged = 0;
        LocalIoTCore.ProvisionedThing thing;
        try {
            JsonNode info = awaitInfo(p, log);
            JsonNode t = info.at("/things/crashy");
            thing = new LocalIoTCore.ProvisionedThing("crashy", Path.of(t.get("certificateFile").asText()),
                    Path.of(t.get("privateKeyFile").asText()), t.get("certificateId").asText(), "");
            try (ShadowClient c = RemoteCore.client(info, thing)) {
                c.subscribe("$aws/things/crashy/shadow/update/accepted");
                for (int i = 1; i <= 50; i++) {
                    c.publish("$aws/things/crashy/shadow/update", "{\"state\":{\"reported\":{\"n\":" + i + "}}}");
                    c.next("/update/accepted");
                    acknowledged = i;
                }
                p.destroyForcibly();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            p.destroyForcibly();
        }
        try (LocalIoTCore core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("data"))
                .withVirtualDevice(false))) {
            JsonNode got = new ObjectMapper().readTree(core.shadows().get("crashy", "").body());
            assertThat(got.get("version").asLong()).isEqualTo(acknowledged);
            assertThat(got.at("/state/reported/n").asInt()).isEqualTo(acknowledged);
        }
    }
}
