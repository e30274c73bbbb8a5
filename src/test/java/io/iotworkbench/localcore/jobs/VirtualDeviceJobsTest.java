package io.iotworkbench.localcore.jobs;

import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.device.VirtualDevice;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The virtual WM device runs jobs_demo: Reboot succeeds then reboots, other actions succeed, junk fails. */
@Tag("integration")
class VirtualDeviceJobsTest {

    @TempDir
    Path dir;

    private LocalIoTCore core;

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        Wait.until("the virtual device's job state", condition);
    }

    private String status(String jobId) {
        return core.jobs().describeJobExecution("wm_demo_1", jobId, null).at("/execution/status").asText();
    }

    @Test
    void runsTheJobsDemo() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir));
        VirtualDevice device = core.virtualDevice().orElseThrow();
        String arn = core.registry().thingArn(device.thingName());
        core.jobs().createJob(new JobsService.CreateJobRequest("reboot1", List.of(arn),
                "{\"steps\":[{\"action\":{\"name\":\"Reboot\"}}]}", null, null, null, null));
        waitUntil(() -> status("reboot1").equals("SUCCEEDED"));
        waitUntil(() -> device.reboots() == 1 && device.isConnected());
        core.jobs().createJob(new JobsService.CreateJobRequest("print1", List.of(arn),
                "{\"steps\":[{\"action\":{\"name\":\"print\"}}]}", null, null, null, null));
        core.jobs().createJob(new JobsService.CreateJobRequest("junk1", List.of(arn),
                "{\"operation\":\"x\"}", null, null, null, null));
        waitUntil(() -> status("print1").equals("SUCCEEDED")
                && status("junk1").equals("FAILED"));
        assertThat(device.reboots()).isEqualTo(1);
        assertThat(device.jobsSucceeded()).isEqualTo(2);
    }
}
