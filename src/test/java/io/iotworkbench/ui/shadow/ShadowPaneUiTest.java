package io.iotworkbench.ui.shadow;

import io.iotworkbench.app.Workbench;
import io.iotworkbench.ui.PaneStage;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
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

/** The Shadow pane in the real window against the in-process Local IoT Core and its virtual device. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class ShadowPaneUiTest {

    @TempDir
    static Path home;

    @RegisterExtension
    final PaneStage app = new PaneStage(Workbench.Options.app());
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = app.open(stage, home);
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(CodeArea.class).getText();
    }

    @Test
    void controlPanelEditorAndFieldTableDriveTheVirtualDevice(FxRobot robot) throws Exception {
        app.awaitConnected();
        robot.clickOn("Shadow");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#shadow-reported").contains("\"led\""));
        assertThat(text(robot, "#shadow-reported")).contains("temperature_sensor");

        robot.clickOn("Controls");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#control-led").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ChoiceBox<String> led = robot.lookup("#control-led").queryAs(ChoiceBox.class);
        robot.interact(() -> led.setValue("green"));
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#shadow-reported").contains("\"green\"")
                    && app.workbench().localCore().ready().join().virtualDevice().orElseThrow().led().equals("green"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("message: " + robot.lookup("#shadow-message").queryLabeled().getText()
                    + "\nreported: " + text(robot, "#shadow-reported") + "\ndevice led: "
                    + app.workbench().localCore().ready().join().virtualDevice().orElseThrow().led(), e);
        }
        app.snapshot("shadow-controls");

        robot.clickOn("Edit");
        CodeArea editor = robot.lookup("#shadow-editor").queryAs(CodeArea.class);
        robot.interact(() -> editor.replaceText("{\"led\": \"blue\", \"note\": \"from the editor\"}"));
        robot.clickOn("#shadow-send");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#shadow-reported").contains("\"blue\""));
        assertThat(text(robot, "#shadow-desired")).contains("from the editor");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#shadow-delta").contains("note"));

        robot.interact(() -> editor.replaceText("{\"led\": }"));
        robot.clickOn("#shadow-send");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ListView<?> problems = robot.lookup("#shadow-problems").queryAs(
                javafx.scene.control.ListView.class);
        assertThat(problems.getItems()).singleElement().asString().contains("line 1, column");
        app.snapshot("shadow-editor-error");

        robot.clickOn("Fields");
        robot.clickOn("#field-new-path").write("note");
        robot.clickOn("#field-new-value").write("null");
        robot.clickOn("#field-add");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !text(robot, "#shadow-desired").contains("note"));
        TableView<?> fields = robot.lookup("#shadow-fields").queryAs(TableView.class);
        assertThat(fields.getItems()).isNotEmpty();

        robot.clickOn("Timeline");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> timeline = robot.lookup("#shadow-timeline").queryAs(TableView.class);
        assertThat(timeline.getItems().size()).isGreaterThan(2);
        app.snapshot("shadow-timeline");
        robot.clickOn("#menu-view").clickOn("#menu-theme-dark");
        robot.clickOn("Edit");
        app.snapshot("shadow-dark");
    }
}
