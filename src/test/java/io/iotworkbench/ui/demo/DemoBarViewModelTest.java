package io.iotworkbench.ui.demo;

import io.iotworkbench.demo.DemoScriptParser;
import io.iotworkbench.demo.LocalDemoServices;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo bar's view model without a toolkit (the FX executor runs inline) on a real headless Local IoT Core:
 * one step per key, keys ignored while a step runs, a failed wait shown, Esc ends a wait at once.
 */
@Tag("integration")
class DemoBarViewModelTest {

    @TempDir
    Path dir;

    private LocalDemoServices services;
    private DemoBarViewModel vm;

    @AfterEach
    void close() {
        vm.dispose();
        services.close();
    }

    @Test
    void runsOneStepPerKeyShowsAFailureAndStopsAWaitAtOnce() throws Exception {
        services = LocalDemoServices.headless(dir, Clock.systemUTC());
        vm = new DemoBarViewModel(services, Clock.systemUTC(), Runnable::run);
        services.onCaption(vm::showCaption);
        vm.open(new DemoScriptParser().parse("bar_demo", """
                title: Bar
                description: Three steps.
                steps:
                  - caption: Hello, stage
                  - wait-shadow: {thing: nobody_here, field: reported.led, equals: red, timeout: 1s}
                  - wait-console: {contains: "never printed", timeout: 5m}
                """));
        assertThat(vm.activeProperty().get()).isTrue();
        assertThat(vm.titleProperty().get()).isEqualTo("Bar");
        assertThat(vm.stepProperty().get()).isEqualTo("Next: step 1 of 3 — caption \"Hello, stage\"");

        vm.next();
        Wait.until("the caption step", () -> !vm.busyProperty().get());
        assertThat(vm.captionProperty().get()).isEqualTo("Hello, stage");
        assertThat(vm.outcomeProperty().get()).isEqualTo("✓ Hello, stage");

        vm.next();
        Wait.until("the failed wait", () -> !vm.busyProperty().get());
        assertThat(vm.failedProperty().get()).isTrue();
        assertThat(vm.outcomeProperty().get()).startsWith("✗ nobody_here's reported.led was not red within 1 s");

        vm.next();
        assertThat(vm.busyProperty().get()).isTrue();
        vm.next();
        assertThat(vm.stepProperty().get()).as("a second key while a step runs is ignored")
                .startsWith("step 3 of 3");
        vm.stop();
        assertThat(vm.activeProperty().get()).isFalse();

        // the runner thread is free again: a 5-minute wait ended with Esc, so the next script's step runs at once
        vm.open(new DemoScriptParser().parse("after_demo", "steps:\n  - caption: Next demo\n"));
        vm.next();
        // the outcome and the step line are set one after the other: wait for both
        Wait.until("the next demo's first step after Esc", () -> "✓ Next demo".equals(vm.outcomeProperty().get())
                && "Done: 1 step ran.".equals(vm.stepProperty().get()));
    }
}
