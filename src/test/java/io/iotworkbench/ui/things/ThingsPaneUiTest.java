package io.iotworkbench.ui.things;

import io.iotworkbench.app.Workbench;
import io.iotworkbench.registry.ThingRow;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.ui.PaneStage;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension
    final PaneStage app = new PaneStage(Workbench.Options.app());
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = app.open(stage, home);
    }

    @Test
    @SuppressWarnings("unchecked")
    void newDeviceFlowThenConnectWithTheResult(FxRobot robot) throws Exception {
        app.awaitConnected();
        robot.clickOn("Things");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ThingRow> table = robot.lookup("#things-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(t -> t.name().equals("wm_demo_1")));
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(t -> t.name().equals("wm_demo_1")).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup("#things-attached")
                .queryListView().getItems().isEmpty());
        PaneStage.snapshot(window.tabs().getScene(), "things-details");

        robot.clickOn("New device");
        robot.clickOn("#device-name").write("w800_bench");
        robot.clickOn("#device-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#device-switch-dialog").tryQuery()
                .isPresent());
        assertThat(app.workbench().session().profile().name()).as("not switched before the answer")
                .isNotEqualTo("w800_bench");
        PaneStage.snapshot(robot.lookup("#device-switch-dialog").query().getScene(), "things-new-device-switch");
        robot.clickOn("Switch to w800_bench");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> app.workbench().session().profile().name().equals("w800_bench")
                        && app.workbench().session().state() == ConnectionState.CONNECTED);
        assertThat(app.workbench().session().thingName()).isEqualTo("w800_bench");
        assertThat(app.workbench().localCore().ready().get().connectedClients()).contains("w800_bench");
        WaitForAsyncUtils.waitForFxEvents();
        PaneStage.snapshot(window.tabs().getScene(), "things-new-device");
        robot.clickOn("#menu-view").clickOn("#menu-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        PaneStage.snapshot(window.tabs().getScene(), "things-new-device-dark");
        robot.clickOn("#menu-view").clickOn("#menu-theme-light");
    }
}
