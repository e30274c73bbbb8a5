package io.iotworkbench.ui.shell;

import io.iotworkbench.settings.WorkbenchSettings;
import io.iotworkbench.ui.PresentationWindow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sizes a projector asks for: every tab at 1280×720 with 100 %, 125 %, 150 % and 175 % text and at 1920×1080
 * with 100 % and 175 % shows the whole window (menu bar, session bar, tab headers, pane, activity log, status bar)
 * whole: no label, button or column header ellipsized, no empty field's prompt cut, no control reaching outside
 * what can be seen (the window, a split-pane item, a scroll pane that cannot scroll to it), no horizontal scroll bar
 * in the activity log. Screenshots {@code <tab>-<w>x<h>-<percent>.png} in {@code target/screenshots/}; the light,
 * dark and presenter modes at 1280×720 (150 %) are {@link PresentationUiTest}'s.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class PresentationSizesUiTest {

    @TempDir
    static Path home;

    private PresentationWindow shell;

    /** A window size and a text size in percent of the default. */
    private record Size(int width, int height, int percent) {
        String name() {
            return width + "x" + height + "-" + percent;
        }
    }

    @Start
    void start(Stage stage) {
        shell = PresentationWindow.open(stage, home);
    }

    @AfterEach
    void close() {
        shell.close();
    }

    @Test
    void everyTabShowsTheWholeWindowAt1280And1920From100To175Percent(FxRobot robot) throws Exception {
        shell.awaitConnected();
        List<String> clipped = new ArrayList<>();
        List<Size> sizes = List.of(new Size(1280, 720, 100), new Size(1280, 720, 125), new Size(1280, 720, 150),
                new Size(1280, 720, 175), new Size(1920, 1080, 100), new Size(1920, 1080, 175));
        for (Size size : sizes) {
            robot.interact(() -> shell.window().appearance().fontSizeProperty()
                    .set(WorkbenchSettings.DEFAULT_FONT_SIZE * size.percent() / 100.0));
            shell.resize(robot, size.width(), size.height());
            shell.eachTab(robot, id -> {
                String where = id + "-" + size.name();
                clipped.addAll(PresentationWindow.onFx(() -> {
                    List<String> found = Clipping.all(shell.scene(), WorkbenchSettings.DEFAULT_FONT_SIZE
                            * size.percent() / 100.0, where);
                    found.addAll(Clipping.horizontalScrollBars(shell.scene().lookup("#activity-log"), where));
                    return found;
                }));
                shell.screenshot(where);
            });
        }
        assertThat(clipped).as("texts not shown whole at 1280×720 and 1920×1080, 100–175 %").isEmpty();
    }
}
