package io.iotworkbench.ui.shell;

import io.iotworkbench.diagnostics.AppInfo;
import javafx.scene.control.Alert;
import javafx.stage.Window;

/** The About box: versions of the app, Java and JavaFX, and where profiles and data live. FX thread only. */
public final class AboutDialog {

    private AboutDialog() {
    }

    public static String text(AppInfo info, String configDir, String dataDir) {
        return info.name() + " " + info.version() + "\n"
                + "Java " + info.javaVersion() + " (" + info.javaVendor() + ")\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version", "unknown") + "\n\n"
                + "Profiles and settings: " + configDir + "\n"
                + "Data (Local IoT Core): " + dataDir;
    }

    public static void show(Window owner, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text);
        alert.initOwner(owner);
        alert.setTitle("About IoT Workbench");
        alert.setHeaderText("IoT Workbench — AWS IoT development with WinnerMicro W80x boards");
        alert.getDialogPane().setId("about-dialog");
        alert.showAndWait();
    }
}
