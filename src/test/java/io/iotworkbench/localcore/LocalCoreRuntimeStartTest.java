package io.iotworkbench.localcore;

import io.iotworkbench.localcore.device.VirtualDevice;
import io.iotworkbench.session.Profile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's Local IoT Core (decision 0031): {@code ready} completes once the core's servers run, before its virtual
 * device boots; the device's key was still made ahead with the others, and {@code deviceReady} completes with the
 * device connected. The {@code local-core} command and {@link LocalIoTCore#start} keep booting it inside the start.
 */
@Tag("integration")
class LocalCoreRuntimeStartTest {

    @TempDir
    Path dir;

    /** What the core held at the moment {@code ready} completed (seen on the start thread, in that completion). */
    private record AtReady(boolean devicePresent, int keysWaiting, long startMs) {
    }

    @Test
    void readyComesBeforeTheVirtualDeviceBootsAndTheDeviceFollows() throws Exception {
        try (LocalCoreRuntime runtime = new LocalCoreRuntime(dir, 0)) {
            AtomicReference<AtReady> atReady = new AtomicReference<>();
            runtime.ready().thenAccept(core -> atReady.set(new AtReady(core.virtualDevice().isPresent(),
                    core.keysWaiting(), core.startMs())));
            assertThat(runtime.deviceReady()).isNotDone();

            LocalIoTCore core = runtime.start().get(90, TimeUnit.SECONDS);
            VirtualDevice device = runtime.deviceReady().get(90, TimeUnit.SECONDS);

            assertThat(atReady.get().devicePresent()).as("the device boots after ready").isFalse();
            assertThat(atReady.get().keysWaiting()).as("the device's key, made ahead, not taken yet").isEqualTo(1);
            assertThat(atReady.get().startMs()).isPositive();
            assertThat(core.startSteps()).containsKeys("database", "CA", "server TLS", "broker", "REST API")
                    .doesNotContainKey("virtual device");
            assertThat(device.thingName()).isEqualTo(Profile.DEFAULT_LOCAL_THING);
            assertThat(device.isConnected()).isTrue();
            assertThat(core.virtualDevice()).containsSame(device);
            assertThat(core.keysWaiting()).as("the device took the key made ahead").isZero();
        }
    }

    @Test
    void onlyTheFirstStartOnAFolderMakesKeys() throws Exception {
        LocalCoreRuntime first = new LocalCoreRuntime(dir, 0);
        assertThat(first.startMakesKeys()).isTrue();
        try (first) {
            first.start().get(90, TimeUnit.SECONDS);
            first.deviceReady().get(90, TimeUnit.SECONDS);
        }
        assertThat(new LocalCoreRuntime(dir, 0).startMakesKeys()).as("the window starts it before its frame")
                .isFalse();
        String before = System.getProperty(VirtualDevice.TEMPERATURE_PROPERTY);
        System.setProperty(VirtualDevice.TEMPERATURE_PROPERTY, "often");
        try {
            assertThat(new LocalCoreRuntime(dir, 0).startMakesKeys()).as("a bad setting is the start's to report")
                    .isFalse();
        } finally {
            if (before == null) {
                System.clearProperty(VirtualDevice.TEMPERATURE_PROPERTY);
            } else {
                System.setProperty(VirtualDevice.TEMPERATURE_PROPERTY, before);
            }
        }
    }

    @Test
    void theCoreAloneStillBootsItsDeviceInsideTheStart() throws Exception {
        try (LocalIoTCore core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir))) {
            assertThat(core.virtualDevice()).get().extracting(VirtualDevice::isConnected).isEqualTo(true);
            assertThat(core.startSteps()).containsKey("virtual device");
        }
    }
}
