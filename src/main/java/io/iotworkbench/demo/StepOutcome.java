package io.iotworkbench.demo;

/** How one step ended: done, or failed with one sentence saying what was seen. Immutable. */
public record StepOutcome(boolean ok, String detail) {

    public static StepOutcome done(String detail) {
        return new StepOutcome(true, detail);
    }

    public static StepOutcome failed(String detail) {
        return new StepOutcome(false, detail);
    }
}
