package io.iotworkbench.app;

import io.iotworkbench.session.Profile;
import io.iotworkbench.settings.SettingsStore;
import io.iotworkbench.ui.PaneStage;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real main window, headless (Monocle), on temporary config and data folders. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class MainWindowUiTest {

    @TempDir
    static Path home;

    @RegisterExtension
    final PaneStage app = new PaneStage(Workbench.Options.shellOnly());
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = app.open(stage, home);
    }

    @Test
    void everyTabShowsItsPaneWithTheSessionsThingAndState(FxRobot robot) throws Exception {
        for (Tab tab : window.tabs().getTabs()) {
            robot.clickOn(tab.getText());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(window.tabs().getSelectionModel().getSelectedItem()).isSameAs(tab);
            String id = tab.getId().substring("tab-".length());
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !tab.getContent().getId().startsWith("placeholder-"));
            assertThat(tab.getContent().getId()).as("pane %s is built when first shown", id)
                    .isNotEqualTo("placeholder-" + id);
            assertThat(tab.getContent().isVisible()).isTrue();
            robot.lookup("#" + id + "-pane-session").tryQueryAs(Label.class).ifPresent(session ->
                    assertThat(session.getText()).contains("wm_demo_1", "disconnected", Profile.LOCAL_NAME));
            Path png = app.snapshot("main-" + id);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isGreaterThan(600);
        }
    }

    @Test
    void selectedPaneIsBuiltAfterTheFirstFrameAndTheOthersWaitForTheirFirstShow() throws Exception {
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        Platform.runLater(() -> window.whenPaneReady(ready::countDown));
        assertThat(ready.await(60, TimeUnit.SECONDS)).as("the selected pane is built after the first frame").isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        Tab selected = window.tabs().getSelectionModel().getSelectedItem();
        for (Tab tab : window.tabs().getTabs()) {
            String placeholder = "placeholder-" + tab.getId().substring("tab-".length());
            if (tab == selected) {
                assertThat(tab.getContent().getId()).isNotEqualTo(placeholder);
            } else {
                assertThat(tab.getContent().getId()).as("%s is not built before it is shown", tab.getText())
                        .isEqualTo(placeholder);
            }
        }
        assertThat(window.stage().getIcons()).as("window icons are set after the first frame").isNotEmpty();
    }

    @Test
    void thingFieldChangesWhatEveryPaneFollows(FxRobot robot) {
        robot.clickOn("#thing-field").type(KeyCode.END).eraseText(40).write("sensor_42").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.workbench().session().thingName()).isEqualTo("sensor_42");
        robot.clickOn("#thing-field").type(KeyCode.END).eraseText(40).write("bad thing!").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.workbench().session().thingName()).as("an invalid name is refused").isEqualTo("sensor_42");
        assertThat(robot.lookup("#thing-field").queryAs(javafx.scene.control.TextField.class).getStyleClass())
                .contains("field-error");
    }

    @Test
    void themeAndFontSizeChangeTheWholeWindow(FxRobot robot) throws Exception {
        robot.clickOn("#menu-view").clickOn("#menu-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage().getScene().getStylesheets()).anyMatch(s -> s.endsWith("dark.css"));
        app.snapshot("main-dark");
        double before = window.appearance().fontSizeProperty().get();
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.appearance().fontSizeProperty().get()).isEqualTo(before + 2);
        assertThat(stage().getScene().getRoot().getStyle()).contains("-fx-font-size: " + (int) (before + 2));
        app.snapshot("main-dark-large");
        robot.press(KeyCode.CONTROL).type(KeyCode.MINUS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.appearance().fontSizeProperty().get()).isEqualTo(before + 1);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.appearance().fontSizeProperty().get()).isEqualTo(before);
        robot.clickOn("#menu-view").clickOn("#menu-theme-light");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage().getScene().getStylesheets()).noneMatch(s -> s.endsWith("dark.css"));
    }

    @Test
    void createAProfileThroughTheDialogAndSelectIt(FxRobot robot) throws Exception {
        robot.clickOn("#menu-profiles").clickOn("#menu-new-profile");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#profile-save");
        WaitForAsyncUtils.waitForFxEvents();
        Label errors = robot.lookup("#profile-errors").queryAs(Label.class);
        assertThat(errors.getText()).contains("Give the profile a name", "Enter your account's IoT endpoint");
        PaneStage.snapshot(errors.getScene(), "profile-dialog-errors");

        robot.clickOn("#profile-name").write("Lab account");
        robot.clickOn("#profile-endpoint").write("a1b2c3-ats.iot.eu-west-1.amazonaws.com");
        robot.clickOn("#profile-region").type(KeyCode.END).eraseText(60).write("eu-west-1");
        robot.clickOn("#profile-thingName").write("wm_lab_7");
        robot.clickOn("#profile-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.workbench().session().profile().name()).isEqualTo("Lab account");
        assertThat(app.workbench().session().thingName()).isEqualTo("wm_lab_7");

        @SuppressWarnings("unchecked")
        ComboBox<Profile> chooser = robot.lookup("#profile-chooser").queryAs(ComboBox.class);
        assertThat(chooser.getItems()).extracting(Profile::name).contains("Lab account", Profile.LOCAL_NAME);
        assertThat(chooser.getValue().name()).isEqualTo("Lab account");

        robot.clickOn("#profile-chooser").clickOn(Profile.LOCAL_NAME);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.workbench().session().profile().isBuiltIn()).isTrue();
        assertThat(app.workbench().session().thingName()).isEqualTo("wm_demo_1");
        app.snapshot("main-after-profile");
    }

    @Test
    void uncaughtExceptionsAreCountedAndTheAppKeepsRunning(FxRobot robot) throws Exception {
        Platform.runLater(() -> {
            throw new IllegalStateException("boom in a handler");
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.workbench().errorLog().totalCount() == 1);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () ->
                robot.lookup("#status-errors").queryLabeled().getText().equals("1 errors"));
        robot.clickOn("#status-errors");
        WaitForAsyncUtils.waitForFxEvents();
        Node trace = robot.lookup("#error-list").query();
        assertThat(trace).isNotNull();
        assertThat(app.workbench().errorLog().entries().get(0).stackTrace()).contains("boom in a handler");
        robot.clickOn("Close");
        assertThat(stage().isShowing()).isTrue();
    }

    @Test
    void windowRemembersItsTabAndTheme(FxRobot robot) throws Exception {
        robot.clickOn("Jobs");
        robot.clickOn("#menu-view").clickOn("#menu-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage().close());
        var saved = new SettingsStore(app.workbench().directories().configDir()).load();
        assertThat(saved.lastTab()).isEqualTo("jobs");
        assertThat(saved.theme()).isEqualTo("dark");
        assertThat(saved.dividers()).containsKey(MainWindow.MAIN_DIVIDER);

        robot.interact(() -> {
            Stage again = new Stage();
            MainWindow reopened = app.workbench().openWindow(again);
            assertThat(reopened.tabs().getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-jobs");
            assertThat(again.getScene().getStylesheets()).anyMatch(s -> s.endsWith("dark.css"));
            again.close();
        });
    }

    @Test
    void aWindowSavedLargerThanTheScreenOpensInsideIt(FxRobot robot) throws Exception {
        var store = new SettingsStore(app.workbench().directories().configDir());
        store.save(store.load().withBounds(-900, 10, 4000, 3000, false));
        robot.interact(() -> {
            Stage again = new Stage();
            app.workbench().openWindow(again);
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            assertThat(again.getWidth()).isLessThanOrEqualTo(screen.getWidth());
            assertThat(again.getHeight()).isLessThanOrEqualTo(screen.getHeight());
            assertThat(again.getX()).isGreaterThanOrEqualTo(screen.getMinX());
            assertThat(again.getY() + again.getHeight()).isLessThanOrEqualTo(screen.getMaxY());
            again.close();
        });
    }

    private Stage stage() {
        return window.stage();
    }

}
