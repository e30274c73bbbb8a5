package io.iotworkbench.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up benchmark's arithmetic and its refusal to run without the layouts it compares. */
class StartupBenchmarkTest {

    @Test
    void theCoreIsTakenWhenItRanNotWhenTheProbePrintedIt() {
        // first frame at 1,500 ms wall, 1,400 ms uptime: 100 ms before the JVM's clock; the core ran at 1,800 ms
        // uptime but its line came after the pane, at 3,000 ms wall
        assertThat(StartupBenchmark.coreReady(Map.of("first-frame", 1500.0, "core-ready", 3000.0),
                Map.of("first-frame", 1400L, "core-ready", 1800L))).isEqualTo(1900.0);
        assertThat(StartupBenchmark.coreReady(Map.of("first-frame", 1500.0, "core-ready", 3000.0),
                Map.of("first-frame", 1400L, "core-ready", 2950L))).as("never later than the line").isEqualTo(3000.0);
        assertThat(StartupBenchmark.coreReady(Map.of("first-frame", 1500.0), Map.of("first-frame", 1400L)))
                .isEqualTo(-1.0);
        assertThat(StartupBenchmark.coreReady(Map.of("core-ready", 3000.0), Map.of("core-ready", 1800L)))
                .as("no first frame to place the JVM's clock").isEqualTo(3000.0);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(StartupBenchmark.median(List.of(900.0, 700.0, 800.0))).isEqualTo(800.0);
        assertThat(StartupBenchmark.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(StartupBenchmark.median(List.of())).isNaN();
    }

    @Test
    void missingLayoutsSayHowToBuildThem(@TempDir Path dir) {
        var bench = new StartupBenchmark(new PrintStream(new ByteArrayOutputStream()), Map.of());
        assertThatThrownBy(() -> bench.run(new StartupBenchmark.Options(1, dir.resolve("app"), dir.resolve("dist"),
                dir.resolve("work")))).hasMessageContaining("mvn package");
    }
}
