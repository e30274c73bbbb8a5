package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.testsupport.JavaProcess;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.Assumptions;
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
 * {@code DIR/decisions.ndjson} end to end: the real {@code iot-workbench local-core} process, Debian's
 * {@code mosquitto_pub} over TLS with a provisioned device's certificate publishing where its least-privilege policy
 * does not allow, and the JSON line that explains it — refused with {@code --policies enforce}, delivered but still
 * recorded with {@code --policies log}.
 */
@Tag("integration")
class DecisionsFileCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void enforceRefusesThePublishAndWritesWhyToDecisionsNdjson() throws Exception {
        JsonNode line = publishForbidden("enforce", "forbidden/enforce");
        assertThat(line.get("decision").asText()).isEqualTo("IMPLICIT_DENY");
        assertThat(line.get("reason").asText()).contains("no statement of the attached policies")
                .contains("allows iot:Publish on topic/forbidden/enforce");
    }

    @Test
    void logAllowsThePublishButWritesWhatAwsWouldRefuse() throws Exception {
        JsonNode line = publishForbidden("log", "forbidden/log");
        assertThat(line.get("decision").asText()).as("the verdict AWS would give").isEqualTo("IMPLICIT_DENY");
        assertThat(line.get("reason").asText()).startsWith("allowed in log mode, but AWS IoT would refuse it: ");
    }

    /**
     * Starts local-core with {@code --policies mode}, publishes QoS 1 to {@code topic} as device {@code dev}, checks
     * the outcome (no PUBACK under enforce, a PUBACK under log) and returns the decision's line in the file.
     */
    private JsonNode publishForbidden(String mode, String topic) throws Exception {
        Assumptions.assumeTrue(onPath("mosquitto_pub"), "Debian's mosquitto-clients is not installed");
        Path log = dir.resolve("out.log");
        Path data = dir.resolve("data");
        Process core = JavaProcess.start(log, "local-core", "--data-dir", data.toString(), "--mqtt-port", "0",
                "--api-port", "0", "--provision", "dev", "--policies", mode);
        try {
            Path infoFile = data.resolve("local-core.json");
            Wait.check("local-core's local-core.json", () -> {
                assertThat(core.isAlive()).as("local-core died: %s", Files.exists(log) ? Files.readString(log) : "")
                        .isTrue();
                return Files.exists(infoFile);
            });
            JsonNode info = JSON.readTree(infoFile.toFile());
            JsonNode dev = info.at("/things/dev");
            List<String> cmd = new ArrayList<>(List.of("mosquitto_pub", "-h", info.at("/mqtt/host").asText(),
                    "-p", info.at("/mqtt/port").asText(), "--cafile", info.get("caFile").asText(),
                    "--cert", dev.get("certificateFile").asText(), "--key", dev.get("privateKeyFile").asText(),
                    "-i", "dev", "-V", "mqttv311", "-d", "-q", "1", "-t", topic, "-m", "hello"));
            Path out = dir.resolve("pub-" + mode + ".log");
            Process pub = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(pub.waitFor(60, TimeUnit.SECONDS)).as("mosquitto_pub exited").isTrue();
            String said = Files.readString(out);
            if (mode.equals("enforce")) {
                assertThat(said).as("refused: closed without PUBACK").doesNotContain("received PUBACK");
            } else {
                assertThat(said).as("log mode delivers").contains("received PUBACK");
                assertThat(pub.exitValue()).isZero();
            }

            Path decisions = data.resolve("decisions.ndjson");
            JsonNode[] found = new JsonNode[1];
            Wait.check("the denial in decisions.ndjson", () -> {
                Optional<JsonNode> l = lineFor(decisions, "topic/" + topic);
                l.ifPresent(x -> found[0] = x);
                return l.isPresent();
            });
            JsonNode line = found[0];
            assertThat(line.get("action").asText()).isEqualTo("iot:Publish");
            assertThat(line.get("clientId").asText()).isEqualTo("dev");
            assertThat(line.get("thingName").asText()).isEqualTo("dev");
            assertThat(line.get("certificateId").asText()).isEqualTo(dev.get("certificateId").asText());
            assertThat(line.at("/variables/iot:ClientId").asText()).isEqualTo("dev");
            assertThat(line.toString()).doesNotContain("PRIVATE KEY");
            // the start-up lines (printed after local-core.json is written) name the mode and the file
            Wait.check("local-core's start-up lines", () -> Files.readString(log).contains("Policies: " + mode)
                    && Files.readString(log).contains("decisions.ndjson"));
            return line;
        } finally {
            core.destroy();
            if (!core.waitFor(60, TimeUnit.SECONDS)) {
                core.destroyForcibly();
            }
        }
    }

    private static Optional<JsonNode> lineFor(Path file, String resource) throws Exception {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        for (String l : Files.readAllLines(file)) {
            if (l.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(l);
            if (resource.equals(n.path("resource").asText())) {
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
