package io.iotworkbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.cli.RootCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A short benchmark run prints its figures and ends with a parsable RESULT line (figures are not judged here). */
@Tag("integration")
class SerialBenchmarkTest {

    @Test
    void aShortRunEndsWithAResultLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            exit = RootCommand.commandLine(() -> { }).execute("bench", "serial", "--seconds", "1");
        } finally {
            System.setOut(original);
        }

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
    void refusesUnknownOptionsAndBadValues() {
        StringWriter err = new StringWriter();
        var cli = RootCommand.commandLine(() -> { });
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));

        assertThat(cli.execute("bench", "serial", "--fast")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--fast'");
        assertThat(cli.execute("bench", "serial", "--transport", "usb")).isEqualTo(2);
        assertThat(err.toString()).contains("--transport auto, pty or pipe");
    }
}
