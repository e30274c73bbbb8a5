package io.iotworkbench.serial.virtualboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.ShadowOperations;
import io.iotworkbench.serial.PtyTests;
import io.iotworkbench.serial.ReconnectPolicy;
import io.iotworkbench.serial.console.LogLevel;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: the virtual board behind a socat pty, told {@code aws_led}, runs the led_demo device against an
 * in-process Local IoT Core; its log lines come out of the board's UART and the thing's shadow is updated.
 */
@Tag("integration")
class LocalCoreAwsDemoTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private BoardLink board;
    private VirtualBoardPort port;
    private final ConsoleWatch watch = new ConsoleWatch();

    @AfterEach
    void stop() {
        if (board != null) {
            board.close();
        }
        if (core != null) {
            core.close();
        }
    }

    private void startBoard(String thing) throws Exception {
        PtyTests.assumeSocat();
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("core")).withVirtualDevice(false));
        port = VirtualBoardPort.startPty(BoardOptions.defaults(), Clock.systemUTC(), dir);
        port.board().setAwsDemoHook(new LocalCoreAwsDemo(CompletableFuture.completedFuture(core), () -> thing,
                Duration.ofSeconds(5), 0, Clock.systemUTC()));
        board = BoardLink.open(port, ReconnectPolicy.NEVER, "virtual", watch);
        board.joinWifi();
    }

    private int send(String line) throws Exception {
        return board.send(line);
    }

    @Test
    void awsLedRunsTheDeviceAgainstTheLocalCoreAndUpdatesTheShadow() throws Exception {
        startBoard("");
        int mark = send("aws_led");

        SerialLine tls = watch.awaitText(mark, "(Local IoT Core) as wm_board_1", WAIT);
        assertThat(tls.tag()).isEqualTo("SHADOW_DEMO");
        SerialLine connected = watch.await(mark, l -> "aws_mqtt".equals(l.tag())
                && l.message().startsWith("connected to 127.0.0.1:" + core.mqttPort()), WAIT);
        assertThat(connected.level()).isEqualTo(LogLevel.INFO);
        watch.await(mark, l -> "aws_shadow".equals(l.tag()), WAIT);

        JsonNode reported = awaitReportedLed("wm_board_1");
        assertThat(reported.path("led").asText()).isEqualTo("red");
        assertThat(core.registry().findThing("wm_board_1")).isPresent();

        int beforeDesired = watch.mark();
        ShadowOperations.Result update = core.shadows().update("wm_board_1", "",
                "{\"state\":{\"desired\":{\"led\":\"blue\"}}}".getBytes(StandardCharsets.UTF_8));
        assertThat(update.ok()).isTrue();
        SerialLine set = watch.await(beforeDesired, l -> "pwm_led".equals(l.tag()), WAIT);
        assertThat(set.message()).isEqualTo("set led blue");
        assertThat(set.level()).isEqualTo(LogLevel.INFO);
    }

    @Test
    void awsJobRunsJobsDemoAgainstTheLocalJobsService() throws Exception {
        startBoard("lamp7");
        int mark = send("aws_job");

        SerialLine line = watch.awaitText(mark, "jobs/notify-next", WAIT);
        assertThat(line.message()).contains("$aws/things/lamp7/jobs/notify-next");
        int beforeJob = watch.mark();
        core.jobs().createJob(new io.iotworkbench.localcore.jobs.JobsService.CreateJobRequest("reboot-1",
                java.util.List.of(core.registry().thingArn("lamp7")),
                "{\"steps\":[{\"action\":{\"name\":\"Reboot\"}}]}",
                "test", "SNAPSHOT", null, null));
        SerialLine done = watch.await(beforeJob, l -> "jobs_demo".equals(l.tag())
                && l.message().contains("job status updated"), WAIT);
        assertThat(done.level()).isEqualTo(LogLevel.INFO);
    }

    @Test
    void awsHttpRunsHttpDemoMutualAuthAgainstTheHttpsEndpoint() throws Exception {
        startBoard("http_board");
        var received = new java.util.concurrent.LinkedBlockingQueue<String>();
        try (var watcher = new io.iotworkbench.localcore.ShadowClient(core, core.provision("http_watcher",
                io.iotworkbench.localcore.LocalIoTCore.Identity.WORKBENCH),
                "http_watcher")) {
            watcher.paho().subscribe("topic", 1, (t, m) -> received.add(new String(m.getPayload(),
                    StandardCharsets.UTF_8))).waitForCompletion(60_000);
            int mark = send("aws_http");
            SerialLine sending = watch.awaitText(mark, "Sending HTTP POST request to 127.0.0.1/topics/topic?qos=1",
                    WAIT);
            assertThat(sending.tag()).isEqualTo("DEMO");
            watch.awaitText(mark, "Received HTTP response from 127.0.0.1/topics/topic?qos=1", WAIT);
            SerialLine done = watch.awaitText(mark, "Demo completed successfully.", WAIT);
            assertThat(done.level()).isEqualTo(LogLevel.INFO);
            assertThat(watch.since(mark)).anyMatch(l -> l.text().contains("\"message\":\"OK\""));
            assertThat(received.poll(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(LocalCoreHttpDemo.REQUEST_BODY);
        }
        assertThat(core.registry().findThing("http_board")).isPresent();
    }

    private JsonNode awaitReportedLed(String thing) throws Exception {
        return Wait.value("a reported led in the shadow of " + thing, WAIT, () -> {
            ShadowOperations.Result got = core.shadows().get(thing, "");
            return got.ok() ? new ObjectMapper().readTree(got.body()).path("state").path("reported") : null;
        }, reported -> reported.has("led"));
    }
}
