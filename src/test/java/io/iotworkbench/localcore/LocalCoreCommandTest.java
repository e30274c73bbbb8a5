package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.localcore.store.DataFolderInUseException;
import io.iotworkbench.session.Profile;
import io.iotworkbench.testsupport.JavaProcess;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code iot-workbench local-core} as a separate process: starts, writes its JSON, serves, stops on signals. */
@Tag("integration")
class LocalCoreCommandTest {

    @TempDir
    Path dir;

    private JsonNode awaitInfo(Process p, Path log) throws Exception {
        return awaitInfo(p, log, dir.resolve("data/local-core.json"));
    }

    private JsonNode awaitInfo(Process p, Path log, Path info) throws Exception {
        Wait.check("local-core's " + info.getFileName(), () -> {
            assertThat(p.isAlive()).as("local-core died: %s", Files.exists(log) ? Files.readString(log) : "").isTrue();
            return Files.exists(info);
        });
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
            assertThat(info.at("/https/host").asText()).isEqualTo("127.0.0.1");
            assertThat(info.at("/https/port").asInt()).isPositive();
            assertThat(info.at("/api/signaturesRequired").asBoolean()).isFalse();
            assertThat(info.at("/api/accessKeyId").asText()).startsWith("AKIALOCAL");
            assertThat(info.at("/api/secretAccessKey").asText()).hasSize(40);
            assertOwnerOnly(dir.resolve("data/local-core.json"), "rw-------");
            assertOwnerOnly(dir.resolve("data"), "rwx------");
            assertOwnerOnly(dir.resolve("data/local-core"), "rwx------");
            assertOwnerOnly(dir.resolve("data/local-core/local-core.db"), "rw-------");
            String httpsLine = "HTTPS device endpoint (client certificates): 127.0.0.1:"
                    + info.at("/https/port").asInt();
            // the JSON is written before the start-up lines are printed: wait for the line
            Wait.until("local-core prints its HTTPS endpoint", () -> {
                try {
                    return Files.readString(log).contains(httpsLine);
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertThat(Files.readString(log)).doesNotContain(info.at("/api/secretAccessKey").asText());

            var thing = new LocalIoTCore.ProvisionedThing("sensor_a", Path.of(a.get("certificateFile").asText()),
                    Path.of(a.get("privateKeyFile").asText()), a.get("certificateId").asText(), "");
            try (ShadowClient c = RemoteCore.client(info, thing)) {
                c.subscribe("$aws/things/sensor_a/shadow/#");
                JsonNode accepted = c.request("$aws/things/sensor_a/shadow/update",
                        "{\"state\":{\"reported\":{\"up\":true}}}", "/accepted").json();
                assertThat(accepted.get("version").asLong()).isEqualTo(1);
            }
            assertOwnerOnly(dir.resolve("data/local-core/local-core.db-wal"), "rw-------");
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("Local IoT Core running", "Local IoT Core stopped.");
        } finally {
            p.destroyForcibly();
        }
    }

    private static void assertOwnerOnly(Path path, String mode) throws Exception {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                    .isEqualTo(mode);
        }
    }

    @Test
    void aSecondCoreOnTheSameDataFolderExitsAtOnceNamingTheFolderAndTheHolder() throws Exception {
        Path log = dir.resolve("first.log");
        Path data = dir.resolve("data");
        Process first = JavaProcess.start(log, "local-core", "--data-dir", data.toString(), "--mqtt-port", "0");
        Path secondLog = dir.resolve("second.log");
        try {
            awaitInfo(first, log);
            Process second = JavaProcess.start(secondLog, "local-core", "--data-dir", data.toString(),
                    "--mqtt-port", "0");
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the second exits by itself").isTrue();
            assertThat(second.exitValue()).isEqualTo(1);
            String said = Files.readString(secondLog);
            assertThat(said).contains("error: The data folder " + data.toAbsolutePath(), "in use by another Local IoT "
                    + "Core", "process " + first.pid(), "iot-workbench local-core").doesNotContain("\tat ");
            assertThat(said.lines().filter(l -> l.startsWith("error:"))).hasSize(1);

            LocalCoreRuntime window = new LocalCoreRuntime(data, 0);
            assertThatThrownBy(() -> window.start().get(120, TimeUnit.SECONDS))
                    .as("the window says the same").hasCauseInstanceOf(DataFolderInUseException.class)
                    .hasMessageContaining(data.toString()).hasMessageContaining("process " + first.pid());
            assertThat(first.isAlive()).isTrue();
        } finally {
            first.destroy();
            first.waitFor(30, TimeUnit.SECONDS);
            first.destroyForcibly();
        }
    }

    @Test
    void withoutMqttPortATaken8883FallsBackToAFreePortAndSaysSo() throws Exception {
        ServerSocket held = null;
        try {
            held = new ServerSocket(Profile.MQTT_TLS_PORT, 1, InetAddress.getByName("127.0.0.1"));
        } catch (IOException alreadyTaken) {
            // taken by someone else: just as good
        }
        Path log = dir.resolve("fallback.log");
        Process p = JavaProcess.start(log, "local-core", "--data-dir", dir.resolve("data").toString());
        try {
            JsonNode info = awaitInfo(p, log);
            assertThat(info.at("/mqtt/port").asInt()).isPositive().isNotEqualTo(Profile.MQTT_TLS_PORT);
            Wait.check("local-core's ready line", () -> Files.readString(log).contains("Press Ctrl+C"));
            assertThat(Files.readString(log)).contains("Port 8883 is in use: MQTT listens on port "
                    + info.at("/mqtt/port").asInt());
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            if (held != null) {
                held.close();
            }
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
