package io.iotworkbench.ui.shadow;

import io.iotworkbench.app.Workbench;
import io.iotworkbench.ui.PaneStage;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shadow › Controls updates in place on live reports: the led drop-down opened by the user stays open while the
 * virtual device's temperature reports (asked for by the test) arrive, and the chooser keeps showing the classic
 * shadow after a refresh.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("slow")
class ShadowControlsUiTest {

    private static final Pattern VERSION = Pattern.compile("version (\\d+)");

    @TempDir
    static Path home;

    @RegisterExtension
    final PaneStage app = new PaneStage(Workbench.Options.app());
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = app.open(stage, home);
    }

    private static long version(FxRobot robot) {
        Matcher m = VERSION.matcher(robot.lookup("#shadow-header").queryLabeled().getText());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Test
    void anOpenLedDropDownStaysOpenWhileReportsArrive(FxRobot robot) throws Exception {
        app.awaitConnected();
        robot.clickOn("Shadow");
        robot.clickOn("Controls");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#control-led").tryQuery().isPresent()
                && version(robot) > 0);
        @SuppressWarnings("unchecked")
        ChoiceBox<String> led = robot.lookup("#control-led").queryAs(ChoiceBox.class);
        Node card = led.getParent();
        robot.interact(led::show);
        long before = version(robot);
        for (int i = 0; i < 3; i++) {
            long seen = version(robot);
            app.reportTemperature();
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> version(robot) > seen);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(led.isShowing()).as("the led drop-down is still open after %d reports",
                version(robot) - before).isTrue();
        assertThat(robot.lookup("#control-led").queryAs(ChoiceBox.class)).as("the same control").isSameAs(led);
        assertThat(led.getParent()).isSameAs(card);
        assertThat(led.getScene()).isNotNull();
        robot.interact(led::hide);

        robot.clickOn("#shadow-refresh");
        long refreshed = version(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> version(robot) > refreshed);
        @SuppressWarnings("unchecked")
        ComboBox<String> chooser = robot.lookup("#shadow-chooser").queryAs(ComboBox.class);
        assertThat(chooser.getValue()).isEqualTo("");
        assertThat(robot.lookup("#shadow-chooser .list-cell").queryAllAs(javafx.scene.control.ListCell.class))
                .as("the chooser's shown cell").anyMatch(c -> "Classic shadow".equals(c.getText()));
        assertThat(robot.lookup("#shadow-header").queryLabeled().getText()).contains("Classic shadow");
    }
}
