package io.iotworkbench.session;

/** Which IoT Core a profile talks to: the built-in emulator or a real AWS account. */
public enum ProfileKind {
    LOCAL("Local IoT Core"),
    AWS("AWS account");

    private final String label;

    ProfileKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
