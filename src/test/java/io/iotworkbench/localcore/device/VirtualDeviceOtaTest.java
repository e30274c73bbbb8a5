package io.iotworkbench.localcore.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.serial.flash.WmImageBuilder;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Local IoT Core's in-process virtual device takes {@code afr_ota} jobs end to end: it hands its connection to
 * the OTA agent, which downloads (HTTP or MQTT), checks and installs the image, reports SUCCEEDED after the self-test;
 * then the device is back online running the new version and still runs ordinary jobs. A downgrade is REJECTED and
 * the device comes back on its old version.
 */
@Tag("integration")
class VirtualDeviceOtaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private VirtualDevice device;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir));
        device = core.virtualDevice().orElseThrow();
        device.addLogListener(log::add);
        Wait.until("the virtual device is online", device::isConnected);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private String status(String jobId) {
        return core.jobs().describeJobExecution(device.thingName(), jobId, null).at("/execution/status").asText();
    }

    private void update(String id, String version, String protocol) throws Exception {
        byte[] body = new byte[60_000];
        new Random(id.hashCode()).nextBytes(body);
        core.objects().put("fw-bucket", id + ".img", new WmImageBuilder().version(version).body(body).build());
        ObjectNode req = JSON.createObjectNode();
        req.putArray("targets").add(core.registry().thingArn(device.thingName()));
        req.putArray("protocols").add(protocol);
        req.put("roleArn", "arn:aws:iam::000000000000:role/ota");
        ObjectNode file = req.putArray("files").addObject().put("fileName", "app_ota");
        file.putObject("fileLocation").putObject("s3Location").put("bucket", "fw-bucket").put("key", id + ".img");
        file.putObject("codeSigning").putObject("startSigningJobParameter").put("signingProfileName", "local");
        core.otaUpdates().create(id, req);
    }

    @Test
    void anOtaUpdateOverHttpInstallsTheNewVersionAndTheDeviceComesBack() throws Exception {
        assertThat(device.firmwareVersion()).isEqualTo(VirtualDevice.DEFAULT_VERSION);
        update("up1", "2.1.0", "HTTP");

        Wait.until("the OTA job succeeded", () -> status("AFR_OTA-up1").equals("SUCCEEDED"));
        Wait.until("the device is back online", device::isConnected);
        assertThat(device.firmwareVersion()).isEqualTo("2.1.0");
        assertThat(device.reboots()).isEqualTo(1);
        assertThat(core.jobs().describeJobExecution(device.thingName(), "AFR_OTA-up1", null)
                .at("/execution/statusDetails/detailsMap/self_test").asText()).isEqualTo("active");
        assertThat(log).anyMatch(l -> l.contains("ota_demo: Received OTA job AFR_OTA-up1"))
                .anyMatch(l -> l.contains("boot: application 2.1.0"));

        core.jobs().createJob(new io.iotworkbench.localcore.jobs.JobsService.CreateJobRequest("print1",
                List.of(core.registry().thingArn(device.thingName())), "{\"steps\":[{\"action\":{\"name\":"
                + "\"print\"}}]}", null, null, null, null));
        Wait.until("an ordinary job after the update", () -> status("print1").equals("SUCCEEDED"));
    }

    @Test
    void aDowngradeOverMqttIsRejectedAndTheOldVersionKeepsRunning() throws Exception {
        update("up2", "0.9.0", "MQTT");

        Wait.until("the OTA job was rejected", () -> status("AFR_OTA-up2").equals("REJECTED"));
        Wait.until("the device is back online", device::isConnected);
        assertThat(device.firmwareVersion()).isEqualTo(VirtualDevice.DEFAULT_VERSION);
        assertThat(device.reboots()).isZero();
        assertThat(core.jobs().describeJobExecution(device.thingName(), "AFR_OTA-up2", null)
                .at("/execution/statusDetails/detailsMap/reason").asText()).startsWith("downgrade refused");
    }
}
