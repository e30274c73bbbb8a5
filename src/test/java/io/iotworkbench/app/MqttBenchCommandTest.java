package io.iotworkbench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench mqtt} is registered under {@code bench} and prints its figures with a last RESULT line. */
@Tag("integration")
class MqttBenchCommandTest {

    @Test
    void smallRunPrintsBothRatesAndApplyTimes() throws Exception {
        assertThat(Main.commandLine().getSubcommands().get("bench").getSubcommands()).containsKey("mqtt");
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = Main.commandLine().execute("bench", "mqtt", "--messages", "2000", "--topics", "200",
                    "--publishers", "2", "--policies", "enforce");
        } finally {
            System.setOut(original);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1];
        assertThat(last).startsWith("RESULT {");
        JsonNode r = new ObjectMapper().readTree(last.substring("RESULT ".length()));
        assertThat(r.get("bareReceived").asLong()).isEqualTo(2000);
        assertThat(r.get("received").asLong()).isGreaterThanOrEqualTo(2000);
        assertThat(r.get("pipelineMessagesPerSecond").asDouble()).isPositive();
        assertThat(r.get("ratio").asDouble()).isPositive();
        assertThat(r.get("treeTopics").asInt()).isGreaterThanOrEqualTo(200);
        assertThat(r.has("applyP99Ms")).isTrue();
        assertThat(out).contains("Bare Paho subscriber", "Through the pipeline", "Heap after GC");
    }

    @Test
    void mosquittoAsTheSourceAtBothQosLevelsReportsEveryRun() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.iotworkbench.bench.MosquittoServer.binary() != null,
                "mosquitto is installed");
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = Main.commandLine().execute("bench", "mqtt", "--messages", "2000", "--topics", "100",
                    "--publishers", "2", "--broker", "mosquitto", "--qos", "0,1",
                    "--policies", "enforce");
        } finally {
            System.setOut(original);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        String[] lines = out.strip().split("\n");
        JsonNode r = new ObjectMapper().readTree(lines[lines.length - 1].substring("RESULT ".length()));
        assertThat(r.get("runs")).hasSize(2);
        for (JsonNode run : r.get("runs")) {
            assertThat(run.get("broker").asText()).isEqualTo("mosquitto");
            assertThat(run.get("bareReceived").asLong()).isEqualTo(2000);
            assertThat(run.get("received").asLong()).isEqualTo(2000);
            assertThat(run.has("fxTaskCpuMaxMs")).isTrue();
        }
        assertThat(r.get("runs").get(0).get("qos").asInt()).isZero();
        assertThat(r.get("runs").get(1).get("qos").asInt()).isEqualTo(1);
        assertThat(out).contains("mosquitto (TLS) on 127.0.0.1", "Summary");
    }

    @Test
    void anUnknownSourceIsAUsageError() {
        assertThat(Main.commandLine().execute("bench", "mqtt", "--broker", "hivemq")).isEqualTo(2);
        assertThat(Main.commandLine().execute("bench", "mqtt", "--qos", "2")).isEqualTo(2);
    }
}
