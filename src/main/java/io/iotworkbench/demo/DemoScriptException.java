package io.iotworkbench.demo;

/** A demo script that cannot be used: one sentence in the user's terms, naming the line when known. */
public final class DemoScriptException extends Exception {

    private static final long serialVersionUID = 1L;

    public DemoScriptException(String message) {
        super(message);
    }

    public DemoScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
