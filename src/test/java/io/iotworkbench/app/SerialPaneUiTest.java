package io.iotworkbench.app;

import io.iotworkbench.serial.console.LogLevel;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.ui.PaneStage;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Serial pane in the real window, headless: the virtual board, a typed command, colours, a level filter. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class SerialPaneUiTest {

    @TempDir
    static Path home;

    @RegisterExtension
    final PaneStage app = new PaneStage(Workbench.Options.shellOnly());
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = app.open(stage, home);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1260);
        stage.setHeight(790);
    }

    @Test
    void virtualBoardCommandColoursAndLevelFilter(FxRobot robot) throws Exception {
        robot.clickOn("Serial");
        robot.clickOn("#serial-virtual-board");
        ListView<SerialLine> list = awaitConsole(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> list.getItems().stream().anyMatch(
                SerialLine::isBootLine));

        robot.clickOn("#serial-input").write("version").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> list.getItems().stream()
                .anyMatch(l -> l.text().startsWith("sdk version 2.4-rc")));
        send(robot, "wifi init");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> list.getItems().stream()
                .anyMatch(l -> l.level() == LogLevel.DEBUG));
        robot.clickOn("#serial-input").write("wifi c");
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#serial-input").queryAs(TextField.class).getText()).isEqualTo("wifi connect ");
        assertThat(robot.lookup("#serial-usage").queryLabeled().getText()).startsWith("wifi connect");
        WaitForAsyncUtils.waitForFxEvents();

        List<Text> texts = robot.lookup(".console-text").queryAllAs(Text.class).stream().toList();
        assertThat(texts).anyMatch(t -> t.getStyleClass().contains("wm-level-i"));
        assertThat(texts).anyMatch(t -> t.getStyleClass().contains("wm-level-d"));
        Text info = texts.stream().filter(t -> t.getStyleClass().contains("wm-level-i")).findFirst().orElseThrow();
        Text plain = texts.stream().filter(t -> t.getStyleClass().equals(List.of("console-text"))).findFirst()
                .orElseThrow();
        assertThat(info.getFill()).as("[I] lines are coloured").isNotEqualTo(plain.getFill());
        app.snapshot("serial-virtual-board");

        robot.clickOn("#serial-level-D");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getItems()).isNotEmpty().noneMatch(l -> l.level() == LogLevel.DEBUG);
        assertThat(list.getItems()).anyMatch(l -> l.level() == LogLevel.INFO);

        robot.clickOn("#serial-search").write("wifi");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#serial-search-count").queryLabeled().getText()).matches("1 of \\d+");
        assertThat(robot.lookup(".search-hit").queryAll()).isNotEmpty();
        robot.clickOn("#serial-flash-toggle");
        robot.clickOn("#menu-view").clickOn("#menu-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        app.snapshot("serial-virtual-board-dark");

        robot.clickOn("#serial-timeline-tab");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#serial-timeline-list").queryListView().getItems()).isNotEmpty();
        app.snapshot("serial-timeline-dark");
        robot.clickOn("#menu-view").clickOn("#menu-theme-light");
    }

    private static void send(FxRobot robot, String line) {
        robot.interact(() -> robot.lookup("#serial-input").queryAs(TextField.class).setText(line));
        robot.clickOn("#serial-input").type(KeyCode.ENTER);
    }

    @SuppressWarnings("unchecked")
    private static ListView<SerialLine> awaitConsole(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#serial-console-list").tryQuery()
                .isPresent());
        return robot.lookup("#serial-console-list").queryAs(ListView.class);
    }
}
