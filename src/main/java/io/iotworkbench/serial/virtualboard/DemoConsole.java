package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.serial.console.LogLevel;

/**
 * What an {@link AwsDemoHook} may do on the virtual board: log in the WM format (subject to the board's log level and
 * colour setting), print raw text, and read the board's settings. Calls are safe from the demo's thread.
 */
public interface DemoConsole {

    void log(LogLevel level, String tag, String message);

    /** Prints text as {@code wm_log_raw} does, line ends included. */
    void print(String text);

    boolean networkReady();

    String thingName();

    String endpoint();
}
