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
