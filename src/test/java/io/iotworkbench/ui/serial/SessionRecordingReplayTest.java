package io.iotworkbench.ui.serial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.demo.DemoRunner;
import io.iotworkbench.demo.DemoScript;
import io.iotworkbench.demo.DemoScriptParser;
import io.iotworkbench.demo.LocalDemoServices;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.PipelineLimits;
import io.iotworkbench.diagnostics.Redactor;
import io.iotworkbench.recording.SessionRecorder;
import io.iotworkbench.serial.timeline.TimelineEvent;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import io.iotworkbench.testsupport.OnThread;
import io.iotworkbench.testsupport.Wait;
import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.mqtt.MqttViewModel;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-session recording and replay: a real session against the Local IoT Core (virtual device, virtual board, a
 * Wi-Fi password typed) is recorded to NDJSON, then replayed at 10× with no network into the MQTT pane's and the
 * Timeline's view models (toolkit-free: the FX executor runs inline).
 */
@Tag("integration")
class SessionRecordingReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        scheduler.shutdownNow();
    }

    @Test
    void aRecordedSessionReplaysAtTenTimesIntoTheMqttPaneAndTheTimeline() throws Exception {
        Path file = dir.resolve("session.ndjson");
        DemoScript script = new DemoScriptParser().parse("rec_demo", """
                steps:
                  - connect: Local IoT Core
                  - board: wifi init
                  - board: wifi connect DemoNet s3cretPass99
                  - wait-console: {contains: "sta got ip", timeout: 60s}
                  - board: aws_led
                  - wait-console: {contains: "led_demo attached", timeout: 60s}
                  - shadow-update: {desired: {led: blue}}
                  - wait-shadow: {field: reported.led, equals: blue, timeout: 60s}
                  - wait-console: {contains: "set led blue", timeout: 60s}
                """);
        Clock clock = Clock.systemUTC();
        try (LocalDemoServices services = LocalDemoServices.headless(dir.resolve("core"), clock);
             SessionRecorder recorder = SessionRecorder.start(file, clock)) {
            services.recordTo(recorder);
            assertThat(new DemoRunner(script, services, clock, new DemoRunner.Listener() { }, "r1").runAll().ok())
                    .isTrue();
            Wait.until("the accepted update in the recording", () -> recorder.written() > 10);
            recorder.close();
            assertThat(Files.exists(dir.resolve("session.ndjson.part"))).isFalse();
        }

        String text = Files.readString(file);
        assertThat(text).doesNotContain("s3cretPass99").contains("wifi connect DemoNet " + Redactor.MASK);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : text.split("\n")) {
            lines.add(JSON.readTree(l));
        }
        assertThat(lines.get(0).path("kind").asText()).isEqualTo("session");
        assertThat(lines.get(lines.size() - 1).path("kind").asText()).isEqualTo("end");
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.path("kind").asText()).isEqualTo("shadow");
            assertThat(l.path("topic").asText()).isEqualTo("$aws/things/wm_demo_1/shadow/update/documents");
            assertThat(l.path("version").asLong()).isPositive();
        });
        assertThat(lines).anySatisfy(l -> assertThat(l.path("text").asText()).contains("set led blue"));

        // replay with no network: nothing connects, the pipeline is fed from the file
        Session session = new Session(Profile.localDefault());
        MessagePipeline pipeline = new MessagePipeline(PipelineLimits.defaults());
        closing.add(pipeline);
        LocalCoreRuntime unstarted = new LocalCoreRuntime(dir.resolve("unused"));
        MqttConnection connection = new MqttConnection(session, unstarted);
        closing.add(connection);
        PaneContext context = new PaneContext(new FxSession(session, Runnable::run), connection, pipeline, unstarted,
                new AwsClients(unstarted), Runnable::run, scheduler);
        MqttViewModel mqtt = new MqttViewModel(context);
        closing.add(mqtt::dispose);
        TimelineViewModel timeline = new TimelineViewModel(pipeline, new SimpleStringProperty("wm_demo_1"),
                Runnable::run, scheduler);
        closing.add(timeline);

        long started = System.nanoTime();
        long replayed = timeline.replay(file, 10).get(60, TimeUnit.SECONDS);

        assertThat(replayed).isEqualTo(lines.size() - 2);
        // the pumps apply on the scheduler thread (the FX stand-in here): read what they write there
        Wait.until("the MQTT pane's topic tree", () -> OnThread.read(scheduler, () ->
                mqtt.tree().item("$aws/things/wm_demo_1/shadow/update/documents") != null));
        Wait.until("the timeline's shadow and serial events", () -> OnThread.read(scheduler, () ->
                timeline.events().stream().anyMatch(e -> e.source() == TimelineEvent.Source.SHADOW)
                        && timeline.events().stream().anyMatch(e -> e.source() == TimelineEvent.Source.SERIAL
                        && e.text().contains("set led blue"))));
        long recordedSpan = lines.get(lines.size() - 2).path("timeMillis").asLong()
                - lines.get(1).path("timeMillis").asLong();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                .as("10× replays in about a tenth of the recorded time").isGreaterThanOrEqualTo(recordedSpan / 10 - 50);
        assertThat(OnThread.read(scheduler, () -> List.copyOf(timeline.events())))
                .noneMatch(e -> e.text().contains("s3cretPass99"));
        mqtt.clear();
        assertThat(mqtt.replay(file, 0).get(60, TimeUnit.SECONDS)).as("the MQTT pane's Replay takes a session file")
                .isEqualTo(replayed);
        Wait.until("the MQTT pane's tree after its own replay", () -> OnThread.read(scheduler, () ->
                mqtt.tree().item("$aws/things/wm_demo_1/shadow/update/accepted") != null));
        assertThat(connection.subscriptions()).isEmpty();
        assertThat(session.state().isActive()).isFalse();
    }
}
