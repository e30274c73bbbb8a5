package io.iotworkbench.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.jobs.JobSpec;
import io.iotworkbench.jobs.JobTemplates;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link DemoScript}'s steps against {@link DemoServices}: one at a time ({@link #next}, for a presenter's
 * key) or all ({@link #runAll}). Waits poll the condition every {@value #POLL_MILLIS} ms until it holds or its
 * timeout (measured on the injected clock) passes; {@link #stop} ends a wait at once.
 *
 * <p>Threading: {@link #next} and {@link #runAll} block and are called from one worker thread at a time;
 * {@link #stop} and the getters may be called from any thread.
 */
public final class DemoRunner {

    static final long POLL_MILLIS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Told about each step; called on the runner's thread. */
    public interface Listener {
        default void stepStarted(int index, DemoStep step) {
        }

        default void stepEnded(int index, DemoStep step, StepOutcome outcome) {
        }
    }

    private final DemoScript script;
    private final DemoServices services;
    private final Clock clock;
    private final Listener listener;
    private final String runId;
    private final long consoleMark;
    private volatile int nextIndex;
    private volatile boolean stopped;
    private volatile String lastJobId;

    /**
     * @param runId replaces {@code ${run}} in job ids, so a script can run again on the same data (e.g. a time of day
     *              such as {@code 0823-41})
     */
    public DemoRunner(DemoScript script, DemoServices services, Clock clock, Listener listener, String runId) {
        this.script = script;
        this.services = services;
        this.clock = clock;
        this.listener = listener;
        this.runId = runId;
        this.consoleMark = services.consoleMark();
    }

    /** A run id from the clock: {@code yyyyMMdd-HHmmss} in UTC. */
    public static String runIdAt(Instant time) {
        String s = time.toString();
        return s.substring(0, 10).replace("-", "") + "-" + s.substring(11, 19).replace(":", "");
    }

    public DemoScript script() {
        return script;
    }

    /** The index of the step {@link #next} runs; the number of steps when all ran. */
    public int nextIndex() {
        return nextIndex;
    }

    public boolean finished() {
        return nextIndex >= script.steps().size();
    }

    /** Ends the current wait (it fails as "stopped") and refuses further steps. */
    public void stop() {
        stopped = true;
    }

    public boolean stopped() {
        return stopped;
    }

    /** Runs the next step; empty when every step ran or the run was stopped. */
    public Optional<StepOutcome> next() {
        if (stopped || finished()) {
            return Optional.empty();
        }
        int index = nextIndex;
        DemoStep step = script.steps().get(index);
        listener.stepStarted(index, step);
        StepOutcome outcome;
        try {
            outcome = run(step);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = StepOutcome.failed("stopped");
        } catch (Exception e) {
            outcome = StepOutcome.failed(message(e));
        }
        nextIndex = index + 1;
        listener.stepEnded(index, step, outcome);
        return Optional.of(outcome);
    }

    /** Runs the remaining steps until one fails or all are done. */
    public DemoResult runAll() {
        while (!finished()) {
            int index = nextIndex;
            Optional<StepOutcome> outcome = next();
            if (outcome.isEmpty()) {
                return new DemoResult(false, index, null, "The demo was stopped.");
            }
            if (!outcome.get().ok()) {
                return new DemoResult(false, index + 1, script.steps().get(index), outcome.get().detail());
            }
        }
        return new DemoResult(true, script.steps().size(), null, "");
    }

    private StepOutcome run(DemoStep step) throws Exception {
        if (step instanceof DemoStep.Caption c) {
            services.caption(c.text());
            return StepOutcome.done(c.text());
        } else if (step instanceof DemoStep.Connect c) {
            services.connect(c.profile());
            return StepOutcome.done("connected with " + c.profile());
        } else if (step instanceof DemoStep.SelectTab t) {
            services.selectTab(t.tab());
            return StepOutcome.done("showing " + t.tab());
        } else if (step instanceof DemoStep.SetThing t) {
            services.setThing(t.thing());
            return StepOutcome.done("the session's thing is " + t.thing());
        } else if (step instanceof DemoStep.ShadowUpdate u) {
            var request = JSON.createObjectNode();
            request.set("state", u.state());
            Optional<String> refused = services.updateShadow(thing(u.thing()), u.shadow(), request);
            return refused.map(m -> StepOutcome.failed("the shadow service refused the update: " + m))
                    .orElseGet(() -> StepOutcome.done("sent " + u.state()));
        } else if (step instanceof DemoStep.CreateJob j) {
            return createJob(j);
        } else if (step instanceof DemoStep.BoardCommand b) {
            services.boardCommand(b.command());
            return StepOutcome.done("typed " + b.command());
        } else if (step instanceof DemoStep.WaitShadow w) {
            return waitShadow(w);
        } else if (step instanceof DemoStep.WaitJob w) {
            return waitJob(w);
        } else if (step instanceof DemoStep.WaitConsole w) {
            return waitConsole(w);
        }
        throw new IllegalArgumentException("unknown step " + step.describe());
    }

    private StepOutcome waitConsole(DemoStep.WaitConsole w) throws InterruptedException {
        Optional<String> line = await(w.timeout(), () -> services.consoleLineSince(consoleMark, w.contains()));
        return line.map(l -> StepOutcome.done("console: " + l)).orElseGet(() -> StepOutcome.failed(
                (stopped ? "stopped" : "no console line contained \"" + w.contains() + "\" within "
                        + seconds(w.timeout()))
                        + services.lastConsoleLine().map(l -> "; the last line was \"" + l + "\"")
                        .orElse("; the console showed no line")));
    }

    private StepOutcome createJob(DemoStep.CreateJob j) throws Exception {
        String id = (j.jobId() == null ? "demo-${run}-" + j.line() : j.jobId()).replace("${run}", runId);
        String document = switch (j.template()) {
            case "reboot" -> JobTemplates.WM_REBOOT.document();
            case "print" -> JobTemplates.AWS_PRINT.document();
            default -> JobTemplates.AWS_PUBLISH.document();
        };
        String thing = thing(j.thing());
        services.createJob(new JobSpec(id, List.of(thing), List.of(), document, "Demo script " + script.name(),
                false, null, null));
        lastJobId = id;
        return StepOutcome.done("created job " + id + " for " + thing);
    }

    private StepOutcome waitShadow(DemoStep.WaitShadow w) throws Exception {
        String thing = thing(w.thing());
        String pointer = "/" + w.field().replace('.', '/');
        String[] seen = {null};
        Optional<String> held = await(w.timeout(), () -> {
            Optional<JsonNode> state = services.shadowState(thing, w.shadow());
            JsonNode value = state.map(s -> s.at(pointer)).orElse(null);
            seen[0] = state.isEmpty() ? "no shadow" : value == null || value.isMissingNode() ? "no " + w.field()
                    : w.field() + " = " + value.asText(value.toString());
            return value != null && !value.isMissingNode() && value.asText(value.toString()).equals(w.equals())
                    ? Optional.of(seen[0]) : Optional.empty();
        });
        return held.map(s -> StepOutcome.done(thing + ": " + s)).orElseGet(() -> StepOutcome.failed(
                stopped ? "stopped" : thing + "'s " + w.field() + " was not " + w.equals() + " within "
                        + seconds(w.timeout()) + " (last seen: " + (seen[0] == null ? "nothing" : seen[0]) + ")"));
    }

    private StepOutcome waitJob(DemoStep.WaitJob w) throws Exception {
        String id = w.jobId() != null ? w.jobId().replace("${run}", runId) : lastJobId;
        if (id == null) {
            return StepOutcome.failed("no job to wait for (create one with a job step first, or give its id)");
        }
        String thing = thing(w.thing());
        String[] seen = {null};
        Optional<String> held = await(w.timeout(), () -> {
            Optional<String> status = services.jobExecutionStatus(id, thing);
            seen[0] = status.orElse(null);
            return status.filter(w.status()::equals);
        });
        return held.map(s -> StepOutcome.done("job " + id + " on " + thing + " is " + s)).orElseGet(() ->
                StepOutcome.failed(stopped ? "stopped" : "job " + id + " on " + thing + " was not " + w.status()
                        + " within " + seconds(w.timeout()) + " (last seen: "
                        + (seen[0] == null ? "no execution" : seen[0]) + ")"));
    }

    private String thing(String named) {
        return named != null ? named : services.thing();
    }

    /** A condition that may throw: a failing call counts as "not yet" (the service may still be starting). */
    private interface Probe<T> {
        Optional<T> check() throws Exception;
    }

    private <T> Optional<T> await(Duration timeout, Probe<T> probe) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (!stopped) {
            try {
                Optional<T> v = probe.check();
                if (v.isPresent()) {
                    return v;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // not yet: the next poll asks again until the deadline
            }
            if (!clock.instant().isBefore(deadline)) {
                return Optional.empty();
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        return Optional.empty();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

}
