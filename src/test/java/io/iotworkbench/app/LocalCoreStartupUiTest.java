package io.iotworkbench.app;

import io.iotworkbench.event.Notification;
import io.iotworkbench.ui.PaneStage;
import io.iotworkbench.ui.common.FirstFrame;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the window starts the Local IoT Core (decision 0031): in {@link Workbench#openWindow}, before the window's
 * first frame, so the core's start runs beside the window's construction; the activity log reports it running
 * once the window shows.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class LocalCoreStartupUiTest {

    @TempDir
    static Path home;

    @RegisterExtension
    final PaneStage app = new PaneStage(new Workbench.Options(true, false));
    private final AtomicBoolean frameShown = new AtomicBoolean();
    private volatile boolean startedBeforeTheFrame;
    private volatile boolean frameBeforeTheStart;
    private final java.util.List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        FirstFrame.then(() -> frameShown.set(true));
        app.open(stage, home);
        app.workbench().session().events().subscribe(Notification.class, n -> notices.add(n.text()));
        // still the same FX event: no pulse, so no frame, can have run since the window was built
        frameBeforeTheStart = frameShown.get();
        startedBeforeTheFrame = app.workbench().localCore().started();
    }

    @Test
    void theCoreStartsBeforeTheFirstFrameAndIsReportedOnceItRuns() throws Exception {
        assertThat(frameBeforeTheStart).isFalse();
        assertThat(startedBeforeTheFrame).as("started in openWindow, not after the first frame").isTrue();
        var core = app.workbench().localCore().ready().get(90, TimeUnit.SECONDS);
        assertThat(core.mqttPort()).isPositive();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> notices.stream()
                .anyMatch(t -> t.startsWith("Local IoT Core running: MQTT 127.0.0.1:" + core.mqttPort())));
        assertThat(frameShown).as("reported after the first frame").isTrue();
        assertThat(app.workbench().localCore().deviceReady().get(90, TimeUnit.SECONDS).isConnected()).isTrue();
    }

    @Test
    void afterFrameStillWaitsForTheFrame() {
        assertThat(Workbench.Options.fromEnvironment(k -> null, java.util.Map.of(Workbench.LOCAL_CORE_ENV,
                "after-frame"))).isEqualTo(new Workbench.Options(true, true, true));
        assertThat(Workbench.Options.app().coreAfterFirstFrame()).isFalse();
    }
}
