package io.iotworkbench.ui.mqtt;

import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.mqtt.MessageExport;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.PipelineLimits;
import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.mqtt.Subscription;
import io.iotworkbench.mqtt.TopicSnapshot;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.session.Session;
import io.iotworkbench.testsupport.Wait;
import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneContext;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The MQTT pane's view models without a toolkit: the FX executor runs inline, on the pump's thread. */
@Tag("integration")
class MqttViewModelTest {

    @TempDir
    Path dir;

    private final Session session = new Session(Profile.localDefault());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        scheduler.shutdownNow();
    }

    private MessagePipeline pipeline(PipelineLimits limits) {
        MessagePipeline p = new MessagePipeline(limits);
        closing.add(p);
        return p;
    }

    private MqttConnection connection() {
        LocalCoreRuntime runtime = new LocalCoreRuntime(dir.resolve("core"));
        MqttConnection c = new MqttConnection(session, runtime);
        closing.add(c);
        return c;
    }

    private PaneContext context(MessagePipeline pipeline) {
        LocalCoreRuntime runtime = new LocalCoreRuntime(dir.resolve("core"));
        return new PaneContext(new FxSession(session, Runnable::run), connection(), pipeline, runtime,
                new AwsClients(runtime), Runnable::run, scheduler);
    }

    private static TopicSnapshot snap(String path, long own) {
        int slash = path.lastIndexOf('/');
        return new TopicSnapshot(path, slash < 0 ? path : path.substring(slash + 1),
                slash < 0 ? "" : path.substring(0, slash), own, own, 1, null, 0, 0);
    }

    private static void await(BooleanSupplier condition) {
        Wait.until("the MQTT pane's models", condition);
    }

    @Test
    void subscriptionsAreValidatedAddedDisabledAndRemoved() {
        MqttConnection c = connection();
        SubscriptionsModel subs = new SubscriptionsModel(c, () -> ProfileKind.LOCAL, Runnable::run);
        assertThat(subs.add("  ", 1)).isFalse();
        assertThat(subs.messageProperty().get()).contains("Enter a topic filter");
        assertThat(subs.add("a/#/b", 1)).isFalse();
        assertThat(subs.messageProperty().get()).isNotBlank();
        assertThat(subs.rows()).isEmpty();

        assertThat(subs.add("sensors/+/temp", 0)).isTrue();
        assertThat(subs.rows()).extracting(SubscriptionRow::filter).containsExactly("sensors/+/temp");
        assertThat(c.subscriptions()).containsExactly(new Subscription("sensors/+/temp", 0));
        assertThat(subs.add("sensors/+/temp", 1)).isFalse();
        assertThat(subs.messageProperty().get()).contains("Already subscribed");

        SubscriptionRow row = subs.rows().get(0);
        assertThat(subs.colourOf("sensors/a/temp")).isEqualTo(row.colour());
        row.enabledProperty().set(false);
        assertThat(c.subscriptions()).isEmpty();
        assertThat(subs.rows()).hasSize(1);
        assertThat(subs.colourOf("sensors/a/temp")).isNull();
        row.enabledProperty().set(true);
        assertThat(c.subscriptions()).hasSize(1);

        c.subscribe(new Subscription("$aws/things/wm_demo_1/shadow/#", 1));
        assertThat(subs.rows()).extracting(SubscriptionRow::filter)
                .containsExactly("sensors/+/temp", "$aws/things/wm_demo_1/shadow/#");
        assertThat(subs.rows().get(0).colour()).isNotEqualTo(subs.rows().get(1).colour());

        subs.remove(row);
        assertThat(subs.rows()).hasSize(1);
        assertThat(c.subscriptions()).extracting(Subscription::filter)
                .containsExactly("$aws/things/wm_demo_1/shadow/#");
    }

    @Test
    void hashIsRefusedOnAwsProfiles() {
        SubscriptionsModel aws = new SubscriptionsModel(connection(), () -> ProfileKind.AWS, Runnable::run);
        assertThat(aws.add("#", 0)).isFalse();
        assertThat(aws.messageProperty().get()).contains("every message of the account");
        SubscriptionsModel local = new SubscriptionsModel(connection(), () -> ProfileKind.LOCAL, Runnable::run);
        assertThat(local.add("#", 0)).isTrue();
    }

    @Test
    void treeItemsKeepValueChangesFromTheViewButNotNewChildren() {
        TopicTreeModel tree = new TopicTreeModel();
        tree.apply(List.of(snap("a/b", 1)));
        List<String> heard = new ArrayList<>();
        tree.root().addEventHandler(TreeItem.<TopicSnapshot>treeNotificationEvent(),
                e -> heard.add(e.getEventType().getName()));
        List<TopicSnapshot> followed = new ArrayList<>();
        tree.item("a/b").valueProperty().addListener((o, old, now) -> followed.add(now));

        tree.apply(List.of(snap("a/b", 2)));
        assertThat(heard).as("a new snapshot does not rebuild the view's cells").isEmpty();
        assertThat(followed).extracting(TopicSnapshot::ownMessages).containsExactly(2L);

        tree.apply(List.of(snap("a/c", 1)));
        assertThat(heard).as("a new topic still reaches the view").isNotEmpty();
    }

    @Test
    void treeBatchesMakePlaceholderParentsSortChildrenAndUpdateInPlace() {
        TopicTreeModel tree = new TopicTreeModel();
        tree.apply(List.of(snap("a/z/leaf", 1), snap("a/b", 2)));
        TreeItem<TopicSnapshot> a = tree.item("a");
        assertThat(a).as("placeholder parent").isNotNull();
        assertThat(a.getValue().ownMessages()).isZero();
        assertThat(a.getChildren()).extracting(i -> i.getValue().name()).containsExactly("b", "z");

        TreeItem<TopicSnapshot> b = tree.item("a/b");
        tree.apply(List.of(snap("a", 5), snap("a/b", 3), snap("a/m", 1)));
        assertThat(tree.item("a")).isSameAs(a);
        assertThat(a.getValue().ownMessages()).isEqualTo(5);
        assertThat(tree.item("a/b")).isSameAs(b);
        assertThat(b.getValue().ownMessages()).isEqualTo(3);
        assertThat(a.getChildren()).extracting(i -> i.getValue().name()).containsExactly("b", "m", "z");
        assertThat(tree.size()).isEqualTo(5);

        tree.apply(List.of(snap("a/y", 1), snap("a/c", 1), snap("a/zz", 1), snap("a/a", 1), snap("a/n", 1),
                snap("a/c/deep", 1)));
        assertThat(a.getChildren()).extracting(i -> i.getValue().name())
                .containsExactly("a", "b", "c", "m", "n", "y", "z", "zz");
        assertThat(tree.item("a/c").getChildren()).extracting(i -> i.getValue().path()).containsExactly("a/c/deep");
        assertThat(tree.item("a/b")).isSameAs(b);

        tree.setFilter("LEAF");
        assertThat(tree.filtered()).extracting(TopicSnapshot::path).containsExactly("a/z/leaf");
        tree.apply(List.of(snap("c/leaf2", 1)));
        assertThat(tree.filtered()).extracting(TopicSnapshot::path).containsExactly("a/z/leaf", "c/leaf2");
        tree.clear();
        assertThat(tree.size()).isZero();
        assertThat(tree.root().getChildren()).isEmpty();
    }

    @Test
    void messageTableKeepsTheNewestUpToItsCapacity() {
        MessagesModel model = new MessagesModel(pipeline(PipelineLimits.defaults()), 100);
        long seq = 0;
        for (int batch = 0; batch < 30; batch++) {
            List<ReceivedMessage> b = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                seq++;
                b.add(ReceivedMessage.of(seq, "t", ("" + seq).getBytes(StandardCharsets.UTF_8), 0, false, false,
                        seq, 1024));
            }
            model.append(b);
            assertThat(model.rows().size()).isLessThanOrEqualTo(100);
        }
        assertThat(model.rows()).hasSize(100);
        assertThat(model.rows().get(99).sequence()).isEqualTo(210);
        assertThat(model.rows().get(0).sequence()).isEqualTo(111);
    }

    @Test
    void payloadViewsAndDiffAgainstThePreviousMessageOfTheSameTopic() throws Exception {
        MessagePipeline p = pipeline(PipelineLimits.defaults());
        p.offer("dev/state", "{\"t\":21,\"led\":\"red\"}".getBytes(StandardCharsets.UTF_8), 1, false, false);
        p.offer("dev/other", "{\"t\":99}".getBytes(StandardCharsets.UTF_8), 1, false, false);
        p.offer("dev/state", "{\"t\":22,\"led\":\"red\",\"new\":true}".getBytes(StandardCharsets.UTF_8), 1, true,
                false);
        await(() -> p.stats().processed() == 3);
        MessagesModel model = new MessagesModel(p, 100);
        List<ReceivedMessage> history = p.history("dev/state", false);
        model.selectedProperty().set(history.get(history.size() - 1));
        assertThat(model.diffProperty().get()).contains("~ t: 21 → 22", "+ new = true").doesNotContain("99");
        assertThat(model.jsonProperty().get().text()).contains("\"led\": \"red\"");
        assertThat(model.jsonProperty().get().linePointers()).contains("/t", "/led", "/new");
        assertThat(model.hexProperty().get()).startsWith("00000000");
        assertThat(model.infoProperty().get()).contains("dev/state", "retained");
        model.selectedProperty().set(history.get(0));
        assertThat(model.diffProperty().get()).contains("No earlier message");

        p.offer("bin", new byte[] {0, 1, 2, (byte) 0xff}, 0, false, false);
        await(() -> p.stats().processed() == 4);
        model.selectedProperty().set(p.history("bin", false).get(0));
        assertThat(model.jsonProperty().get()).isNull();
        assertThat(model.base64Property().get()).isEqualTo("AAEC/w==");
    }

    @Test
    void chartSeriesAreBoundedAndFollowTheirField() throws Exception {
        MessagePipeline p = pipeline(PipelineLimits.defaults());
        PumpGroup pumps = new PumpGroup(Runnable::run, scheduler);
        p.addChangeListener(pumps::signalAll);
        ChartModel chart = new ChartModel(p, pumps, 50, System::currentTimeMillis);
        assertThat(chart.add("dev/+/x", "")).isFalse();
        assertThat(chart.add("dev/t", "state/t")).isFalse();
        assertThat(chart.messageProperty().get()).contains("starts with '/'");
        assertThat(chart.add("dev/t", "/state/t")).isTrue();
        assertThat(chart.add("dev/n", "")).isTrue();
        assertThat(chart.add("dev/n", "")).isFalse();
        for (int i = 1; i <= 500; i++) {
            p.offer("dev/t", ("{\"state\":{\"t\":\"" + i + "\"}}").getBytes(StandardCharsets.UTF_8), 0, false,
                    false);
            p.offer("dev/n", Integer.toString(-i).getBytes(StandardCharsets.UTF_8), 0, false, false);
        }
        var t = chart.series().get(0);
        var n = chart.series().get(1);
        // the pumps apply on the scheduler's thread: read the series there too
        await(() -> onScheduler(() -> lastY(t) == 500 && lastY(n) == -500));
        assertThat(onScheduler(() -> List.of(t.getData().size(), n.getData().size()))).containsExactly(50, 50);
        assertThat(onScheduler(() -> t.getData().get(0).getYValue().doubleValue())).isEqualTo(451);
        chart.remove(t);
        assertThat(chart.series()).containsExactly(n);
    }

    private static double lastY(javafx.scene.chart.XYChart.Series<Number, Number> s) {
        var data = new ArrayList<>(s.getData());
        return data.isEmpty() ? Double.NaN : data.get(data.size() - 1).getYValue().doubleValue();
    }

    @Test
    void publishValidatesTopicJsonAndSizeAndFormats() {
        PublishModel p = new PublishModel(connection(), () -> "wm_demo_1", Runnable::run, scheduler);
        p.topicProperty().set("a/+/b");
        assertThat(p.problemProperty().get()).isNotBlank();
        p.topicProperty().set("$aws/things/wm_demo_1/shadow/update");
        p.payloadProperty().set("{\n  \"state\": {\"desired\": {\"led\": blue}}\n}");
        assertThat(p.problemProperty().get()).contains("Invalid JSON at line 2, column");
        assertThat(p.format()).isFalse();
        p.payloadProperty().set("x".repeat(128 * 1024 + 1));
        assertThat(p.problemProperty().get()).contains("128");
        p.payloadProperty().set("plain text is fine");
        assertThat(p.problemProperty().get()).isEmpty();
        p.payloadProperty().set("{\"state\":{\"desired\":{\"led\":\"blue\"}}}");
        assertThat(p.check()).isEmpty();
        assertThat(p.format()).isTrue();
        assertThat(p.payloadProperty().get()).contains("\n").contains("\"led\" : \"blue\"");

        p.apply(PublishModel.TEMPLATES.stream().filter(t -> t.name().startsWith("Jobs")).findFirst().orElseThrow());
        assertThat(p.topicProperty().get()).isEqualTo("$aws/things/wm_demo_1/jobs/start-next");
        p.apply(PublishModel.TEMPLATES.stream().filter(t -> t.name().contains("blue")).findFirst().orElseThrow());
        assertThat(p.payloadProperty().get()).isEqualTo("{\"state\":{\"desired\":{\"led\":\"blue\"}}}");

        assertThat(p.publish()).isCompletedExceptionally();
        assertThat(p.resultProperty().get()).contains("Not published", "Not connected");
        assertThat(p.history()).hasSize(1);
        for (int i = 0; i < PublishModel.HISTORY_CAPACITY + 20; i++) {
            p.publish();
        }
        assertThat(p.history()).hasSize(PublishModel.HISTORY_CAPACITY);
        p.repeatMillisProperty().set(1);
        assertThat(p.startRepeat()).isFalse();
        assertThat(p.problemProperty().get()).contains("every 10 ms");
    }

    @Test
    void floodThroughTheViewModelsStaysWithinEveryBound() throws Exception {
        var fx = Executors.newSingleThreadExecutor();
        try {
            MessagePipeline p = pipeline(new PipelineLimits(20, 5_000, 1024, 2_000, 8_192, 1_000));
            LocalCoreRuntime runtime = new LocalCoreRuntime(dir.resolve("core"));
            PaneContext ctx = new PaneContext(new FxSession(session, Runnable::run), connection(), p, runtime,
                    new AwsClients(runtime), fx, scheduler);
            MqttViewModel vm = fx.submit(() -> new MqttViewModel(ctx, 300, 100)).get();
            fx.submit(() -> {
                vm.select("");
                vm.chart().add("flood/7", "");
            }).get();
            Thread[] producers = new Thread[2];
            for (int t = 0; t < producers.length; t++) {
                int id = t;
                producers[t] = new Thread(() -> {
                    for (int i = 0; i < 100_000; i++) {
                        p.offer("flood/" + (i % 3_000), Integer.toString(i).getBytes(StandardCharsets.UTF_8),
                                0, false, false);
                    }
                }, "producer-" + id);
                producers[t].start();
            }
            for (Thread t : producers) {
                t.join();
            }
            await(() -> p.stats().processed() + p.stats().inputDropped() >= 200_000);
            await(() -> vm.treePump().batchCount() > 0 && !vm.treePump().isPending()
                    && !vm.messagePump().isPending());
            await(() -> {
                try {
                    return fx.submit(() -> !vm.messages().rows().isEmpty()
                            && !vm.chart().series().get(0).getData().isEmpty()).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            fx.submit(() -> {
                assertThat(vm.messages().rows().size()).isLessThanOrEqualTo(300).isPositive();
                assertThat(vm.chart().series().get(0).getData().size()).isLessThanOrEqualTo(100).isPositive();
                assertThat(vm.tree().size()).isLessThanOrEqualTo(2_000 + 1).isGreaterThan(100);
                vm.refreshStatus();
                assertThat(vm.statusProperty().get()).contains("topics", "kept", "dropped");
            }).get();
            MessagePipeline.Stats s = p.stats();
            assertThat(s.keptMessages()).isLessThanOrEqualTo(5_000);
            assertThat(s.topicsRefused()).as("topics beyond the bound are counted").isPositive();
            assertThat(p.history("", true)).hasSizeLessThanOrEqualTo(5_000);
            assertThat(p.history("flood/7", false)).hasSizeLessThanOrEqualTo(20);
            assertThat(vm.treePump().applyTimes().count()).isPositive();

            Path file = dir.resolve("all.csv");
            long n = fx.submit(() -> vm.export(file, MessageExport.Format.CSV, false)).get().get(60, TimeUnit.SECONDS);
            assertThat(Files.readAllLines(file)).hasSize((int) n + 1).first().asString().startsWith("time,topic");

            fx.submit(() -> {
                vm.pause();
                assertThat(vm.statusProperty().get()).contains("paused");
                vm.clear();
                assertThat(vm.tree().size()).isZero();
                assertThat(vm.messages().rows()).isEmpty();
                vm.resume();
                vm.dispose();
            }).get();
        } finally {
            fx.shutdownNow();
        }
    }

    @Test
    void recordingReplaysIntoThePipeline() throws Exception {
        MessagePipeline p = pipeline(PipelineLimits.defaults());
        MqttViewModel vm = new MqttViewModel(context(p));
        Path file = dir.resolve("rec.ndjson");
        assertThat(vm.startRecording(file)).isTrue();
        assertThat(vm.recordingProperty().get()).isTrue();
        for (int i = 0; i < 10; i++) {
            p.offer("rec/" + i, ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8), 0, false, false);
        }
        // the aggregator applies the recorded messages on its own thread: let it finish before clearing
        await(() -> p.history("rec", true).size() == 10);
        vm.stopRecording();
        await(() -> vm.noticeProperty().get().startsWith("Recorded"));
        assertThat(vm.noticeProperty().get()).isEqualTo("Recorded 10 messages.");
        vm.clear();
        assertThat(vm.replay(file, 0).get(60, TimeUnit.SECONDS)).isEqualTo(10);
        // the replayed messages reach the history on the aggregator's thread: wait on the history itself
        await(() -> p.history("rec", true).size() >= 10);
        assertThat(p.history("rec", true)).hasSize(10);
        vm.dispose();
    }

    @Test
    void theLocalPolicySimulatorsDenialIsSaidBeforeSending() {
        MqttViewModel vm = new MqttViewModel(context(pipeline(PipelineLimits.defaults())));
        java.util.List<io.iotworkbench.localcore.policy.PolicySimulator.Question> asked =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        vm.simulateWith(q -> {
            asked.add(q);
            boolean deny = q.resource().contains("forbidden");
            return new io.iotworkbench.localcore.policy.AccessDecision(java.time.Instant.now(), null, q.clientId(),
                    q.thingName(), q.action(), q.resource(), deny
                    ? io.iotworkbench.localcore.policy.AccessDecision.Verdict.IMPLICIT_DENY
                    : io.iotworkbench.localcore.policy.AccessDecision.Verdict.ALLOWED, null, null, -1, null, null,
                    deny ? "no statement allowed it" : "allowed");
        });
        try {
            vm.publish().topicProperty().set("forbidden/x");
            await(() -> !vm.publishPolicyWarningProperty().get().isEmpty());
            assertThat(vm.publishPolicyWarningProperty().get()).isEqualTo("The Local IoT Core's policy would deny "
                    + "this publish (iot:Publish on topic/forbidden/x): no statement allowed it. You may still send "
                    + "it; see the Access tab for why.");
            assertThat(asked).anySatisfy(q -> {
                assertThat(q.thingName()).isEqualTo(io.iotworkbench.localcore.LocalCoreRuntime.APP_THING);
                assertThat(q.clientId()).isEqualTo(session.profile().clientId());
            });
            vm.publish().topicProperty().set("allowed/x");
            await(() -> vm.publishPolicyWarningProperty().get().isEmpty());

            vm.checkSubscribe("forbidden/#");
            await(() -> vm.subscribePolicyWarningProperty().get().contains("iot:Subscribe on topicfilter/forbidden/#"));
            vm.checkSubscribe("");
            await(() -> vm.subscribePolicyWarningProperty().get().isEmpty());

            session.selectProfile(Profile.newAws("prod"));
            vm.checkSubscribe("forbidden/#");
            assertThat(vm.subscribePolicyWarningProperty().get()).as("no local simulator for AWS").isEmpty();
        } finally {
            vm.dispose();
        }
    }

    @Test
    void anIdlePaneStopsPostingStatusRefreshesAndWakesWhenAMessageArrives() {
        MessagePipeline p = pipeline(PipelineLimits.defaults());
        MqttViewModel vm = new MqttViewModel(context(p));
        try {
            // nothing arrives: after a few quiet ticks the status timer posts nothing more to the FX thread
            await(() -> !onScheduler(vm::statusTimerTick));
            assertThat(onScheduler(vm::statusTimerTick)).as("still quiet").isFalse();
            p.offer("idle/wake", "1".getBytes(StandardCharsets.UTF_8), 0, false, false);
            await(() -> vm.statusProperty().get().contains("1 received"));
        } finally {
            vm.dispose();
        }
    }

    @Test
    void theTreeAndTheTableApplyAtReadableRatesNotEveryFrame() {
        MessagePipeline p = pipeline(PipelineLimits.defaults());
        MqttViewModel vm = new MqttViewModel(context(p));
        try {
            // batches are spaced at least one interval apart (FxPumpTest): 5 tree updates and 10 table updates a
            // second at most, so the pulses in between have nothing of the pane's to lay out (decision 0028)
            assertThat(vm.treePump().intervalNanos()).isEqualTo(MqttViewModel.TREE_INTERVAL_NANOS)
                    .isGreaterThanOrEqualTo(100_000_000L);
            assertThat(vm.messagePump().intervalNanos()).isEqualTo(MqttViewModel.MESSAGES_INTERVAL_NANOS)
                    .isGreaterThan(io.iotworkbench.ui.common.FxPump.DEFAULT_INTERVAL_NANOS);
            vm.select("rates");
            p.offer("rates/a", "1".getBytes(StandardCharsets.UTF_8), 0, false, false);
            await(() -> vm.tree().item("rates/a") != null && vm.messages().rows().size() == 1);
        } finally {
            vm.dispose();
        }
    }

    /** Runs {@code work} on the scheduler's thread, where the pane's status timer and these tests' pumps run. */
    private <T> T onScheduler(java.util.concurrent.Callable<T> work) {
        try {
            return scheduler.submit(work).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
