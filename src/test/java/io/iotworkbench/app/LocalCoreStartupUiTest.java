package io.iotworkbench.app;

import io.iotworkbench.event.Notification;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.storage.AppDirectories;
import io.iotworkbench.ui.common.FirstFrame;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Local IoT Core started early ({@code IOTWORKBENCH_LOCAL_CORE=early}, decision 0031): on folders where it makes no
 * keys (a launch after the first), in {@link Workbench#openWindow} before the window's first frame, so the core's
 * start runs beside the window's construction; the activity log reports it running once the window shows, and the
 * virtual device follows.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class LocalCoreStartupUiTest {

    @TempDir
    static Path home;

    private final AtomicBoolean frameShown = new AtomicBoolean();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private Workbench workbench;
    private volatile boolean frameBeforeTheStart;
    private volatile boolean startedBeforeTheFrame;
    private volatile boolean makesKeys;

    /** The folders of a launch before: the core's CA, server and virtual-device keys exist. */
    @BeforeAll
    static void earlierLaunch() throws Exception {
        LocalIoTCore.start(LocalIoTCore.Config.defaults(AppDirectories.under(home).dataDir())).close();
    }

    @Start
    void start(Stage stage) {
        FirstFrame.then(() -> frameShown.set(true));
        workbench = new Workbench(AppDirectories.under(home), new Workbench.Options(true, false, true));
        makesKeys = workbench.localCore().startMakesKeys();
        workbench.openWindow(stage);
        workbench.session().events().subscribe(Notification.class, n -> notices.add(n.text()));
        // still the same FX event: no pulse, so no frame, can have run since the window was built
        frameBeforeTheStart = frameShown.get();
        startedBeforeTheFrame = workbench.localCore().started();
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    @Test
    void onKnownFoldersTheCoreStartsBeforeTheFirstFrameAndIsReportedOnceItRuns() throws Exception {
        assertThat(makesKeys).isFalse();
        assertThat(frameBeforeTheStart).isFalse();
        assertThat(startedBeforeTheFrame).as("started in openWindow, not after the first frame").isTrue();
        var core = workbench.localCore().ready().get(90, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> notices.stream()
                .anyMatch(t -> t.startsWith("Local IoT Core running: MQTT 127.0.0.1:" + core.mqttPort())));
        assertThat(frameShown).as("reported after the first frame").isTrue();
        assertThat(notices).noneMatch(t -> t.startsWith("Starting the Local IoT Core"));
        assertThat(workbench.localCore().deviceReady().get(90, TimeUnit.SECONDS).isConnected()).isTrue();
    }
}
