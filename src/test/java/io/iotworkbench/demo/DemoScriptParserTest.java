package io.iotworkbench.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The script format: every step type read with its line, and one sentence naming the line for each mistake. */
class DemoScriptParserTest {

    private final DemoScriptParser parser = new DemoScriptParser();

    private DemoScript parse(String text) throws DemoScriptException {
        return parser.parse("test_demo", text);
    }

    private void refused(String text, String message) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(DemoScriptException.class).hasMessage(message);
    }

    @Test
    void readsEveryStepTypeWithItsLine() throws Exception {
        DemoScript s = parse("""
                title: All steps
                description: Every step type once.
                steps:
                  - caption: Hello
                  - connect: Local IoT Core
                  - tab: Shadow
                  - thing: wm_demo_1
                  - shadow-update: {desired: {led: red}, shadow: config}
                  - job: {template: reboot, id: "r-${run}", thing: wm_demo_2}
                  - board: aws_led
                  - wait-shadow: {field: reported.led, equals: red, timeout: 500ms}
                  - wait-job:
                      status: succeeded
                      timeout: 2m
                  - wait-console: {contains: set led}
                """);

        assertThat(s.title()).isEqualTo("All steps");
        assertThat(s.description()).isEqualTo("Every step type once.");
        assertThat(s.steps()).extracting(DemoStep::line).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12, 15);
        assertThat(s.steps().get(0)).isEqualTo(new DemoStep.Caption(4, "Hello"));
        assertThat(s.steps().get(2)).isEqualTo(new DemoStep.SelectTab(6, "shadow"));
        DemoStep.ShadowUpdate u = (DemoStep.ShadowUpdate) s.steps().get(4);
        assertThat(u.state().toString()).isEqualTo("{\"desired\":{\"led\":\"red\"}}");
        assertThat(u.shadow()).isEqualTo("config");
        assertThat(u.thing()).isNull();
        assertThat(s.steps().get(5)).isEqualTo(new DemoStep.CreateJob(9, "reboot", "r-${run}", "wm_demo_2"));
        assertThat(s.steps().get(7)).isEqualTo(new DemoStep.WaitShadow(11, null, null, "reported.led", "red",
                Duration.ofMillis(500)));
        assertThat(s.steps().get(8)).isEqualTo(new DemoStep.WaitJob(12, null, null, "SUCCEEDED",
                Duration.ofMinutes(2)));
        assertThat(s.steps().get(9)).isEqualTo(new DemoStep.WaitConsole(15, "set led",
                DemoScriptParser.DEFAULT_TIMEOUT));
    }

    @Test
    void theShippedScriptsParse() throws Exception {
        for (String name : ShippedDemos.NAMES) {
            DemoScript s = ShippedDemos.load(name).orElseThrow();
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.steps()).isNotEmpty();
        }
        assertThat(ShippedDemos.load("nope_demo")).isEmpty();
    }

    @Test
    void namesTheLineOfEachMistake() {
        refused("steps:\n  - caption: a\n  - blink: fast\n", "Line 3: unknown step \"blink\" (steps are caption, "
                + "connect, tab, thing, shadow-update, job, board, wait-shadow, wait-job, wait-console).");
        refused("steps:\n  - wait-shadow: {field: reported.led}\n", "Line 2: wait-shadow needs \"equals\".");
        refused("steps:\n  - wait-console: {contains: x, timeout: soon}\n", "Line 2: timeout \"soon\" should be a "
                + "time up to 10 minutes, e.g. 30s, 2m or 500ms.");
        refused("steps:\n  - job: {template: format-disk}\n", "Line 2: template \"format-disk\" is not one of "
                + "reboot, print, publish.");
        refused("steps:\n  - tab: Settings\n", "Line 2: tab \"settings\" is not one of certificates, mqtt, shadow, "
                + "jobs, things, serial.");
        refused("steps:\n  - shadow-update: {led: red}\n", "Line 2: shadow-update has no \"led\" (it takes desired, "
                + "reported, shadow, thing).");
        refused("steps:\n  - shadow-update: {desired: red}\n", "Line 2: shadow-update's desired must be a mapping "
                + "of fields, e.g. \"desired: {led: red}\".");
        refused("steps:\n  - caption: a\n    board: b\n", "Line 2: a step is one of caption, connect, tab, thing, "
                + "shadow-update, job, board, wait-shadow, wait-job, wait-console with its value, e.g. "
                + "\"- caption: Hello\".");
        refused("title: x\nsteps: go\n", "Line 2: steps must be a list (each step on a line starting with \"- \").");
        refused("title: x\n", "The script has no steps (add a \"steps:\" list).");
        refused("titel: x\n", "Line 1: unknown key \"titel\" (a script has title, description and steps).");
        refused("- a\n- b\n", "Line 1: a demo script is a mapping with title, description and steps.");
        refused("steps:\n  - caption: [unclosed\n", "Line 2: it is not valid YAML (while parsing a flow "
                + "sequence: expected ',' or ']', but got <stream end>).");
    }

    @Test
    void readsDurations() {
        assertThat(DemoScriptParser.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DemoScriptParser.duration("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DemoScriptParser.duration("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DemoScriptParser.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DemoScriptParser.duration("later")).isNull();
    }
}
