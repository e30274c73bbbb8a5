package io.iotworkbench.ui.help;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.Consumer;

/**
 * The welcome window, shown on the first start and from Help › Welcome: what a newcomer can do at once on the Local IoT
 * Core — watch the virtual device, change its LED, run a job, open the virtual board — and where the README's quick
 * tour is. Each button closes the window and runs its action. FX thread only.
 */
public final class WelcomeView {

    /** What the buttons do (the main window implements them). */
    public interface Actions {
        /** Shadow tab on {@code wm_demo_1}. */
        void watchVirtualDevice();

        /** The shipped {@code led_demo} script in the demo bar. */
        void changeLed();

        /** The shipped {@code jobs_demo} script in the demo bar. */
        void runJob();

        /** The Serial tab with a virtual W800 started. */
        void openVirtualBoard();

        /** The README's "Using the window" section. */
        void quickTour();
    }

    private final Stage stage = new Stage();

    public WelcomeView(Window owner, Actions actions, Consumer<Scene> styled) {
        Label title = new Label("Welcome to IoT Workbench");
        title.setStyle("-fx-font-size: 1.6em; -fx-font-weight: bold;");
        Label intro = new Label("The built-in Local IoT Core is running on this computer: an offline AWS IoT Core with "
                + "a virtual WM device, wm_demo_1, that runs the WM SDK's led_demo and jobs_demo. Nothing here needs "
                + "an AWS account or a board. Try one of these:");
        intro.setWrapText(true);
        VBox box = new VBox(10, title, intro,
                button("welcome-watch", "Watch the virtual device", "The Shadow tab on wm_demo_1: its LED and "
                        + "temperature, live.", actions::watchVirtualDevice),
                button("welcome-led", "Change the LED", "A guided demo (PageDown for each step): set the desired LED "
                        + "and see the device follow.", actions::changeLed),
                button("welcome-job", "Run a job", "A guided demo: a Reboot job runs on wm_demo_1 to SUCCEEDED.",
                        actions::runJob),
                button("welcome-board", "Open the virtual board", "A simulated W800 in the Serial tab; type "
                        + "wifi init, wifi connect DemoNet, aws_led.", actions::openVirtualBoard),
                button("welcome-tour", "Quick tour", "The README's \"Using the window\" section (also under Help).",
                        actions::quickTour));
        box.setId("welcome");
        box.setPadding(new Insets(18));
        box.setPrefWidth(620);
        stage.initOwner(owner);
        stage.setTitle("Welcome");
        Scene scene = new Scene(box);
        styled.accept(scene);
        stage.setScene(scene);
    }

    private VBox button(String id, String text, String detail, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setAlignment(Pos.CENTER_LEFT);
        b.setStyle("-fx-font-weight: bold;");
        b.setOnAction(e -> {
            stage.close();
            action.run();
        });
        Label d = new Label(detail);
        d.setWrapText(true);
        return new VBox(2, b, d);
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }
}
