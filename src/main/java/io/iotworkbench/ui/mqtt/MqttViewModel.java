package io.iotworkbench.ui.mqtt;

import io.iotworkbench.concurrent.AlignedTicks;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.mqtt.MessageExport;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MessageRecording;
import io.iotworkbench.mqtt.MessageRedaction;
import io.iotworkbench.mqtt.ThingSubscriptions;
import io.iotworkbench.recording.SessionReplay;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.mqtt.TopicSnapshot;
import io.iotworkbench.ui.common.FxPump;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.PaneTasks;
import io.iotworkbench.ui.common.PaneViewModel;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;

/**
 * View model of the MQTT pane: subscriptions, the live topic tree, the messages and payload of the selected topic or
 * subtree, charts, publish, pause/resume, clear, export, record and replay, and a status line. Everything high-rate
 * arrives through {@link FxPump}s (one per stream: topic changes, watched messages, each chart series) signalled by
 * the pipeline after each aggregated batch; the status line refreshes twice a second.
 *
 * <p>FX thread; file work, replays and policy checks run as {@link PaneTasks} (file work on a private I/O thread)
 * and report back through the FX executor; their outcome lands in the notice. Testable without a toolkit by giving a
 * PaneContext with {@code Runnable::run}.
 */
public final class MqttViewModel extends PaneViewModel {

    private static final int TREE_BATCH = 2_000;
    /**
     * The topic tree's counts, rates and last values change at most 5 times a second and the message table scrolls at
     * most 10 times a second: nobody reads a counter at 60 Hz, and each tree batch re-lays out the visible rows it
     * changes, which at 60 Hz was most of each pulse (decision 0028). Changed topics coalesce in the pipeline in
     * between; a click on a topic still fills the table at once.
     */
    static final long TREE_INTERVAL_NANOS = 200_000_000L;
    static final long MESSAGES_INTERVAL_NANOS = 100_000_000L;

    private final PaneContext context;
    private final MqttConnection connection;
    private final MessagePipeline pipeline;
    private final PumpGroup pumps;
    private final SubscriptionsModel subscriptions;
    private final TopicTreeModel tree = new TopicTreeModel();
    private final MessagesModel messages;
    private final ChartModel chart;
    private final PublishModel publish;
    private final FxPump<TopicSnapshot> treePump;
    private final FxPump<ReceivedMessage> messagePump;
    private final ExecutorService io;
    private final PaneTasks tasks;
    static final int QUIET_STATUS_TICKS = 2;
    private final ScheduledFuture<?> statusTimer;
    /** The figures the status timer saw last, and its ticks since they last moved; status timer's thread only. */
    private MessagePipeline.Stats statusSeen;
    private int quietStatusTicks;
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper recording = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper statusTick = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper publishPolicyWarning = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper subscribePolicyWarning = new ReadOnlyStringWrapper("");
    private volatile io.iotworkbench.localcore.policy.PolicySimulator simulatorOverride;
    private PolicyCheck publishCheck;
    private PolicyCheck subscribeCheck;
    private String selectedPath;
    private MessageRecording.Recorder recorder;
    private SessionReplay replay;

    public MqttViewModel(PaneContext context) {
        this(context, MessagesModel.DEFAULT_CAPACITY, ChartModel.DEFAULT_MAX_POINTS);
    }

    public MqttViewModel(PaneContext context, int messageCapacity, int chartPoints) {
        super(context.fxSession());
        this.context = context;
        this.connection = context.connection();
        this.pipeline = context.pipeline();
        this.pumps = new PumpGroup(context.fxExecutor(), context.scheduler());
        this.subscriptions = new SubscriptionsModel(connection, () -> session().profile().kind(),
                context.fxExecutor());
        this.messages = new MessagesModel(pipeline, messageCapacity);
        this.chart = new ChartModel(pipeline, pumps, chartPoints, System::currentTimeMillis);
        this.publish = new PublishModel(connection, () -> session().thingName(), context.fxExecutor(),
                context.scheduler());
        this.io = Executors.newSingleThreadExecutor(DaemonThreads.named("mqtt-pane-io"));
        this.tasks = useTasks(PaneTasks.create(io, null, context.fxExecutor(), MqttViewModel::explain));
        tasks.onMessage((text, isError) -> notice.set(text));
        tree.apply(pipeline.allTopics());
        pipeline.changes().drainTo(new ArrayList<>(), Integer.MAX_VALUE);
        this.treePump = pumps.start(pipeline.changes(), this::applyTopics, TREE_BATCH, TREE_INTERVAL_NANOS);
        this.messagePump = pumps.start(pipeline.watched(), this::applyMessages, pipeline.limits().watchCapacity(),
                MESSAGES_INTERVAL_NANOS);
        pipeline.addChangeListener(pumps::signalAll);
        // on the window's shared second, with the status bar's tick (decision 0029)
        this.statusTimer = AlignedTicks.everyWindowSecond(context.scheduler(), session().clock(),
                this::statusTimerTick);
        startPolicyChecks();
        publish.topicProperty().set("$aws/things/" + session().thingName() + "/shadow/update");
        context.fxSession().thingNameProperty().addListener((o, from, to) -> {
            String topic = publish.topicProperty().get();
            if (from != null && to != null && !from.isEmpty() && !to.isEmpty()) {
                subscriptions.followThing(from, to);
            }
            if (topic != null && from != null && to != null && !to.isEmpty()) {
                ThingSubscriptions.retarget(topic, from, to).ifPresent(publish.topicProperty()::set);
            }
        });
    }

    /** The Local IoT Core's policy simulator answers, as the user types, whether a publish or subscribe would pass. */
    private void startPolicyChecks() {
        java.util.function.Supplier<io.iotworkbench.localcore.policy.PolicySimulator> simulator = () -> {
            if (simulatorOverride != null) {
                return simulatorOverride;
            }
            io.iotworkbench.localcore.LocalIoTCore core = context.localCore().ready().getNow(null);
            return core == null ? null : core.policySimulator();
        };
        publishCheck = new PolicyCheck(() -> session().profile(), simulator, tasks, "publish-policy");
        subscribeCheck = new PolicyCheck(() -> session().profile(), simulator, tasks, "subscribe-policy");
        publish.topicProperty().addListener((o, a, b) -> checkPublish());
        publish.retainProperty().addListener((o, a, b) -> checkPublish());
    }

    private void checkPublish() {
        String topic = publish.topicProperty().get() == null ? "" : publish.topicProperty().get().strip();
        publishCheck.ask(publish.retainProperty().get() ? List.of("iot:Publish", "iot:RetainPublish")
                : List.of("iot:Publish"), topic.isEmpty() ? null : "topic/" + topic, "publish",
                publishPolicyWarning::set);
    }

    /** Asks whether subscribing to {@code filter} would be allowed; the answer comes in the warning property. */
    public void checkSubscribe(String filter) {
        String f = filter == null ? "" : filter.strip();
        subscribeCheck.ask(List.of("iot:Subscribe"), f.isEmpty() ? null : "topicfilter/" + f, "subscription",
                subscribePolicyWarning::set);
    }

    /** "" or why the Local IoT Core's policy would deny the publish form's message (the user may still send it). */
    public ReadOnlyStringProperty publishPolicyWarningProperty() {
        return publishPolicyWarning.getReadOnlyProperty();
    }

    /** "" or why the Local IoT Core's policy would deny the subscription being typed. */
    public ReadOnlyStringProperty subscribePolicyWarningProperty() {
        return subscribePolicyWarning.getReadOnlyProperty();
    }

    /** Tests: answer policy questions with {@code simulator} instead of the running core's. */
    void simulateWith(io.iotworkbench.localcore.policy.PolicySimulator simulator) {
        this.simulatorOverride = simulator;
        checkPublish();
    }

    @Override
    public String title() {
        return "MQTT";
    }

    @Override
    public String purpose() {
        return "Explore live MQTT traffic as a topic tree, inspect payloads, publish and chart values.";
    }

    @Override
    public List<String> capabilities() {
        return List.of(
                "Subscriptions with QoS 0/1, colours and per-filter enable",
                "A live topic tree with counts, rates and last values that stays responsive under load",
                "Payload views (JSON, hex, text, base64, diff), publish with templates and history, charts",
                "Pause, clear, export (NDJSON/CSV), record and replay");
    }

    public SubscriptionsModel subscriptions() {
        return subscriptions;
    }

    public TopicTreeModel tree() {
        return tree;
    }

    public MessagesModel messages() {
        return messages;
    }

    public ChartModel chart() {
        return chart;
    }

    public PublishModel publish() {
        return publish;
    }

    public MessagePipeline pipeline() {
        return pipeline;
    }

    public FxPump<TopicSnapshot> treePump() {
        return treePump;
    }

    public FxPump<ReceivedMessage> messagePump() {
        return messagePump;
    }

    /** msgs/s, topics, kept, dropped (and "paused"). */
    /**
     * Counts the status refreshes (twice a second, whether or not the status text changed): the view turns topic
     * highlights off on it, so a highlight never outlives the traffic that lit it.
     */
    public ReadOnlyLongProperty statusTickProperty() {
        return statusTick.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The outcome of the last pane command (export, record, replay, delete retained). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty recordingProperty() {
        return recording.getReadOnlyProperty();
    }

    private void applyTopics(List<TopicSnapshot> batch) {
        if (!paused.get()) {
            tree.apply(batch);
        }
    }

    private void applyMessages(List<ReceivedMessage> batch) {
        if (!paused.get() && selectedPath != null) {
            messages.append(batch);
        }
    }

    /** Shows the messages of the topic or subtree at {@code path} (null for none). */
    public void select(String path) {
        selectedPath = path;
        messages.setAll(pipeline.watch(path));
    }

    public String selectedPath() {
        return selectedPath;
    }

    /** Stops updating the tree and the table; the pipeline keeps counting and keeping messages. */
    public void pause() {
        paused.set(true);
        refreshStatus();
    }

    /** Catches up with everything that happened while paused. */
    public void resume() {
        paused.set(false);
        tree.apply(pipeline.allTopics());
        if (selectedPath != null) {
            messages.setAll(pipeline.watch(selectedPath));
        }
        refreshStatus();
    }

    /** Forgets every message and topic (the subscriptions stay). */
    public void clear() {
        pipeline.clear();
        pipeline.changes().drainTo(new ArrayList<>(), Integer.MAX_VALUE);
        tree.clear();
        messages.clear();
        chart.clear();
        selectedPath = null;
        pipeline.watch(null);
        refreshStatus();
    }

    /**
     * The status timer's tick (scheduler thread): posts a status refresh to the FX thread only while the figures move,
     * and for {@value #QUIET_STATUS_TICKS} ticks after they stopped (the topic tree's activity highlight of 1.5 s must
     * still fade). An idle pane then posts nothing, so the FX thread can sleep (decision 0025).
     */
    boolean statusTimerTick() {
        MessagePipeline.Stats s = pipeline.stats();
        MessagePipeline.Stats seen = statusSeen;
        boolean moved = seen == null || s.received() != seen.received() || s.dropped() != seen.dropped()
                || s.topics() != seen.topics() || s.keptMessages() != seen.keptMessages()
                || Math.round(s.messagesPerSecond()) != Math.round(seen.messagesPerSecond());
        statusSeen = s;
        quietStatusTicks = moved ? 0 : Math.min(quietStatusTicks + 1, QUIET_STATUS_TICKS + 1);
        if (quietStatusTicks > QUIET_STATUS_TICKS) {
            return false;
        }
        context.fxExecutor().execute(this::refreshStatus);
        return true;
    }

    public void refreshStatus() {
        MessagePipeline.Stats s = pipeline.stats();
        status.set(String.format(Locale.ROOT, "%,.0f msgs/s · %,d topics · %,d kept · %,d dropped · %,d received%s",
                s.messagesPerSecond(), s.topics(), s.keptMessages(), s.dropped(), s.received(),
                paused.get() ? " · paused" : ""));
        statusTick.set(statusTick.get() + 1);
    }

    /** Writes the table's messages ({@code visibleOnly}) or every kept message to {@code file}. */
    public CompletableFuture<Long> export(Path file, MessageExport.Format format, boolean visibleOnly) {
        List<ReceivedMessage> all = visibleOnly ? List.copyOf(messages.rows()) : pipeline.history("", true);
        io.iotworkbench.diagnostics.Redactor redactor = session().redactor();
        return onIo(() -> {
            List<ReceivedMessage> chosen = redactor.isPresenterMode() ? all.stream().map(m -> shown(m, redactor))
                    .toList() : all;
            try {
                MessageExport.write(file, chosen, format);
                return (long) chosen.size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, n -> "Exported " + n + " messages to " + file + ".", "Export failed");
    }

    /** {@code m} with what presenter mode hides masked in its topic and (UTF-8 text) payload. */
    static ReceivedMessage shown(ReceivedMessage m, io.iotworkbench.diagnostics.Redactor redactor) {
        return MessageRedaction.shown(m, redactor);
    }

    /** Starts writing every received message to {@code file} (NDJSON, replayable; masked while presenting). */
    public boolean startRecording(Path file) {
        if (recorder != null) {
            notice.set("Already recording.");
            return false;
        }
        try {
            io.iotworkbench.diagnostics.Redactor redactor = session().redactor();
            recorder = MessageRecording.record(pipeline, file,
                    m -> MessageRedaction.whilePresenting(m, redactor));
            recording.set(true);
            notice.set("Recording to " + file + ".");
            return true;
        } catch (IOException e) {
            notice.set("Cannot record to " + file + ": " + e.getMessage());
            return false;
        }
    }

    public void stopRecording() {
        if (recorder == null) {
            return;
        }
        MessageRecording.Recorder r = recorder;
        recorder = null;
        recording.set(false);
        long written = r.written();
        onIo(() -> {
            try {
                r.close();
                return written;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, n -> "Recorded " + n + " messages.", "Recording failed");
    }

    /** Replays a recording into the view; {@code speed} 1 at the recorded pace, higher faster, 0 at once. */
    public CompletableFuture<Long> replay(Path file, double speed) {
        if (replay != null) {
            replay.cancel();
        }
        notice.set("Replaying " + file.getFileName() + (speed <= 0 ? " as fast as possible" : " at " + speed + "×")
                + "…");
        replay = SessionReplay.start(file, speed, e -> {
            if (e.isMessage()) {
                pipeline.offer(e.origin(), e.payload(), e.qos(), e.retained(), false);
            }
        });
        return report(replay.done(), n -> "Replayed " + n + " events.", "Replay failed");
    }

    public void cancelReplay() {
        if (replay != null) {
            replay.cancel();
        }
    }

    /** Deletes the retained message of a topic (publishes an empty retained message). */
    public CompletableFuture<Void> deleteRetained(String topic) {
        return publish.deleteRetained(topic);
    }

    private <T> CompletableFuture<T> onIo(java.util.function.Supplier<T> work,
                                          java.util.function.Function<T, String> success, String failure) {
        return tasks.run(null, failure, work::get, v -> tasks.info(success.apply(v)));
    }

    private <T> CompletableFuture<T> report(CompletableFuture<T> f, java.util.function.Function<T, String> success,
                                            String failure) {
        return tasks.await(null, null, failure, () -> f, v -> tasks.info(success.apply(v)));
    }

    static String explain(Throwable e) {
        return e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    }

    /** Stops pumps, timers, recording and replay. */
    @Override
    public void dispose() {
        statusTimer.cancel(false);
        pumps.stopAll();
        publish.stopRepeat();
        cancelReplay();
        stopRecording();
        pipeline.watch(null);
        tasks.dispose();
        io.shutdown();
    }
}
