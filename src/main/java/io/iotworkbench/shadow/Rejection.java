package io.iotworkbench.shadow;

/**
 * Thrown inside the engine to stop an operation with an AWS error; the engine turns it into a rejected
 * {@link ShadowOutcome}. Carries no stack trace: it is an answer, not a failure.
 */
final class Rejection extends Exception {

    private final transient ShadowError error;

    Rejection(ShadowError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    ShadowError error() {
        return error;
    }
}
