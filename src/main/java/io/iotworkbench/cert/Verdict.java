package io.iotworkbench.cert;

/**
 * The outcome of one check or connection step, as the pane draws it (green, blue, amber, red, grey) and the command
 * line prints it. {@link #SKIPPED} marks connection steps after the one that failed. Immutable.
 */
public enum Verdict {
    OK, INFO, WARNING, ERROR, SKIPPED;

    /** The text the command line prints in front of an explanation. */
    public String label() {
        return switch (this) {
            case OK -> "ok";
            case INFO -> "info";
            case WARNING -> "warning";
            case ERROR -> "ERROR";
            case SKIPPED -> "skipped";
        };
    }
}
