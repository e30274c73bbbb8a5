package io.iotworkbench.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo run} and {@code demo list} through the real command line: both shipped scripts run headless against an
 * embedded Local IoT Core with the virtual device and board (as CI runs them), a failed wait exits 1 naming the step
 * and what it saw, a bad file exits 2 with one sentence.
 */
@Tag("integration")
class DemoCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        var cli = RootCommand.commandLine(() -> { });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void theShippedLedDemoRunsHeadlessAndEveryWaitHolds(@TempDir Path data) {
        int code = run("demo", "run", "led_demo.yaml", "--data-dir", data.toString());

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("wait-shadow reported.led = green … ok", "set led blue",
                "All 19 steps done.");
    }

    @Test
    void theShippedJobsDemoRunsHeadlessToSucceeded() {
        int code = run("demo", "run", "jobs_demo");

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("wait-job SUCCEEDED … ok", "All 15 steps done.");
    }

    @Test
    void aWaitThatDoesNotHoldExitsOneNamingTheStepAndWhatItSaw(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("purple_demo.yaml");
        Files.writeString(script, """
                title: Purple
                steps:
                  - connect: Local IoT Core
                  - shadow-update: {desired: {led: purple}}
                  - wait-shadow: {field: reported.led, equals: purple, timeout: 3s}
                """);

        int code = run("demo", "run", script.toString(), "--data-dir", dir.resolve("data").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("Step 3 (line 5, wait-shadow reported.led = purple) failed",
                "wm_demo_1's reported.led was not purple within 3 s (last seen: reported.led = ");
    }

    @Test
    void aBadScriptExitsTwoWithOneSentenceNamingTheLine(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("bad_demo.yaml");
        Files.writeString(script, "steps:\n  - caption: hi\n  - wait-job: {status: DONE}\n");

        assertThat(run("demo", "run", script.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: Line 3: status \"DONE\" is not one of QUEUED, "
                + "IN_PROGRESS, SUCCEEDED, FAILED, TIMED_OUT, REJECTED, REMOVED, CANCELED.");
        assertThat(out.toString()).doesNotContain("Running");
    }

    @Test
    void aMissingFileExitsTwo() {
        assertThat(run("demo", "run", "/nonexistent/x_demo.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("There is no demo script /nonexistent/x_demo.yaml.");
    }

    @Test
    void listNamesTheShippedScripts() {
        assertThat(run("demo", "list")).isZero();
        assertThat(out.toString()).contains("led_demo.yaml", "jobs_demo.yaml", "LED demo (WM led_demo)");
    }
}
