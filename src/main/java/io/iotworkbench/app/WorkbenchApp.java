package io.iotworkbench.app;

import io.iotworkbench.storage.AppDirectories;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: installs the uncaught-exception handler (errors are logged, counted and shown; the app keeps
 * running), builds the {@link Workbench} on the configured folders and opens the main window.
 */
public final class WorkbenchApp extends Application {

    private Workbench workbench;

    @Override
    public void start(Stage stage) {
        workbench = new Workbench(AppDirectories.fromEnvironment());
        workbench.openWindow(stage);
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.close();
        }
        Platform.exit();
    }
}
