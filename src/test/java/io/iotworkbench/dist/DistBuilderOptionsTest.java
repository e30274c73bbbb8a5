package io.iotworkbench.dist;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jlink/DistBuilder.java} refuses a typo before it deletes or builds anything, and explains itself. */
@Tag("integration")
class DistBuilderOptionsTest {

    private static final Path PROJECT = Path.of(System.getProperty("iotworkbench.project.dir", ".")).toAbsolutePath();

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "jlink/DistBuilder.java"));
        command.addAll(List.of(args));
        Path log = dir.resolve("out.log");
        Process p = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("DistBuilder finished").isTrue();
        return new Run(p.exitValue(), Files.readString(log));
    }

    @Test
    void anUnknownOptionIsAUsageErrorAndTouchesNothing() throws Exception {
        Path out = dir.resolve("dist");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "an earlier build");

        Run r = run("--out", out.toString(), "--skip-cdss");

        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("Unknown option --skip-cdss", "nothing was built or deleted", "Usage:");
        assertThat(out.resolve("keep.txt")).as("the old output was not deleted").hasContent("an earlier build");
        assertThat(run("--out").output()).contains("--out needs a value");
    }

    @Test
    void helpPrintsTheOptions() throws Exception {
        Run r = run("--help");

        assertThat(r.exit()).isZero();
        assertThat(r.output()).contains("Usage:", "--skip-installer", "--print-modules");
    }
}
