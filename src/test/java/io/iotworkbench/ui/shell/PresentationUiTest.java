package io.iotworkbench.ui.shell;

import io.iotworkbench.app.Workbench;
import io.iotworkbench.event.Notification;
import io.iotworkbench.ui.PresentationWindow;
import io.iotworkbench.ui.common.Appearance;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.text.Text;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole window as on stage: every tab at 1280×720 with 150 % text, in the light and dark themes and in presenter
 * mode, shows the whole window whole (the checks of {@link Clipping}: no ellipsis, no cut prompt, nothing reaching
 * outside what can be seen), and the activity log wraps long lines instead of scrolling sideways; screenshots
 * {@code <tab>-light.png}, {@code <tab>-dark.png} and {@code <tab>-presenter.png} in {@code target/screenshots/};
 * presenter mode shows its badge and hides account details on screen.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class PresentationUiTest {

    private static final String ACCOUNT = "123456789012";

    @TempDir
    static Path home;

    private PresentationWindow shell;
    private Workbench workbench;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        shell = PresentationWindow.open(stage, home);
        workbench = shell.workbench();
        window = shell.window();
    }

    @AfterEach
    void close() {
        shell.close();
    }

    @Test
    void everyTabShowsItsTextsWholeAt150PercentInEveryMode(FxRobot robot) throws Exception {
        shell.awaitConnected();
        shell.resize(robot, 1280, 720);
        Appearance appearance = window.appearance();
        List<String> clipped = new ArrayList<>();
        for (String mode : List.of("light", "dark", "presenter")) {
            robot.interact(() -> {
                appearance.themeProperty().set(mode.equals("dark") ? Appearance.Theme.DARK : Appearance.Theme.LIGHT);
                appearance.presenterProperty().set(mode.equals("presenter"));
                appearance.fontSizeProperty().set(Appearance.PRESENTER_FONT_SIZE);
            });
            if (mode.equals("presenter")) {
                workbench.session().events().publish(Notification.info("Thing arn:aws:iot:eu-west-1:" + ACCOUNT
                        + ":thing/wm_demo_1 at a1b2c3-ats.iot.eu-west-1.amazonaws.com"));
            }
            shell.eachTab(robot, id -> {
                clipped.addAll(PresentationWindow.onFx(() -> Clipping.all(shell.scene(),
                        appearance.fontSizeProperty().get(), id + "-" + mode)));
                shell.screenshot(id + "-" + mode);
            });
            if (mode.equals("presenter")) {
                assertThat(robot.lookup("#status-presenter").queryLabeled().isVisible()).isTrue();
                assertThat(robot.lookup("#menu-bar").tryQuery()).isPresent();
                List<String> secrets = WaitForAsyncUtils.asyncFx(() -> textsContaining(
                        window.stage().getScene().getRoot(), ACCOUNT, "a1b2c3-ats")).get(60, TimeUnit.SECONDS);
                assertThat(secrets).as("account details on screen in presenter mode").isEmpty();
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !textsContaining(
                        window.stage().getScene().getRoot(), "••••-ats.iot").isEmpty());
            }
        }
        for (int i = 0; i < 30; i++) {
            workbench.session().events().publish(Notification.info("activity line " + i));
        }
        workbench.session().events().publish(Notification.info("a long activity line that is wider than the window "
                + "at 150 %: " + "it wraps instead of asking for a horizontal scroll bar ".repeat(3)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                lastShownActivity(robot)).get().contains("wraps instead of asking"));
        robot.interact(() -> appearance.presenterProperty().set(false));
        assertThat(robot.lookup("#status-presenter").queryLabeled().isVisible()).isFalse();
        assertThat(window.currentSettings().fontSize()).as("presenter text size is not saved")
                .isEqualTo(Appearance.PRESENTER_FONT_SIZE);
        clipped.addAll(PresentationWindow.onFx(() -> Clipping.horizontalScrollBars(
                shell.scene().lookup("#activity-log"), "activity log")));
        assertThat(clipped).as("texts not shown whole at 1280×720, 150 %").isEmpty();
    }

    /** The text of the last activity-log row on screen. */
    private static String lastShownActivity(FxRobot robot) {
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) robot.lookup("#activity-log .virtual-flow").query();
        var cell = flow.getLastVisibleCell();
        return cell == null || cell.getText() == null ? "" : cell.getText();
    }

    static List<String> textsContaining(Node node, String... parts) {
        List<String> out = new ArrayList<>();
        texts(node, parts, out);
        return out;
    }

    private static void texts(Node node, String[] parts, List<String> out) {
        if (node instanceof Text t && t.getText() != null) {
            for (String part : parts) {
                if (t.getText().contains(part)) {
                    out.add(t.getText());
                }
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                texts(child, parts, out);
            }
        }
    }
}
