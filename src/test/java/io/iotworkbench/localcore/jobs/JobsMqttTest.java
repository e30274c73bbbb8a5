package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.ShadowClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Paho device client through the jobs MQTT API of the Local IoT Core: life cycle, errors, timers, durability. */
@Tag("integration")
class JobsMqttTest {

    static final String DOC = "{\"steps\":[{\"action\":{\"name\":\"Reboot\"}}]}";
    static final String T = "$aws/things/dev1/jobs/";

    @TempDir
    Path dir;

    private final AdjustableClock clock = new AdjustableClock();
    private LocalIoTCore core;
    private ShadowClient device;

    private void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false).withClock(clock));
        // it also watches the jobs events ($aws/events/#), which only an administrator may subscribe to
        device = new ShadowClient(core, core.provision("dev1", LocalIoTCore.Identity.WORKBENCH), "dev1");
        device.subscribe(T + "#").subscribe("$aws/events/#");
    }

    @AfterEach
    void stop() {
        if (device != null) {
            device.close();
        }
        if (core != null) {
            core.close();
        }
    }

    private void createJob(String id) {
        core.jobs().createJob(new JobsService.CreateJobRequest(id,
                List.of(core.registry().thingArn("dev1")), DOC, null, null, null, null));
    }

    @Test
    void wholeLifeCycle() throws Exception {
        start();
        createJob("j1");
        JsonNode notify = device.next("/notify").json();
        assertThat(notify.at("/jobs/QUEUED/0/jobId").asText()).isEqualTo("j1");
        JsonNode next = device.next("/notify-next").json();
        assertThat(next.at("/execution/jobId").asText()).isEqualTo("j1");
        assertThat(next.at("/execution/jobDocument/steps/0/action/name").asText()).isEqualTo("Reboot");
        assertThat(next.at("/execution/status").asText()).isEqualTo("QUEUED");

        JsonNode pending = device.request(T + "get", "{\"clientToken\":\"g1\"}", "/accepted").json();
        assertThat(pending.at("/queuedJobs/0/jobId").asText()).isEqualTo("j1");
        assertThat(pending.get("clientToken").asText()).isEqualTo("g1");
        assertThat(pending.get("timestamp").asLong()).isLessThan(10_000_000_000L);

        JsonNode started = device.request(T + "start-next",
                "{\"statusDetails\":{\"step\":\"download\"},\"clientToken\":\"s1\"}", "/accepted").json();
        assertThat(started.at("/execution/status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(started.at("/execution/versionNumber").asLong()).isEqualTo(2);
        assertThat(started.at("/execution/statusDetails/step").asText()).isEqualTo("download");
        assertThat(started.get("clientToken").asText()).isEqualTo("s1");

        JsonNode progress = device.request(T + "j1/update", "{\"status\":\"IN_PROGRESS\",\"expectedVersion\":\"2\","
                + "\"statusDetails\":{\"progress\":\"50%\"},\"includeJobExecutionState\":true,"
                + "\"includeJobDocument\":true,\"clientToken\":\"u1\"}", "/accepted").json();
        assertThat(progress.at("/executionState/versionNumber").asLong()).isEqualTo(3);
        assertThat(progress.at("/executionState/statusDetails/progress").asText()).isEqualTo("50%");
        assertThat(progress.at("/jobDocument/steps/0/action/name").asText()).isEqualTo("Reboot");
        assertThat(progress.get("clientToken").asText()).isEqualTo("u1");

        JsonNode described = device.request(T + "j1/get", "{\"includeJobDocument\":false}", "/accepted").json();
        assertThat(described.at("/execution/status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(described.at("/execution").has("jobDocument")).isFalse();

        device.clear();
        JsonNode done = device.request(T + "j1/update", "{\"status\":\"SUCCEEDED\",\"expectedVersion\":3}",
                "/accepted").json();
        assertThat(done.has("executionState")).isFalse();
        JsonNode event = device.next("$aws/events/jobExecution/j1/succeeded").json();
        assertThat(event.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(device.next("$aws/events/job/j1/completed").json().get("status").asText())
                .isEqualTo("COMPLETED");
        assertThat(device.next("/notify-next").json().has("execution")).isFalse();
        assertThat(core.jobs().describeJob("j1").at("/job/status").asText()).isEqualTo("COMPLETED");
        assertThat(core.jobs().history("dev1", "j1")).extracting(JobsService.HistoryEntry::status)
                .containsExactly("QUEUED", "IN_PROGRESS", "IN_PROGRESS", "SUCCEEDED");

        JsonNode invalid = device.request(T + "j1/update", "{\"status\":\"IN_PROGRESS\",\"clientToken\":\"x\"}",
                "/rejected").json();
        assertThat(invalid.get("code").asText()).isEqualTo("InvalidStateTransition");
        assertThat(invalid.at("/executionState/status").asText()).isEqualTo("SUCCEEDED");
        assertThat(invalid.get("clientToken").asText()).isEqualTo("x");
        JsonNode terminal = device.request(T + "j1/get", "{}", "/rejected").json();
        assertThat(terminal.get("code").asText()).isEqualTo("TerminalStateReached");
        JsonNode none = device.request(T + "start-next", "{}", "/accepted").json();
        assertThat(none.has("execution")).isFalse();
    }

    @Test
    void versionMismatchAndRequestErrors() throws Exception {
        start();
        createJob("j2");
        JsonNode mismatch = device.request(T + "j2/update", "{\"status\":\"IN_PROGRESS\",\"expectedVersion\":\"9\"}",
                "/rejected").json();
        assertThat(mismatch.get("code").asText()).isEqualTo("VersionMismatch");
        assertThat(mismatch.at("/executionState/versionNumber").asLong()).isEqualTo(1);
        assertThat(mismatch.at("/executionState/status").asText()).isEqualTo("QUEUED");

        assertThat(device.request(T + "j2/update", "{not json", "/rejected").json().get("code").asText())
                .isEqualTo("InvalidJson");
        JsonNode badDetails = device.request(T + "j2/update", "{\"status\":\"IN_PROGRESS\","
                + "\"statusDetails\":{\"bad key\":\"v\"}}", "/rejected").json();
        assertThat(badDetails.get("code").asText()).isEqualTo("InvalidRequest");
        assertThat(badDetails.has("executionState")).isFalse();
        assertThat(device.request(T + "j2/update", "{\"status\":\"QUEUED\"}", "/rejected").json()
                .get("code").asText()).isEqualTo("InvalidRequest");
        assertThat(device.request(T + "j2/update", "{\"status\":\"IN_PROGRESS\",\"stepTimeoutInMinutes\":0}",
                "/rejected").json().get("code").asText()).isEqualTo("InvalidRequest");
        assertThat(device.request(T + "nope/get", "{}", "/rejected").json().get("code").asText())
                .isEqualTo("ResourceNotFound");
        // the gateway already refuses unknown $aws topics from clients, so this reaches the service directly
        core.jobs().onClientPublish("dev1", T + "a/b/c", "{\"clientToken\":\"it\"}".getBytes(), 1);
        JsonNode invalidTopic = device.next(T + "a/b/c/rejected").json();
        assertThat(invalidTopic.get("code").asText()).isEqualTo("InvalidTopic");
        assertThat(invalidTopic.get("clientToken").asText()).isEqualTo("it");
        String longValue = "x".repeat(1025);
        assertThat(device.request(T + "j2/update", "{\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"k\":\""
                + longValue + "\"}}", "/rejected").json().get("code").asText()).isEqualTo("InvalidRequest");
        JsonNode ok = device.request(T + "$next/update", "{\"status\":\"REJECTED\",\"expectedVersion\":1}",
                "/accepted").json();
        assertThat(ok.has("timestamp")).isTrue();
        assertThat(core.jobs().describeJobExecution("dev1", "j2", null).at("/execution/status").asText())
                .isEqualTo("REJECTED");
    }

    @Test
    void stepTimerEndsInTimedOut() throws Exception {
        start();
        createJob("j3");
        JsonNode started = device.request(T + "start-next", "{\"stepTimeoutInMinutes\":1}", "/accepted").json();
        assertThat(started.at("/execution/approximateSecondsBeforeTimedOut").asLong()).isBetween(50L, 60L);
        assertThat(core.jobs().sweepTimeouts()).isZero();
        clock.advance(Duration.ofSeconds(61));
        core.jobs().sweepTimeouts(); // or the service's own once-a-second sweep, whichever comes first
        assertThat(device.next("$aws/events/jobExecution/j3/timed_out").json().get("status").asText())
                .isEqualTo("TIMED_OUT");
        assertThat(device.request(T + "j3/update", "{\"status\":\"SUCCEEDED\"}", "/rejected").json()
                .at("/executionState/status").asText()).isEqualTo("TIMED_OUT");
    }

    @Test
    void inProgressTimeoutOfTheJob() throws Exception {
        start();
        core.jobs().createJob(new JobsService.CreateJobRequest("j4", List.of(core.registry().thingArn("dev1")),
                DOC, null, null, 2L, null));
        device.request(T + "start-next", "{}", "/accepted");
        clock.advance(Duration.ofMinutes(1));
        assertThat(core.jobs().sweepTimeouts()).isZero();
        clock.advance(Duration.ofMinutes(2));
        core.jobs().sweepTimeouts(); // or the service's own once-a-second sweep, whichever comes first
        assertThat(core.jobs().describeJobExecution("dev1", "j4", null).at("/execution/status").asText())
                .isEqualTo("TIMED_OUT");
    }

    @Test
    void cancelWithAndWithoutForce() throws Exception {
        start();
        createJob("j5");
        createJob("j6");
        device.request(T + "start-next", "{}", "/accepted");
        assertThatThrownBy(() -> core.jobs().cancelJobExecution("dev1", "j5", false, null, null))
                .isInstanceOf(AwsServiceException.class).hasMessageContaining("force");
        core.jobs().cancelJob("j6", false, null, null);
        assertThat(core.jobs().describeJobExecution("dev1", "j6", null).at("/execution/status").asText())
                .isEqualTo("CANCELED");
        core.jobs().cancelJob("j5", false, null, null);
        assertThat(core.jobs().describeJobExecution("dev1", "j5", null).at("/execution/status").asText())
                .isEqualTo("IN_PROGRESS");
        device.clear();
        core.jobs().cancelJob("j5", true, "FORCED", null);
        JsonNode exec = core.jobs().describeJobExecution("dev1", "j5", null).get("execution");
        assertThat(exec.get("status").asText()).isEqualTo("CANCELED");
        assertThat(exec.get("forceCanceled").asBoolean()).isTrue();
        assertThat(device.next("$aws/events/jobExecution/j5/canceled").json().get("status").asText())
                .isEqualTo("CANCELED");
        assertThat(device.next("/notify-next").json().has("execution")).isFalse();
    }

    @Test
    void survivesARestart() throws Exception {
        start();
        core.jobs().groups().createThingGroup("g", null);
        core.jobs().groups().addThingToThingGroup("g", "dev1");
        createJob("j7");
        device.request(T + "start-next", "{\"statusDetails\":{\"step\":\"1\"}}", "/accepted");
        device.close();
        device = null;
        core.close();
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false).withClock(clock));
        JsonNode exec = core.jobs().describeJobExecution("dev1", "j7", null).get("execution");
        assertThat(exec.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(exec.get("versionNumber").asLong()).isEqualTo(2);
        assertThat(exec.at("/statusDetails/detailsMap/step").asText()).isEqualTo("1");
        assertThat(core.jobs().groups().groupsOf("dev1")).containsExactly("g");
        createJob("j8");
        long n7 = exec.get("executionNumber").asLong();
        assertThat(core.jobs().describeJobExecution("dev1", "j8", null).at("/execution/executionNumber").asLong())
                .isGreaterThan(n7);
    }

    @Test
    void expectedVersionAcceptsStringsAndIntegers() {
        assertThat(JobsDeviceApi.readExpectedVersion(com.fasterxml.jackson.databind.node.TextNode.valueOf("4")))
                .isEqualTo(4L);
        assertThat(JobsDeviceApi.readExpectedVersion(com.fasterxml.jackson.databind.node.LongNode.valueOf(5)))
                .isEqualTo(5L);
        assertThatThrownBy(() -> JobsDeviceApi.readExpectedVersion(
                com.fasterxml.jackson.databind.node.TextNode.valueOf("v1"))).isInstanceOf(RuntimeException.class);
    }
}
