package io.iotworkbench.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
class RootCommandTest {

    private final StringWriter out = new StringWriter();
    private final AtomicBoolean guiLaunched = new AtomicBoolean();

    private int run(String... args) {
        var cli = RootCommand.commandLine(() -> guiLaunched.set(true));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }

    @Test
    void versionNamesTheAppAndJava() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("IoT Workbench").contains("Java " + System.getProperty("java.version"));
        assertThat(guiLaunched).isFalse();
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: iot-workbench", "profiles");
    }

    @Test
    void noSubcommandOpensTheGui() {
        assertThat(run()).isZero();
        assertThat(guiLaunched).isTrue();
    }

    @Test
    void profilesSubcommandRunsHeadlessOnTheRedirectedConfigFolder() {
        assertThat(run("profiles")).isZero();
        assertThat(out.toString()).contains("Local IoT Core", "test-home");
        assertThat(guiLaunched).isFalse();
    }

    @Test
    void unknownSubcommandFailsWithUsage() {
        assertThat(run("frobnicate")).isNotZero();
        assertThat(out.toString()).contains("Unmatched argument");
    }
}
