package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.serial.console.LogLevel;
import io.iotworkbench.serial.flash.WmImage;

import java.io.IOException;
import java.util.List;

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

    /** The words typed after the demo's command ({@code aws_ota --ota-protocol mqtt}). */
    default List<String> arguments() {
        return List.of();
    }

    /** The running application's version (what {@code version} prints). */
    default String firmwareVersion() {
        return "";
    }

    /** Logs on the board even after a reset (the OTA agent outlives the reboot it causes). */
    default void logOnBoard(LogLevel level, String tag, String message) {
        log(level, tag, message);
    }

    /** Writes an application image to the {@code app_ota} area and reboots into it (the OTA demo's last step). */
    default void installAndReboot(WmImage image) throws IOException {
        throw new IOException("this board cannot install images");
    }
}
