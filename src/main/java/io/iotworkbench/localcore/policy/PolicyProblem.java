package io.iotworkbench.localcore.policy;

/** A policy document the Local IoT Core refuses, with one sentence that says what to change. */
public final class PolicyProblem extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public PolicyProblem(String message) {
        super(message);
    }
}
