package io.iotworkbench.app;

import io.iotworkbench.cli.RootCommand;
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
            Application.launch(WorkbenchApp.class);
            return;
        }
        System.exit(RootCommand.commandLine(() -> Application.launch(WorkbenchApp.class)).execute(args));
    }
}
