package io.iotworkbench.serial.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A short benchmark run prints its figures and ends with a parsable RESULT line (figures are not judged here). */
class SerialBenchmarkTest {

    @Test
    void aShortRunEndsWithAResultLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = SerialBenchmark.run(new String[] {"--seconds", "1"}, new PrintStream(bytes, true,
                StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(exit).isZero();
        assertThat(lines.get(0)).startsWith("serial benchmark: ");
        assertThat(lines).anyMatch(l -> l.startsWith("full speed:")).anyMatch(l -> l.startsWith("heap after GC:"));
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("RESULT {");
        JsonNode result = new ObjectMapper().readTree(last.substring("RESULT ".length()));
        assertThat(result.path("transport").asText()).isIn("pty", "pipe");
        assertThat(result.path("fullSpeed").path("lines").asLong()).isPositive();
        assertThat(result.path("paced").path("bytesPerSecond").asDouble()).isPositive();
        assertThat(result.path("paced").path("consoleCpuShare").isNumber()).isTrue();
        assertThat(result.path("heapAfterGcBytes").asLong()).isPositive();
        assertThat(result.has("meetsTarget")).isTrue();
    }

    @Test
    void refusesUnknownOptions() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        assertThat(SerialBenchmark.run(new String[] {"--fast"}, new PrintStream(bytes, true,
                StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("unknown option --fast");
    }
}
