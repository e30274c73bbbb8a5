package io.iotworkbench.app;

import io.iotworkbench.cli.RootCommand;
import io.iotworkbench.ui.bench.MqttBenchCommand;
import javafx.application.Application;

/**
 * Entry point. No arguments (or only global options) open the window; a subcommand runs headless and exits with its
 * status. This class does not extend {@link Application}, so the app also starts with JavaFX on the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            StartupWarmup.start();
            Application.launch(WorkbenchApp.class);
            return;
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with the subcommands that need the UI's classes (bench mqtt) added. */
    static picocli.CommandLine commandLine() {
        picocli.CommandLine cl = RootCommand.commandLine(() -> Application.launch(WorkbenchApp.class));
        cl.getSubcommands().get("bench").addSubcommand("mqtt", new MqttBenchCommand());
        return cl;
    }
}
