package io.iotworkbench.app;

import io.iotworkbench.ui.PaneStage;
import io.iotworkbench.ui.common.Appearance;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
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

/**
 * The guided first run and the demo bar in the real window (Monocle) on a real Local IoT Core: the welcome window on
 * first start, "Change the LED" opens the shipped led_demo, PageDown runs it step by step to the end, Esc hides the
 * bar; the Help menu's README sections. Screenshots at 1280×720, light and dark.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class DemoUiTest {

    @TempDir
    static Path home;

    @RegisterExtension
    final PaneStage app = new PaneStage(new Workbench.Options(true, false));
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = app.open(stage, home, 1280, 720);
    }

    @AfterEach
    void closeWorkbench(FxRobot robot) {
        robot.interact(() -> window.stage().close());
    }

    @Test
    void theWelcomeWindowOpensTheLedDemoAndPageDownRunsItToTheEnd(FxRobot robot) throws Exception {
        assertThat(window.firstStart()).isTrue();
        robot.interact(() -> window.showWelcome());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#welcome").tryQuery().isPresent());
        Scene welcome = robot.lookup("#welcome").query().getScene();
        PaneStage.snapshot(welcome, "welcome");
        robot.clickOn("#welcome-led");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.demo().activeProperty().get()).isTrue();
        assertThat(robot.lookup("#demo-title").queryAs(Label.class).getText()).isEqualTo("LED demo (WM led_demo)");
        app.snapshot("demo-bar-start");

        int steps = 0;
        while (!robot.lookup("#demo-step").queryAs(Label.class).getText().startsWith("Done") && steps < 40) {
            robot.interact(() -> window.stage().requestFocus());
            robot.type(steps % 2 == 0 ? KeyCode.PAGE_DOWN : KeyCode.RIGHT);
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.demo().busyProperty().get());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(window.demo().failedProperty().get()).as(window.demo().outcomeProperty().get()).isFalse();
            steps++;
            if (steps == 12) {
                app.snapshot("demo-bar-step");
                robot.interact(() -> window.appearance().themeProperty().set(Appearance.Theme.DARK));
                app.snapshot("demo-bar-step-dark");
                robot.interact(() -> window.appearance().themeProperty().set(Appearance.Theme.LIGHT));
            }
        }
        assertThat(steps).isEqualTo(19);
        assertThat(robot.lookup("#demo-outcome").queryAs(Label.class).getText()).startsWith("✓");
        assertThat(robot.lookup("#demo-caption").queryAs(Label.class).getText()).contains("That is the led_demo");
        assertThat(window.tabs().getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-shadow");
        app.snapshot("demo-bar-done");

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.demo().activeProperty().get()).isFalse();
        assertThat(robot.lookup("#demo-bar").query().isManaged()).isFalse();
    }

    @Test
    void theHelpMenuShowsTheReadmeSectionsAndTheShortcuts(FxRobot robot) throws Exception {
        robot.interact(() -> robot.listWindows().stream().filter(w -> w != window.stage()).toList()
                .forEach(Window::hide));
        robot.interact(() -> fire(robot, "menu-readme-demo-scripts"));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TextArea text = robot.lookup("#help-text").queryAs(javafx.scene.control.TextArea.class);
        assertThat(text.getText()).contains("wait-shadow", "PageDown");
        PaneStage.snapshot(text.getScene(), "help-readme-demo-scripts");
        robot.interact(() -> ((Stage) text.getScene().getWindow()).close());
        robot.interact(() -> fire(robot, "menu-shortcuts"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("PageDown / →").tryQuery()).isPresent();
        PaneStage.snapshot(robot.lookup("#help-shortcuts").query().getScene(), "help-shortcuts");
    }

    /** Fires a menu item of the window's menu bar by id, submenus included (as a click on it would). */
    private static void fire(FxRobot robot, String id) {
        javafx.scene.control.MenuBar bar = robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        java.util.ArrayDeque<javafx.scene.control.MenuItem> items = new java.util.ArrayDeque<>(bar.getMenus());
        while (!items.isEmpty()) {
            javafx.scene.control.MenuItem item = items.pop();
            if (id.equals(item.getId())) {
                item.fire();
                return;
            }
            if (item instanceof javafx.scene.control.Menu m) {
                items.addAll(m.getItems());
            }
        }
        throw new AssertionError("no menu item " + id);
    }
}
