package io.iotworkbench.app;

import io.iotworkbench.storage.AppDirectories;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: installs the uncaught-exception handler (errors are logged, counted and shown; the app keeps
 * running), builds the {@link Workbench} on the configured folders and opens the main window, watched by the
 * {@link StartupProbe} when one is asked for.
 */
public final class WorkbenchApp extends Application {

    private Workbench workbench;

    @Override
    public void start(Stage stage) {
        StartupProbe probe = StartupProbe.fromEnvironment();
        probe.armFirstFrame();
        probe.watchStage(stage);
        workbench = new Workbench(AppDirectories.fromEnvironment(),
                Workbench.Options.fromEnvironment(System::getProperty, System.getenv()));
        probe.mark("workbench");
        probe.watch(workbench.openWindow(stage), workbench);
        StartupGc.schedule(System::getProperty, System::gc);
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.close();
        }
        Platform.exit();
    }
}
