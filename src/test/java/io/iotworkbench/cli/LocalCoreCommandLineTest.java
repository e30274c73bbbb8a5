package io.iotworkbench.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@code local-core}'s refusals before anything runs: usage errors exit 2 with one sentence, environment problems
 * exit 1 with one sentence naming the path or port, no stack trace unless {@code --verbose}, and nothing opened.
 */
@Tag("integration")
class LocalCoreCommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = RootCommand.commandLine(() -> {
            throw new AssertionError("no window here");
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "local-core";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private void assertOneSentence() {
        String text = err.toString().strip();
        assertThat(text.lines()).hasSize(1);
        assertThat(text).startsWith("error: ").doesNotContain("Exception", "\tat ", ".java:");
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        assertThat(run("--data-dir", dir.resolve("d").toString(), "--mqtt-port", "99999")).isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("--mqtt-port 99999", "65535");
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void aPortThatIsNotANumberIsAUsageErrorInOneSentence() {
        assertThat(run("--api-port", "abc")).isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("--api-port", "abc").doesNotContain("Usage:");
    }

    @Test
    void aThingNameAwsRefusesIsAUsageErrorFoundBeforeAnythingStarts() {
        assertThat(run("--data-dir", dir.resolve("d").toString(), "--provision", "ok_thing", "--provision", "a/b"))
                .isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("--provision a/b", "'a/b' is not valid");
        assertThat(dir.resolve("d")).as("nothing opened").doesNotExist();
        assertThat(out.toString()).doesNotContain("running");
    }

    @Test
    void aTemperaturePeriodThatIsNotSecondsIsAUsageErrorFoundBeforeAnythingStarts() {
        assertThat(run("--data-dir", dir.resolve("d").toString(), "--virtual-device", "--temperature-every", "soon"))
                .isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("--temperature-every", "seconds", "\"soon\"");
        assertThat(dir.resolve("d")).as("nothing opened").doesNotExist();
    }

    @Test
    void anUnknownPolicyModeIsAUsageErrorFoundBeforeAnythingStarts() {
        assertThat(run("--data-dir", dir.resolve("d").toString(), "--policies", "strict")).isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("--policies strict", "enforce, log or off");
        assertThat(dir.resolve("d")).as("nothing opened").doesNotExist();
    }

    @Test
    void aDataFolderThatIsAFileIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThat(run("--data-dir", file.toString())).isEqualTo(1);
        assertOneSentence();
        assertThat(err.toString()).contains(file.toString(), "is a file", "--data-dir");
    }

    @Test
    void aDataFolderUnderProcIsRefused() {
        assertThat(run("--data-dir", "/proc/self/iot")).isEqualTo(1);
        assertOneSentence();
        assertThat(err.toString()).contains("/proc", "system folder");
    }

    @Test
    void aDataFolderThatIsNotWritableIsNamed() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere; skipping");
        Path locked = Files.createDirectories(dir.resolve("locked"));
        locked.toFile().setWritable(false, false);
        try {
            assertThat(run("--data-dir", locked.resolve("inner").toString())).isEqualTo(1);
            assertOneSentence();
            assertThat(err.toString()).contains(locked.resolve("inner").toString());
        } finally {
            locked.toFile().setWritable(true, true);
        }
    }

    @Test
    void anApiPortInUseIsNamedAndVerboseShowsTheTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThat(run("--data-dir", dir.resolve("d").toString(), "--mqtt-port", "0", "--api-port",
                    String.valueOf(port))).isEqualTo(1);
            assertOneSentence();
            assertThat(err.toString()).contains("REST API port " + port, "another program");
            err.getBuffer().setLength(0);
            assertThat(run("--data-dir", dir.resolve("d").toString(), "--mqtt-port", "0", "--api-port",
                    String.valueOf(port), "--verbose")).isEqualTo(1);
            assertThat(err.toString()).contains("REST API port " + port).contains("\tat ");
        }
    }

    @Test
    void anAddressThatIsNotOneIsAUsageError() {
        assertThat(run("--data-dir", dir.resolve("d").toString(), "--bind", "no such host.invalid")).isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("--bind");
    }
}
