package io.iotworkbench.ui.shell;

import io.iotworkbench.app.Workbench;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.settings.WorkbenchSettings;
import io.iotworkbench.storage.AppDirectories;
import io.iotworkbench.ui.Screenshots;
import io.iotworkbench.ui.common.Appearance;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
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
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sizes a projector asks for, beyond {@link PresentationUiTest}'s 1280×720 at 150 %: every tab at 1280×720 with
 * 100 %, 125 % and 175 % text and at 1920×1080 with 100 % and 175 % shows every label, button, column header and
 * status text whole, and every empty field's prompt whole; screenshots {@code <tab>-<w>x<h>-<percent>.png} at 175 %
 * in {@code target/screenshots/}.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class PresentationSizesUiTest {

    @TempDir
    static Path home;

    private Workbench workbench;
    private MainWindow window;

    /** A window size and a text size in percent of the default. */
    private record Size(int width, int height, int percent) {
        String name() {
            return width + "x" + height + "-" + percent;
        }
    }

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
    void everyTabShowsItsTextsWholeAt1280And1920From100To175Percent(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () ->
                workbench.session().state() == ConnectionState.CONNECTED);
        Appearance appearance = window.appearance();
        List<String> clipped = new ArrayList<>();
        List<Size> sizes = List.of(new Size(1280, 720, 100), new Size(1280, 720, 125), new Size(1280, 720, 175),
                new Size(1920, 1080, 100), new Size(1920, 1080, 175));
        for (Size size : sizes) {
            robot.interact(() -> {
                window.stage().setWidth(size.width());
                window.stage().setHeight(size.height());
                appearance.fontSizeProperty().set(WorkbenchSettings.DEFAULT_FONT_SIZE * size.percent() / 100.0);
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () ->
                    window.stage().getScene().getWidth() > size.width() - 40);
            for (Tab tab : List.copyOf(window.tabs().getTabs())) {
                robot.interact(() -> window.tabs().getSelectionModel().select(tab));
                String id = tab.getId().substring("tab-".length());
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () ->
                        robot.lookup("#placeholder-" + id).tryQuery().isEmpty());
                settle();
                String where = id + "-" + size.name();
                clipped.addAll(WaitForAsyncUtils.asyncFx(() -> {
                    Parent root = window.stage().getScene().getRoot();
                    List<String> found = new ArrayList<>(PresentationUiTest.ellipsized(root, where));
                    found.addAll(cutPrompts(root, where));
                    return found;
                }).get(60, TimeUnit.SECONDS));
                if (size.percent() == 175) {
                    WaitForAsyncUtils.asyncFx(() -> Screenshots.write(window.stage().getScene(), where))
                            .get(60, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(clipped).as("ellipsized texts and cut prompts at 1280×720 and 1920×1080, 100–175 %").isEmpty();
    }

    private static void settle() {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.sleep(150, TimeUnit.MILLISECONDS);
        }
    }

    /** Visible empty text fields whose prompt is wider than the room for text. */
    static List<String> cutPrompts(Node node, String where) {
        List<String> out = new ArrayList<>();
        prompts(node, where, out);
        return out;
    }

    private static void prompts(Node node, String where, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof TextField tf && tf.getPromptText() != null && !tf.getPromptText().isBlank()
                && (tf.getText() == null || tf.getText().isEmpty()) && tf.getWidth() > 0) {
            Text prompt = new Text(tf.getPromptText());
            prompt.setFont(tf.getFont());
            double needed = prompt.getLayoutBounds().getWidth();
            double room = tf.getWidth() - tf.snappedLeftInset() - tf.snappedRightInset();
            if (needed > room + 0.5) {
                out.add(String.format(Locale.ROOT, "%s: prompt '%s'%s needs %.0f px, has %.0f", where,
                        tf.getPromptText(), tf.getId() == null ? "" : " of #" + tf.getId(), needed, room));
            }
            return;
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                prompts(child, where, out);
            }
        }
    }
}
