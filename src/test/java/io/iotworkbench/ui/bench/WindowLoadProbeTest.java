package io.iotworkbench.ui.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench mqtt --window} on Monocle headless: the real pane pulses under load and answers tree selections. */
@Tag("ui")
class WindowLoadProbeTest {

    @TempDir
    Path dir;

    @Test
    void measuresPulsesAndSelectionsWithMessagesFlowing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ObjectNode r;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            r = new WindowLoadProbe(out).run(new WindowLoadProbe.Options(2_000, 500, 1, 3, dir));
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(r.get("offeredPerSecond").asLong()).as(text).isPositive();
        assertThat(r.get("receivedPerSecond").asLong()).as(text).isPositive();
        assertThat(r.get("pulses").asLong()).as(text).isPositive();
        assertThat(r.get("inputSamples").asLong()).as(text).isPositive();
        assertThat(r.has("pulseP99Ms") && r.has("inputP99Ms")).isTrue();
        assertThat(text).contains("FX pulse to pulse", "Tree item selected", "  pulse #");
        // the longest pulses, longest first, each with its place in the run and the FX thread's CPU in it
        var longest = r.get("longestPulses");
        assertThat(longest.size()).as(text).isBetween(1, 5);
        for (int i = 0; i < longest.size(); i++) {
            assertThat(longest.get(i).get("number").asInt()).isPositive();
            assertThat(longest.get(i).get("fxCpuMs").asDouble()).isNotNegative();
            assertThat(longest.get(i).has("endedEpochMs")).isTrue();
            if (i > 0) {
                assertThat(longest.get(i).get("ms").asDouble()).isLessThanOrEqualTo(longest.get(i - 1).get("ms")
                        .asDouble());
            }
        }
    }
}
