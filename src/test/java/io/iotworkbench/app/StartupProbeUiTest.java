package io.iotworkbench.app;

import io.iotworkbench.ui.PaneStage;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.scene.control.Control;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up probe's lines, as {@code bench startup} reads them: {@code first-frame} comes in the pulse after the
 * first frame before the window's own after-frame work (the selected pane and the activity log are still their
 * placeholders, the README is not read; the hidden demo bar, the tooltips and the profile chooser's list are not
 * there yet), then {@code timeline} with the launch's steps in order, {@code pane-ready} once the pane is built, then
 * the probe ends the run once; the Help menu's README sections follow from a background read.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class StartupProbeUiTest {

    @TempDir
    static Path home;

    @RegisterExtension
    final PaneStage app = new PaneStage(Workbench.Options.shellOnly());
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicInteger exits = new AtomicInteger();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        StartupProbe probe = new StartupProbe(StartupProbe.Mode.FRAME, new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                lines.add(line + " | " + windowState());
            }
        }, exits::incrementAndGet);
        probe.armFirstFrame();
        probe.watchStage(stage);
        window = app.open(stage, home);
        probe.watch(window, app.workbench());
    }

    /** What the window shows when a line is printed (FX thread). */
    private String windowState() {
        Tab selected = window.tabs().getSelectionModel().getSelectedItem();
        boolean log = window.stage().getScene().lookup("#activity-log") != null;
        var scene = window.stage().getScene();
        boolean demo = scene.lookup("#demo-bar") != null;
        boolean tips = ((Control) scene.lookup("#thing-field")).getTooltip() != null;
        boolean list = scene.lookup("#profile-chooser").lookup(".list-view") != null;
        int openingTexts = scene.getRoot().lookupAll(".pane-placeholder").size();
        return "content=" + selected.getContent().getId() + " log=" + log + " readme=" + window.readmeItems().size()
                + " demo=" + demo + " tips=" + tips + " list=" + list + " opening=" + openingTexts;
    }

    @Test
    void firstFrameIsReportedBeforeTheAfterFrameWorkAndPaneReadyAfterIt() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> exits.get() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("STARTUP {\"event\":\"first-frame\",\"jvmUptimeMs\":")
                .endsWith("content=placeholder-certs log=false readme=0 demo=false tips=false list=false opening=1");
        assertThat(lines.get(1)).startsWith("STARTUP {\"event\":\"timeline\"")
                .endsWith("content=placeholder-certs log=false readme=0 demo=false tips=false list=false opening=1");
        // the demo bar (hidden), the tooltips and the profile chooser's popup list come after the first frame
        assertThat(lines.get(2)).startsWith("STARTUP {\"event\":\"pane-ready\"").doesNotContain("placeholder-")
                .contains("log=true").endsWith("demo=true tips=true list=true opening=0");
        // the launch's steps in the order they happen, each an uptime no earlier than the one before
        var timeline = new ObjectMapper().readTree(
                lines.get(1).substring("STARTUP ".length(), lines.get(1).indexOf(" | ")));
        List<String> steps = List.of("startMs", "sceneMs", "shownMs", "pulseMs", "layoutMs", "frameMs");
        List<String> names = new ArrayList<>();
        timeline.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsSubsequence(steps).contains("fxCpuMs", "cpuMs");
        for (int i = 1; i < steps.size(); i++) {
            assertThat(timeline.get(steps.get(i)).asLong()).as(steps.get(i))
                    .isGreaterThanOrEqualTo(timeline.get(steps.get(i - 1)).asLong());
        }
        // the frame is the instant first-frame reported (both are uptimes read apart, so within a few ms)
        long reported = new ObjectMapper().readTree(lines.get(0).substring(
                "STARTUP ".length(), lines.get(0).indexOf(" | "))).get("jvmUptimeMs").asLong();
        assertThat(timeline.get("frameMs").asLong()).isBetween(reported - 5, reported + 5);
        assertThat(timeline.get("fxCpuMs").asLong()).isPositive();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.readmeItems().isEmpty());
        assertThat(window.readmeItems()).extracting(javafx.scene.control.MenuItem::getId)
                .contains("menu-readme-demo-scripts");
        assertThat(exits).hasValue(1);
    }
}
