package io.iotworkbench.demo;

/**
 * The end of a whole run: every step done, or the first failed step (index, the step, what was seen), or stopped.
 * Immutable.
 */
public record DemoResult(boolean ok, int stepsRun, DemoStep failedStep, String detail) {

    /** {@code Step 5 (line 12, wait-shadow reported.led = red) failed: …} or {@code All 9 steps done.} */
    public String summary() {
        if (ok) {
            return "All " + stepsRun + " steps done.";
        }
        if (failedStep == null) {
            return detail;
        }
        return "Step " + stepsRun + " (line " + failedStep.line() + ", " + failedStep.describe() + ") failed: "
                + detail;
    }
}
