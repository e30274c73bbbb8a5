package io.iotworkbench.dist;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jlink/jvm.options} as the launchers pass it: this JDK (the one that builds the runtime image) accepts every
 * line, and with them it maps its class-data-sharing archive at the archive's own address instead of relocating it
 * at every launch (decision 0032).
 */
@Tag("integration")
class JvmOptionsTest {

    private static final Path PROJECT = Path.of(System.getProperty("iotworkbench.project.dir", ".")).toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theJdkAcceptsTheOptionsAndMapsItsArchiveWithoutRelocating() throws Exception {
        Path log = dir.resolve("out.log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + PROJECT.resolve("jlink/jvm.options"), "-Xshare:auto", "-Xlog:cds=info", "-version"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("java -version finished").isTrue();
        String out = Files.readString(log);

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("the options as the JVM read them").doesNotContain("Unrecognized", "Error:")
                .doesNotContain("always map archive(s) at an alternative address");
    }
}
