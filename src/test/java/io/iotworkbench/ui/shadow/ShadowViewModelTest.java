package io.iotworkbench.ui.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.PipelineLimits;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import io.iotworkbench.shadow.HttpsShadowClient;
import io.iotworkbench.shadow.MqttShadowClient;
import io.iotworkbench.shadow.ShadowJson;
import io.iotworkbench.testsupport.Wait;
import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Shadow pane's view model without a toolkit, against a real Local IoT Core with its virtual device, over a real
 * MQTT connection (and HTTPS when disconnected).
 */
@Tag("integration")
class ShadowViewModelTest {

    @TempDir
    static Path dir;

    private static LocalCoreRuntime runtime;
    private static AwsClients aws;
    private static ScheduledExecutorService scheduler;
    private Session session;
    private MqttConnection connection;
    private MessagePipeline pipeline;
    private ShadowViewModel vm;

    @BeforeAll
    static void startCore() throws Exception {
        runtime = new LocalCoreRuntime(dir.resolve("data"));
        runtime.start().get(60, TimeUnit.SECONDS);
        runtime.deviceReady().get(60, TimeUnit.SECONDS); // it boots after the core runs (decision 0031)
        aws = new AwsClients(runtime);
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopCore() {
        aws.close();
        runtime.close();
        scheduler.shutdownNow();
    }

    @BeforeEach
    void connect() throws Exception {
        session = new Session(Profile.localDefault());
        connection = new MqttConnection(session, runtime);
        pipeline = new MessagePipeline(PipelineLimits.defaults());
        connection.connect().get(60, TimeUnit.SECONDS);
        PaneContext ctx = new PaneContext(new FxSession(session, Runnable::run), connection, pipeline, runtime, aws,
                Runnable::run, scheduler);
        vm = new ShadowViewModel(ctx);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        vm.dispose();
        connection.close();
        pipeline.close();
    }

    /** The shadow client over HTTPS with the session's profile. */
    private HttpsShadowClient httpsClient() {
        return new HttpsShadowClient(() -> {
            try {
                return aws.data(session.profile());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Runnable::run);
    }

    private static void waitFor(String what, BooleanSupplier c) {
        Wait.until(what, c);
    }

    @Test
    void theTimelineExportedWhilePresentingHoldsNoSecret() throws Exception {
        vm.refresh().get(60, TimeUnit.SECONDS);
        String password = "s3cretPass99";
        String secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        vm.setField(ShadowViewModel.Section.DESIRED, "note", TextNode.valueOf("wifi connect DemoNet " + password))
                .get(60, TimeUnit.SECONDS);
        vm.setField(ShadowViewModel.Section.DESIRED, "secretAccessKey", TextNode.valueOf(secretKey))
                .get(60, TimeUnit.SECONDS);
        waitFor("both versions in the timeline", () -> vm.timeline().stream()
                .anyMatch(e -> e.changes().contains("desired.secretAccessKey")));
        session.redactor().setPresenterMode(true);
        Path out = dir.resolve("timeline-presenter.ndjson");
        vm.exportTimeline(out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).isNotEmpty().noneMatch(l -> l.contains(password) || l.contains(secretKey));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String l : lines) {
            assertThat(json.readTree(l).path("version").asLong()).as("still JSON").isPositive();
        }
        session.redactor().setPresenterMode(false);
        vm.exportTimeline(out);
        assertThat(Files.readString(out)).as("outside presenter mode: Wi-Fi password and secret-named fields masked")
                .doesNotContain(password, secretKey).contains("wifi connect DemoNet ••••");
        // the class shares one shadow: take the two fields out again (null deletes), or they stay in every delta
        vm.setField(ShadowViewModel.Section.DESIRED, "note", com.fasterxml.jackson.databind.node.NullNode.instance)
                .get(60, TimeUnit.SECONDS);
        vm.setField(ShadowViewModel.Section.DESIRED, "secretAccessKey",
                com.fasterxml.jackson.databind.node.NullNode.instance).get(60, TimeUnit.SECONDS);
        waitFor("the two fields deleted", () -> vm.documentProperty().get() != null
                && vm.documentProperty().get().at("/state/desired/secretAccessKey").isMissingNode()
                && vm.documentProperty().get().at("/state/desired/note").isMissingNode());
    }

    @Test
    void settingDesiredLedBlueMakesTheDeviceReportBlueTheDeltaEmptyAndTheTimelineShowBothVersions() throws Exception {
        vm.refresh().get(60, TimeUnit.SECONDS);
        waitFor("reported led loaded", () -> vm.documentProperty().get() != null
                && vm.documentProperty().get().at("/state/reported/led").isTextual());
        assertThat(vm.controls()).extracting(ControlSpec::field).contains("led");
        long before = vm.documentProperty().get().path("version").asLong();
        vm.setField(ShadowViewModel.Section.DESIRED, "led", TextNode.valueOf("blue")).get(60, TimeUnit.SECONDS);
        waitFor("device reports blue", () -> vm.documentProperty().get() != null
                && "blue".equals(vm.documentProperty().get().at("/state/reported/led").asText()));
        waitFor("delta empty", () -> vm.documentProperty().get().at("/state/delta").isMissingNode());
        assertThat(vm.deltaViewProperty().get().text()).contains("in sync");
        waitFor("timeline has the desired and reported versions", () -> vm.timeline().stream()
                .anyMatch(e -> e.changes().contains("desired.led")));
        waitFor("the device's reported led in the timeline", () -> vm.timeline().stream()
                .anyMatch(e -> e.changes().contains("reported.led")));
        assertThat(vm.timeline().get(vm.timeline().size() - 1).version()).isGreaterThan(before);
        var first = vm.timeline().get(0);
        var last = vm.timeline().get(vm.timeline().size() - 1);
        assertThat(vm.diff(first, last)).anyMatch(l -> l.startsWith("desired.led"));
        Path out = dir.resolve("timeline.ndjson");
        vm.exportTimeline(out);
        assertThat(Files.readAllLines(out)).hasSameSizeAs(vm.timeline()).allMatch(l -> l.startsWith("{\"version\""));
    }

    @Test
    void aStaleVersionShowsTheConflictAndReapplyingOnTopSucceeds() throws Exception {
        connection.disconnect().get(60, TimeUnit.SECONDS);
        session.setThingName("conflict_thing");
        vm.setField(ShadowViewModel.Section.DESIRED, "mode", TextNode.valueOf("eco")).get(60, TimeUnit.SECONDS);
        // the accepted update starts a reload; a load of our own supersedes it (same lane), so v1 is what stays shown
        // and no late answer can show the other client's v2 before we send
        vm.load().get(60, TimeUnit.SECONDS);
        waitFor("loaded v1", () -> vm.documentProperty().get() != null);
        long loaded = vm.documentProperty().get().path("version").asLong();
        var other = httpsClient();
        other.update("conflict_thing", "", ShadowJson.parseObject("{\"state\":{\"desired\":{\"mode\":\"boost\"}}}"))
                .get(60, TimeUnit.SECONDS);
        vm.editorTextProperty().set("{\"mode\": \"quiet\"}");
        var r = vm.send().get(60, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(409);
        waitFor("server document shown", () -> vm.conflictServerDocumentProperty().get() != null);
        assertThat(vm.conflictServerDocumentProperty().get().at("/state/desired/mode").asText()).isEqualTo("boost");
        assertThat(vm.messageProperty().get()).contains("409 Version conflict");
        var again = vm.reapplyOnTop().get(60, TimeUnit.SECONDS);
        assertThat(again.ok()).isTrue();
        assertThat(again.document().path("version").asLong()).isEqualTo(loaded + 2);
        waitFor("quiet shown", () -> "quiet".equals(vm.documentProperty().get().at("/state/desired/mode").asText()));
        assertThat(vm.conflictServerDocumentProperty().get()).isNull();
    }

    @Test
    void invalidJsonAndDocumentsOverTheLimitsAreBlockedBeforeSending() throws Exception {
        session.setThingName("limits_thing");
        vm.editorTextProperty().set("{\"led\": }");
        assertThat(vm.send().get(60, TimeUnit.SECONDS)).isNull();
        assertThat(vm.problems()).singleElement().asString().contains("line 1, column");
        vm.editorTextProperty().set("{\"blob\": \"" + "x".repeat(9000) + "\"}");
        assertThat(vm.send().get(60, TimeUnit.SECONDS)).isNull();
        assertThat(vm.problems()).anyMatch(p -> p.message().contains("8192"));
        vm.editorTextProperty().set("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":1}}}}}}}");
        assertThat(vm.send().get(60, TimeUnit.SECONDS)).isNull();
        assertThat(vm.problems()).anyMatch(p -> p.path().equals("desired.a.b.c.d.e.f"));
        assertThat(vm.messageProperty().get()).startsWith("Not sent");
        var got = aws.data(session.profile());
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> got.getThingShadow(r -> r.thingName("limits_thing"))))
                .as("nothing reached the service").isNotNull();
    }

    @Test
    void namedShadowsAreCreatedListedAndDeleted() throws Exception {
        session.setThingName("named_thing");
        vm.createNamedShadow("config").get(60, TimeUnit.SECONDS);
        waitFor("selected", () -> "config".equals(vm.shadowNameProperty().get()));
        vm.refresh().get(60, TimeUnit.SECONDS);
        waitFor("listed", () -> vm.shadowNames().contains("config"));
        assertThat(vm.shadowNames()).startsWith("");
        vm.deleteShadow().get(60, TimeUnit.SECONDS);
        waitFor("gone", () -> !vm.shadowNames().contains("config"));
        assertThat(runtime.ready().get().shadows().listNamedShadows("named_thing")).isEmpty();
    }

    @Test
    void aShadowThatAppearsAfterTheLoadClearsTheNotFoundMessage() throws Exception {
        session.setThingName("late_thing");
        vm.load().get(60, TimeUnit.SECONDS);
        assertThat(vm.messageProperty().get()).contains("No shadow exists");
        var https = httpsClient();
        var report = ShadowJson.parseObject("{\"state\":{\"reported\":{\"led\":\"red\"}}}");
        assertThat(https.update("late_thing", "", report).get(60, TimeUnit.SECONDS).ok()).isTrue();
        waitFor("the report shown", () -> vm.headerProperty().get().contains("version 1"));
        assertThat(vm.messageProperty().get()).doesNotContain("No shadow exists");
    }

    @Test
    void mqttAndHttpsClientsGiveTheSameDocuments() throws Exception {
        var https = httpsClient();
        try (var mqtt = new MqttShadowClient(connection, https, scheduler, Duration.ofSeconds(10))) {
            var update = ShadowJson.parseObject("{\"state\":{\"reported\":{\"fw\":\"2.0\",\"on\":true}}}");
            assertThat(mqtt.update("same_thing", "", update).get(60, TimeUnit.SECONDS).ok()).isTrue();
            JsonNode viaMqtt = mqtt.get("same_thing", "").get(60, TimeUnit.SECONDS).document();
            JsonNode viaHttps = https.get("same_thing", "").get(60, TimeUnit.SECONDS).document();
            assertThat(viaHttps.get("state")).isEqualTo(viaMqtt.get("state"));
            assertThat(viaHttps.get("version")).isEqualTo(viaMqtt.get("version"));
            var missing = mqtt.get("same_thing", "nope").get(60, TimeUnit.SECONDS);
            var missingHttps = https.get("same_thing", "nope").get(60, TimeUnit.SECONDS);
            assertThat(missing.status()).isEqualTo(404).isEqualTo(missingHttps.status());
            assertThat(missing.message()).isEqualTo(missingHttps.message());
        }
    }

    @Test
    void whenDisconnectedTheViewModelUsesHttps() throws Exception {
        connection.disconnect().get(60, TimeUnit.SECONDS);
        assertThat(session.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(vm.transportProperty().get()).isEqualTo("over HTTPS");
        session.setThingName("offline_thing");
        vm.setField(ShadowViewModel.Section.REPORTED, "temp", com.fasterxml.jackson.databind.node.IntNode.valueOf(21))
                .get(60, TimeUnit.SECONDS);
        waitFor("loaded over https", () -> vm.documentProperty().get() != null
                && vm.documentProperty().get().at("/state/reported/temp").asInt() == 21);
        assertThat(vm.rows()).isEmpty();
        vm.sectionProperty().set(ShadowViewModel.Section.REPORTED);
        vm.load().get(60, TimeUnit.SECONDS);
        assertThat(vm.rows()).extracting(KeyValueRow::path).containsExactly("temp");
    }
}
