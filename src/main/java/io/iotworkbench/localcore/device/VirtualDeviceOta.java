package io.iotworkbench.localcore.device;

import io.iotworkbench.serial.flash.WmImage;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The in-process virtual device's OTA: when its {@code jobs_demo} is given an {@code afr_ota} job, the device hands its
 * MQTT connection (one client ID per thing) to an {@link OtaAgent}, which downloads, checks and installs the image
 * (the device's version changes: a reboot) and, after the self-test, reports the job's final status. Then the agent
 * is closed and the device boots again ({@code led_demo} and {@code jobs_demo} resume, running the new version).
 *
 * <p>Threading: {@link #start} and the hand-back run on the device's own executor; the agent runs on its thread and
 * calls {@link OtaAgent.Firmware} there. At most one agent at a time (the device is offline meanwhile).
 */
final class VirtualDeviceOta implements OtaAgent.Firmware {

    /** What the OTA needs of the device. */
    interface Device {
        VirtualDevice.Settings settings();

        String firmwareVersion();

        /** The new image runs now (the device counts a reboot and logs its boot line). */
        void rebootedInto(String version);

        void log(String level, String tag, String text);

        /** The OTA is over: boot again with the device's own connection. */
        void resume();
    }

    static final String TAG = "ota_demo";
    private static final int BLOCK_SIZE = 4096;
    private static final int PROGRESS_EVERY = 16;

    private final Device device;
    private final List<X509Certificate> codeSigners;
    private final Executor deviceThread;
    private OtaAgent agent;

    VirtualDeviceOta(Device device, List<X509Certificate> codeSigners, Executor deviceThread) {
        this.device = device;
        this.codeSigners = List.copyOf(codeSigners);
        this.deviceThread = deviceThread;
    }

    /** Starts the agent (the device has closed its own connection). */
    synchronized void start() {
        VirtualDevice.Settings s = device.settings();
        agent = new OtaAgent(new OtaAgent.Settings(s.thingName(), s.host(), s.port(), s.certificateFile(),
                s.privateKeyFile(), s.rootCaFile(), codeSigners, OtaAgent.Protocol.HTTP, BLOCK_SIZE, PROGRESS_EVERY),
                this);
        agent.start();
    }

    synchronized boolean running() {
        return agent != null;
    }

    /** Stops the agent (the device closes). */
    synchronized void close() {
        if (agent != null) {
            agent.close();
            agent = null;
        }
    }

    @Override
    public String version() {
        return device.firmwareVersion();
    }

    @Override
    public void install(WmImage image) {
        device.rebootedInto(image.header().version());
    }

    @Override
    public void log(char level, String message) {
        device.log(String.valueOf(level), TAG, message);
    }

    @Override
    public void jobFinished(String jobId, String status) {
        deviceThread.execute(() -> {
            close();
            device.resume();
        });
    }
}
