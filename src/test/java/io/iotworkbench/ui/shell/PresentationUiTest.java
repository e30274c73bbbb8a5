package io.iotworkbench.ui.shell;

import io.iotworkbench.app.Workbench;
import io.iotworkbench.event.Notification;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.storage.AppDirectories;
import io.iotworkbench.ui.Screenshots;
import io.iotworkbench.ui.common.Appearance;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
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
 * mode, shows every label, button, column header and status text whole (no ellipsis), with screenshots
 * {@code <tab>-light.png}, {@code <tab>-dark.png} and {@code <tab>-presenter.png} in {@code target/screenshots/};
 * presenter mode shows its badge and hides account details on screen.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class PresentationUiTest {

    private static final String ACCOUNT = "123456789012";

    @TempDir
    static Path home;

    private Workbench workbench;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        workbench = new Workbench(AppDirectories.under(home.resolve("run-" + System.nanoTime())),
                Workbench.Options.app());
        window = workbench.openWindow(stage);
        stage.setMaximized(false);
        stage.setWidth(1280);
        stage.setHeight(720);
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    @Test
    void everyTabShowsItsTextsWholeAt150PercentInEveryMode(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () ->
                workbench.session().state() == ConnectionState.CONNECTED);
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
            for (Tab tab : List.copyOf(window.tabs().getTabs())) {
                robot.interact(() -> window.tabs().getSelectionModel().select(tab));
                String id = tab.getId().substring("tab-".length());
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () ->
                        robot.lookup("#placeholder-" + id).tryQuery().isEmpty());
                settle(robot);
                clipped.addAll(WaitForAsyncUtils.asyncFx(() -> ellipsized(window.stage().getScene().getRoot(),
                        id + "-" + mode)).get(60, TimeUnit.SECONDS));
                WaitForAsyncUtils.asyncFx(() -> Screenshots.write(window.stage().getScene(), id + "-" + mode))
                        .get(60, TimeUnit.SECONDS);
            }
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
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                lastShownActivity(robot)).get().endsWith("activity line 29"));
        robot.interact(() -> appearance.presenterProperty().set(false));
        assertThat(robot.lookup("#status-presenter").queryLabeled().isVisible()).isFalse();
        assertThat(window.currentSettings().fontSize()).as("presenter text size is not saved")
                .isEqualTo(Appearance.PRESENTER_FONT_SIZE);
        assertThat(clipped).as("ellipsized texts at 1280×720, 150 %").isEmpty();
    }

    /** The text of the last activity-log row on screen. */
    private static String lastShownActivity(FxRobot robot) {
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) robot.lookup("#activity-log .virtual-flow").query();
        var cell = flow.getLastVisibleCell();
        return cell == null || cell.getText() == null ? "" : cell.getText();
    }

    private static void settle(FxRobot robot) throws Exception {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.sleep(150, TimeUnit.MILLISECONDS);
        }
    }

    /** Visible labelled controls whose drawn text is not their whole text. */
    static List<String> ellipsized(Node node, String where) {
        List<String> out = new ArrayList<>();
        collect(node, where, out);
        return out;
    }

    private static void collect(Node node, String where, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        // the status bar's newest notification may be long: cut, its whole text is in its tooltip and the activity log
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()
                && !"status-notification".equals(l.getId())) {
            String drawn = drawn(l);
            String ellipsis = l.getEllipsisString() == null || l.getEllipsisString().isEmpty() ? "..."
                    : l.getEllipsisString();
            if (drawn != null && !drawn.equals(l.getText()) && drawn.endsWith(ellipsis) && inWindow(l)) {
                out.add(where + ": " + l.getClass().getSimpleName() + (l.getId() == null ? "" : "#" + l.getId())
                        + " '" + l.getText() + "' drawn as '" + drawn + "'");
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, where, out);
            }
        }
    }

    private static boolean inWindow(Node node) {
        var b = node.localToScene(node.getBoundsInLocal());
        return b.getWidth() > 0 && b.getMaxX() > 0 && b.getMaxY() > 0
                && b.getMinX() < node.getScene().getWidth() && b.getMinY() < node.getScene().getHeight();
    }

    private static String drawn(Labeled l) {
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getClass().getSimpleName().equals("LabeledText")) {
                return t.getText();
            }
        }
        return null;
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
