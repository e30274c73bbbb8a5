package io.iotworkbench.ui.serial;

import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.recording.SessionRecorder;
import io.iotworkbench.recording.SessionReplay;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.serial.timeline.TimelineEvent;
import io.iotworkbench.serial.timeline.TimelineMerger;
import io.iotworkbench.stream.BoundedBuffer;
import io.iotworkbench.ui.common.FxPump;
import io.iotworkbench.ui.common.PaneTasks;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The Serial pane's timeline: the lines of every open port and the MQTT messages of the session's thing (topics
 * under {@code $aws/things/<thing>/}: shadow, jobs and the rest) merged in one list by arrival time.
 *
 * <p>MQTT messages come from a recorder on the session's {@link MessagePipeline} (the MQTT pane's watch stays its
 * own); serial lines from the consoles' pipeline threads. Both only offer to one bounded buffer (the oldest events
 * are dropped and counted when it is full) and signal an {@link FxPump}; the FX thread merges each batch into the
 * bounded list ({@value #CAPACITY} events). Properties are for the FX thread.
 *
 * <p>It also records the whole session ({@link SessionRecorder}: every message of the pipeline and every port's
 * lines, written on its {@code session-recorder} thread; closing as a {@link PaneTasks} task on its {@code timeline-io}
 * thread) and replays one ({@link SessionReplay} on its {@code session-replay} thread: messages into the pipeline,
 * lines into the buffer; its end comes back through the same {@link PaneTasks}, a replaced replay's end dropped).
 */
public final class TimelineViewModel implements AutoCloseable {

    public static final int CAPACITY = 20_000;
    private static final String REPLAY = "replay";

    private final MessagePipeline pipeline;
    private final BoundedBuffer<TimelineEvent> incoming = new BoundedBuffer<>(8_192);
    private final FxPump<TimelineEvent> pump;
    private final TimelineMerger merger;
    private final ObservableList<TimelineEvent> events = FXCollections.observableArrayList();
    private final ObservableList<TimelineEvent> eventsView = FXCollections.unmodifiableObservableList(events);
    private final AtomicLong sequence = new AtomicLong();
    private final Consumer<ReceivedMessage> recorder = this::recorded;
    private final BooleanProperty serialShown = new SimpleBooleanProperty(true);
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final LongProperty batchesApplied = new SimpleLongProperty();
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty recording = new SimpleBooleanProperty();
    private final PaneTasks tasks;
    private final Clock clock;
    private volatile String thing;
    private volatile boolean serialOn = true;
    private volatile SessionRecorder recorderOfSession;
    private SessionReplay replay;
    private volatile io.iotworkbench.diagnostics.Redactor redactor;

    public TimelineViewModel(MessagePipeline pipeline, ObservableStringValue thingName, Executor fxExecutor,
                             ScheduledExecutorService scheduler) {
        this(pipeline, thingName, fxExecutor, scheduler, CAPACITY);
    }

    TimelineViewModel(MessagePipeline pipeline, ObservableStringValue thingName, Executor fxExecutor,
                      ScheduledExecutorService scheduler, int capacity) {
        this.pipeline = pipeline;
        this.tasks = PaneTasks.create(null, "timeline-io", fxExecutor, e -> String.valueOf(e.getMessage()));
        tasks.onMessage((text, isError) -> notice.set(text));
        this.clock = Clock.systemUTC();
        this.merger = new TimelineMerger(capacity);
        this.thing = thingName.get();
        thingName.addListener((o, a, b) -> thing = b);
        this.pump = new FxPump<>(incoming, this::apply, fxExecutor, scheduler, FxPump.DEFAULT_INTERVAL_NANOS, 2_000);
        serialShown.addListener((o, a, b) -> serialOn = b);
        pipeline.addRecorder(recorder);
    }

    /** The session's redactor: a session recorded while presenting holds what it hides masked. */
    void useRedactor(io.iotworkbench.diagnostics.Redactor sessionRedactor) {
        this.redactor = sessionRedactor;
    }

    private void recorded(ReceivedMessage m) {
        if (TimelineEvent.isThingTopic(m.topic(), thing)) {
            incoming.offer(TimelineEvent.ofMessage(m, sequence.incrementAndGet()));
            pump.signal();
        }
    }

    /** What a console hands its decoded lines to, on its pipeline thread. */
    Consumer<List<SerialLine>> serialSink(String port) {
        return lines -> {
            SessionRecorder r = recorderOfSession;
            if (r != null) {
                lines.forEach(l -> r.serialLine(port, l.time(), l.text()));
            }
            if (!serialOn) {
                return;
            }
            for (SerialLine line : lines) {
                incoming.offer(TimelineEvent.ofLine(port, line, sequence.incrementAndGet()));
            }
            pump.signal();
        };
    }

    private void apply(List<TimelineEvent> batch) {
        merger.merge(events, batch);
        batchesApplied.set(batchesApplied.get() + 1);
    }

    /**
     * Starts recording the whole session to {@code file}: every message of the session's pipeline (all topics) and
     * every line of every open port (Wi-Fi passwords hidden). FX thread.
     */
    public boolean startRecording(Path file) {
        if (recorderOfSession != null) {
            notice.set("Already recording to " + recorderOfSession.file().getFileName() + ".");
            return false;
        }
        try {
            SessionRecorder r = SessionRecorder.start(file, clock);
            r.maskWith(redactor);
            pipeline.addRecorder(r.messageSink());
            recorderOfSession = r;
            recording.set(true);
            notice.set("Recording the session to " + file.getFileName() + "…");
            return true;
        } catch (IOException e) {
            notice.set("Cannot record to " + file + ": " + e.getMessage());
            return false;
        }
    }

    /** Stops the recording; the file is complete when the returned future completes. FX thread. */
    public CompletableFuture<Long> stopRecording() {
        SessionRecorder r = recorderOfSession;
        if (r == null) {
            return CompletableFuture.completedFuture(0L);
        }
        recorderOfSession = null;
        recording.set(false);
        pipeline.removeRecorder(r.messageSink());
        return tasks.run(null, "The recording failed", () -> {
            r.close();
            return r.written();
        }, n -> tasks.info("Recorded " + n + " events to " + r.file().getFileName() + "."));
    }

    public ReadOnlyBooleanProperty recordingProperty() {
        return recording;
    }

    /** What the timeline last reported (recording, replay). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice;
    }

    /**
     * Replays a session recording without the network: its messages go into the session's pipeline (so the MQTT
     * pane and this timeline see them), its serial lines onto this timeline; {@code speed} 1, 2, 10, or 0 at once.
     * FX thread.
     */
    public CompletableFuture<Long> replay(Path file, double speed) {
        if (replay != null) {
            replay.cancel();
        }
        notice.set("Replaying " + file.getFileName() + (speed <= 0 ? " at once" : " at " + (int) speed + "×") + "…");
        replay = SessionReplay.start(file, speed, e -> {
            if (e.isMessage()) {
                pipeline.offer(e.origin(), e.payload(), e.qos(), e.retained(), false);
            } else if (serialOn) {
                incoming.offer(new TimelineEvent(clock.instant(), sequence.incrementAndGet(),
                        TimelineEvent.Source.SERIAL, e.origin() + " (replay)", e.text()));
                pump.signal();
            }
        });
        SessionReplay started = replay;
        tasks.await(REPLAY, null, "Replay failed", started::done, n -> tasks.info("Replayed " + n + " events."));
        return started.done();
    }

    public void cancelReplay() {
        if (replay != null) {
            replay.cancel();
        }
    }

    public ObservableList<TimelineEvent> events() {
        return eventsView;
    }

    /** The thing whose topics are on the timeline. */
    public String thing() {
        return thing;
    }

    /** Whether serial lines go on the timeline (off leaves only the cloud events). */
    public BooleanProperty serialShownProperty() {
        return serialShown;
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public ReadOnlyLongProperty batchesAppliedProperty() {
        return batchesApplied;
    }

    /** Events dropped: by the buffer when the FX thread fell behind, and by the list's bound. */
    public long droppedCount() {
        return incoming.droppedCount() + merger.droppedCount();
    }

    public void clear() {
        events.clear();
    }

    @Override
    public void close() {
        cancelReplay();
        pipeline.removeRecorder(recorder);
        pump.stop();
        stopRecording().whenComplete((n, e) -> tasks.dispose());
    }
}
