package io.iotworkbench.ui.things;

import io.iotworkbench.app.Workbench;
import io.iotworkbench.registry.ThingRow;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.storage.AppDirectories;
import io.iotworkbench.ui.Screenshots;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real app: run the new-device flow on the Things pane and connect with the profile it saves. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class ThingsPaneUiTest {

    @TempDir
    static Path home;

    private Workbench workbench;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        workbench = new Workbench(AppDirectories.under(home.resolve("run-" + System.nanoTime())),
                Workbench.Options.app());
        window = workbench.openWindow(stage);
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    private static void snapshot(javafx.scene.Scene scene, String name) throws Exception {
        Path[] out = new Path[1];
        WaitForAsyncUtils.asyncFx(() -> out[0] = Screenshots.write(scene, name)).get(60, TimeUnit.SECONDS);
        assertThat(out[0]).exists();
    }

    @Test
    @SuppressWarnings("unchecked")
    void newDeviceFlowThenConnectWithTheResult(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> workbench.session().state() == ConnectionState.CONNECTED);
        robot.clickOn("Things");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ThingRow> table = robot.lookup("#things-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(t -> t.name().equals("wm_demo_1")));
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(t -> t.name().equals("wm_demo_1")).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup("#things-attached")
                .queryListView().getItems().isEmpty());
        snapshot(window.tabs().getScene(), "things-details");

        robot.clickOn("New device");
        robot.clickOn("#device-name").write("w800_bench");
        robot.clickOn("#device-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#device-switch-dialog").tryQuery()
                .isPresent());
        assertThat(workbench.session().profile().name()).as("not switched before the answer")
                .isNotEqualTo("w800_bench");
        snapshot(robot.lookup("#device-switch-dialog").query().getScene(), "things-new-device-switch");
        robot.clickOn("Switch to w800_bench");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> workbench.session().profile().name().equals("w800_bench")
                        && workbench.session().state() == ConnectionState.CONNECTED);
        assertThat(workbench.session().thingName()).isEqualTo("w800_bench");
        assertThat(workbench.localCore().ready().get().connectedClients()).contains("w800_bench");
        WaitForAsyncUtils.waitForFxEvents();
        snapshot(window.tabs().getScene(), "things-new-device");
        robot.clickOn("#menu-view").clickOn("#menu-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        snapshot(window.tabs().getScene(), "things-new-device-dark");
        robot.clickOn("#menu-view").clickOn("#menu-theme-light");
    }
}
