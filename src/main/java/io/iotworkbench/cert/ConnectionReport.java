package io.iotworkbench.cert;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a {@link ConnectionCheck}: one {@link ConnectionStep} per {@link ConnectionStep.Stage}, in order;
 * after a failed step the rest are {@link Verdict#SKIPPED}. Immutable.
 */
public record ConnectionReport(String host, int port, List<ConnectionStep> steps) {

    public ConnectionReport {
        steps = List.copyOf(steps);
    }

    /** Whether every step passed (warnings allowed). */
    public boolean succeeded() {
        return failure().isEmpty() && steps.stream().noneMatch(s -> s.verdict() == Verdict.SKIPPED);
    }

    /** The step that failed, if one did. */
    public Optional<ConnectionStep> failure() {
        return steps.stream().filter(s -> s.verdict() == Verdict.ERROR).findFirst();
    }

    public ConnectionStep step(ConnectionStep.Stage stage) {
        return steps.stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }
}
