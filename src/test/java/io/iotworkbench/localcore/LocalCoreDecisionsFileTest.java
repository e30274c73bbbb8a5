package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.testsupport.JavaProcess;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DIR/decisions.ndjson} end to end: the real {@code local-core} command in its own process, Debian's
 * {@code mosquitto_pub} with a device's least-privilege certificate over TLS publishing where its policy does not
 * allow, and the JSON line that names the denial in the data folder. With {@code --policies enforce} the publish is
 * refused (no PUBACK); with {@code --policies log} it is allowed (PUBACK) and still recorded.
 */
@Tag("integration")
class LocalCoreDecisionsFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void needsMosquittoClients() {
        Assumptions.assumeTrue(onPath("mosquitto_pub"),
                "mosquitto-clients is not installed (apt-get install mosquitto-clients)");
    }

    @Test
    void enforceRefusesThePublishAndWritesTheDenial() throws Exception {
        Outcome o = publishForbidden("enforce");
        assertThat(o.clientOutput).as("refused: no PUBACK").doesNotContain("PUBACK");
        assertThat(o.line.get("decision").asText()).isEqualTo("IMPLICIT_DENY");
        assertThat(o.line.get("action").asText()).isEqualTo("iot:Publish");
        assertThat(o.line.get("clientId").asText()).isEqualTo("dev");
        assertThat(o.line.get("thingName").asText()).isEqualTo("dev");
        assertThat(o.line.get("certificateId").asText()).matches("[0-9a-f]{64}");
        assertThat(o.line.get("reason").asText()).isNotBlank();
        assertThat(o.log).contains("Policies: enforce", "decisions.ndjson");
    }

    @Test
    void logAllowsThePublishButRecordsWhatWouldBeDenied() throws Exception {
        Outcome o = publishForbidden("log");
        assertThat(o.clientOutput).as("allowed: PUBACK").contains("PUBACK");
        assertThat(o.line.get("decision").asText()).isEqualTo("IMPLICIT_DENY");
        assertThat(o.line.get("action").asText()).isEqualTo("iot:Publish");
        assertThat(o.line.get("clientId").asText()).isEqualTo("dev");
        assertThat(o.log).contains("Policies: log");
    }

    private record Outcome(String clientOutput, JsonNode line, String log) {
    }

    /** Starts local-core with {@code --policies mode}, publishes to forbidden/x as device dev, finds the line. */
    private Outcome publishForbidden(String mode) throws Exception {
        Path log = dir.resolve("core.log");
        Path data = dir.resolve("data");
        Process core = JavaProcess.start(log, "local-core", "--data-dir", data.toString(), "--mqtt-port", "0",
                "--api-port", "0", "--https-port", "0", "--provision", "dev", "--policies", mode);
        try {
            Path infoFile = data.resolve("local-core.json");
            Wait.check("local-core's ready line", () -> {
                assertThat(core.isAlive()).as("local-core died: %s", Files.exists(log) ? Files.readString(log) : "")
                        .isTrue();
                return Files.exists(infoFile) && Files.readString(log).contains("Press Ctrl+C");
            });
            JsonNode info = JSON.readTree(infoFile.toFile());
            JsonNode dev = info.at("/things/dev");
            List<String> cmd = new ArrayList<>(List.of("mosquitto_pub", "-h", info.at("/mqtt/host").asText(),
                    "-p", info.at("/mqtt/port").asText(), "--cafile", info.get("caFile").asText(),
                    "--cert", dev.get("certificateFile").asText(), "--key", dev.get("privateKeyFile").asText(),
                    "-i", "dev", "-V", "mqttv311", "-d", "-q", "1", "-t", "forbidden/x", "-m", "boom"));
            Path pubOut = dir.resolve("pub.out");
            Process pub = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(pubOut.toFile()).start();
            assertThat(pub.waitFor(60, TimeUnit.SECONDS)).as("mosquitto_pub exited").isTrue();
            String said = Files.readString(pubOut);
            assertThat(said).as("the TLS connection was accepted").contains("CONNACK");

            Path decisions = data.resolve("decisions.ndjson");
            JsonNode[] found = new JsonNode[1];
            Wait.check("the denial in " + decisions, () -> {
                found[0] = Files.exists(decisions) ? lineFor(decisions, "topic/forbidden/x").orElse(null) : null;
                return found[0] != null;
            });
            assertThat(found[0].get("resource").asText()).isEqualTo("topic/forbidden/x");
            return new Outcome(said, found[0], Files.readString(log));
        } finally {
            core.destroy();
            if (!core.waitFor(30, TimeUnit.SECONDS)) {
                core.destroyForcibly();
            }
        }
    }

    private static Optional<JsonNode> lineFor(Path file, String resourceEnd) throws Exception {
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.path("resource").asText().endsWith(resourceEnd) && "iot:Publish".equals(n.path("action").asText())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
