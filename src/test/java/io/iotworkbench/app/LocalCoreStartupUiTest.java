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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the window starts the Local IoT Core (decision 0031), on folders where the start makes no keys (a launch after
 * the first). By default only after its first frame (started early it cost that frame about 0.3 s on a quiet
 * machine), and in that pulse before the selected pane's construction, so the two run side by side. With
 * {@code IOTWORKBENCH_LOCAL_CORE=early} in {@link Workbench#openWindow}, before the first frame, so the start runs
 * beside the window's construction and the activity log reports it running once the window shows. Either way the core
 * runs without waiting for its virtual device, which follows.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class LocalCoreStartupUiTest {

    @TempDir
    static Path home;

    private final AtomicBoolean frameShown = new AtomicBoolean();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private Stage stage;
    private Workbench workbench;
    private boolean frameBeforeTheStart;
    private boolean startedBeforeTheFrame;
    private boolean makesKeys;
    private final CompletableFuture<Boolean> startedWhenPaneReady = new CompletableFuture<>();

    /** The folders of a launch before: the core's CA, server and virtual-device keys exist. */
    @BeforeAll
    static void earlierLaunch() throws Exception {
        LocalIoTCore.start(LocalIoTCore.Config.defaults(AppDirectories.under(home).dataDir())).close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    @Test
    void byDefaultTheCoreStartsAfterTheFirstFrameAndItsDeviceFollows() throws Exception {
        openWindow(false);
        assertThat(startedBeforeTheFrame).as("not started before the first frame").isFalse();
        LocalIoTCore core = workbench.localCore().ready().get(90, TimeUnit.SECONDS);
        assertThat(frameShown).as("the frame came first").isTrue();
        assertThat(startedWhenPaneReady.get(90, TimeUnit.SECONDS))
                .as("the core's start came before the selected pane's construction, not after it").isTrue();
        awaitRunningNotice(core);
        assertThat(notices).anyMatch(t -> t.startsWith("Starting the Local IoT Core"));
        assertThat(workbench.localCore().deviceReady().get(90, TimeUnit.SECONDS).isConnected()).isTrue();
    }

    @Test
    void startedEarlyTheCoreStartsBeforeTheFirstFrameAndIsReportedOnceItRuns() throws Exception {
        openWindow(true);
        assertThat(startedBeforeTheFrame).as("started in openWindow, not after the first frame").isTrue();
        LocalIoTCore core = workbench.localCore().ready().get(90, TimeUnit.SECONDS);
        awaitRunningNotice(core);
        assertThat(frameShown).as("reported after the first frame").isTrue();
        assertThat(notices).noneMatch(t -> t.startsWith("Starting the Local IoT Core"));
        assertThat(workbench.localCore().deviceReady().get(90, TimeUnit.SECONDS).isConnected()).isTrue();
    }

    /** Builds and opens the window in one FX event, noting what had happened before any pulse could run. */
    private void openWindow(boolean early) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            FirstFrame.then(() -> frameShown.set(true));
            workbench = new Workbench(AppDirectories.under(home), new Workbench.Options(true, false, early));
            makesKeys = workbench.localCore().startMakesKeys();
            workbench.openWindow(stage).whenPaneReady(() ->
                    startedWhenPaneReady.complete(workbench.localCore().started()));
            workbench.session().events().subscribe(Notification.class, n -> notices.add(n.text()));
            // still the same FX event: no pulse, so no frame, can have run since the window was built
            frameBeforeTheStart = frameShown.get();
            startedBeforeTheFrame = workbench.localCore().started();
        }).get(60, TimeUnit.SECONDS);
        assertThat(makesKeys).isFalse();
        assertThat(frameBeforeTheStart).isFalse();
    }

    private void awaitRunningNotice(LocalIoTCore core) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> notices.stream()
                .anyMatch(t -> t.startsWith("Local IoT Core running: MQTT 127.0.0.1:" + core.mqttPort())));
    }
}
