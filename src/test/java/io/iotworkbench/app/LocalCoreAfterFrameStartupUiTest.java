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
 * The app's default (decision 0031): even on folders where it makes no keys, the window starts the Local IoT Core only
 * after its first frame (started early it cost that frame about 0.3 s on a quiet machine); the core then runs
 * without waiting for its virtual device, which follows.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class LocalCoreAfterFrameStartupUiTest {

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
        workbench = new Workbench(AppDirectories.under(home), new Workbench.Options(true, false));
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
    void theCoreStartsAfterTheFirstFrameAndItsDeviceFollows() throws Exception {
        assertThat(makesKeys).isFalse();
        assertThat(frameBeforeTheStart).isFalse();
        assertThat(startedBeforeTheFrame).as("not started before the first frame").isFalse();
        var core = workbench.localCore().ready().get(90, TimeUnit.SECONDS);
        assertThat(frameShown).as("the frame came first").isTrue();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> notices.stream()
                .anyMatch(t -> t.startsWith("Local IoT Core running: MQTT 127.0.0.1:" + core.mqttPort())));
        assertThat(notices).anyMatch(t -> t.startsWith("Starting the Local IoT Core"));
        assertThat(workbench.localCore().deviceReady().get(90, TimeUnit.SECONDS).isConnected()).isTrue();
    }
}
