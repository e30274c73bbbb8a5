package io.iotworkbench.ui.demo;

import io.iotworkbench.demo.DemoResult;
import io.iotworkbench.demo.DemoRunner;
import io.iotworkbench.demo.DemoScript;
import io.iotworkbench.demo.DemoServices;
import io.iotworkbench.demo.DemoStep;
import io.iotworkbench.demo.StepOutcome;
import io.iotworkbench.ui.common.PaneTasks;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * The demo bar's view model: a loaded script, the step to come, the caption on screen and the last step's outcome;
 * {@link #next} (PageDown / →) runs one step, {@link #runAll} the rest, {@link #stop} (Esc) ends the demo.
 *
 * <p>Threading: properties and commands on the FX thread; steps run one at a time as {@link PaneTasks} on the
 * {@code demo-runner} thread (waits block there), their results come back through the FX executor; a step of a demo
 * that was stopped or replaced is stale and its result dropped. A key pressed while a step runs is ignored.
 */
public final class DemoBarViewModel {

    private final DemoServices services;
    private final Clock clock;
    private final Executor fxExecutor;
    private static final String STEPS = "steps";

    private final PaneTasks tasks;
    private final BooleanProperty active = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty failed = new SimpleBooleanProperty();
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty step = new SimpleStringProperty("");
    private final StringProperty caption = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty("");
    private DemoRunner runner;

    public DemoBarViewModel(DemoServices services, Clock clock, Executor fxExecutor) {
        this.services = services;
        this.clock = clock;
        this.fxExecutor = fxExecutor;
        this.tasks = PaneTasks.create(null, "demo-runner", fxExecutor, e -> String.valueOf(e.getMessage()));
        tasks.onMessage((text, isError) -> {
            if (isError) {
                ended(runner, StepOutcome.failed(text));
            }
        });
    }

    /** What the services' captions call, from the runner's thread. */
    public void showCaption(String text) {
        fxExecutor.execute(() -> caption.set(text));
    }

    /** Loads a script and shows the bar at its first step (stopping a demo that runs). */
    public void open(DemoScript script) {
        if (runner != null) {
            runner.stop();
        }
        tasks.invalidate(STEPS);
        busy.set(false);
        runner = new DemoRunner(script, services, clock, new DemoRunner.Listener() { },
                DemoRunner.runIdAt(clock.instant()));
        title.set(script.title());
        caption.set(script.description());
        outcome.set("Press PageDown or → for the next step, Esc to stop.");
        failed.set(false);
        active.set(true);
        showNext(runner);
    }

    /** Runs the next step (ignored while one runs). */
    public void next() {
        DemoRunner r = runner;
        if (r == null || busy.get() || r.finished()) {
            return;
        }
        busy.set(true);
        step.set(stepLine(r, r.nextIndex()) + " …");
        tasks.latest(STEPS, null, () -> r.next().orElse(StepOutcome.failed("stopped")), o -> ended(r, o));
    }

    /** Runs the remaining steps until one fails. */
    public void runAll() {
        DemoRunner r = runner;
        if (r == null || busy.get() || r.finished()) {
            return;
        }
        busy.set(true);
        step.set("Running all steps…");
        tasks.latest(STEPS, null, r::runAll, (DemoResult result) -> {
            if (r != runner) {
                return;
            }
            busy.set(false);
            failed.set(!result.ok());
            outcome.set(result.summary());
            showNext(r);
        });
    }

    private void ended(DemoRunner r, StepOutcome o) {
        if (r == null || r != runner) {
            return;
        }
        busy.set(false);
        failed.set(!o.ok());
        outcome.set((o.ok() ? "✓ " : "✗ ") + o.detail());
        showNext(r);
    }

    private void showNext(DemoRunner r) {
        int n = r.script().steps().size();
        step.set(r.finished() ? "Done: " + n + (n == 1 ? " step" : " steps") + " ran." : "Next: "
                + stepLine(r, r.nextIndex()));
    }

    private static String stepLine(DemoRunner r, int index) {
        DemoStep s = r.script().steps().get(index);
        return "step " + (index + 1) + " of " + r.script().steps().size() + " — " + s.describe();
    }

    /** Ends the demo: a running wait stops at once, and the bar hides. */
    public void stop() {
        if (runner != null) {
            runner.stop();
            runner = null;
        }
        tasks.invalidate(STEPS);
        busy.set(false);
        active.set(false);
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    public ReadOnlyStringProperty stepProperty() {
        return step;
    }

    public ReadOnlyStringProperty captionProperty() {
        return caption;
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome;
    }

    /** Stops the demo and its thread. */
    public void dispose() {
        stop();
        tasks.dispose();
    }
}
