package io.iotworkbench.ui.serial;

import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.serial.timeline.TimelineEvent;
import io.iotworkbench.serial.timeline.TimelineMerger;
import io.iotworkbench.stream.BoundedBuffer;
import io.iotworkbench.ui.common.FxPump;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
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
 */
public final class TimelineViewModel implements AutoCloseable {

    public static final int CAPACITY = 20_000;

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
    private volatile String thing;
    private volatile boolean serialOn = true;

    public TimelineViewModel(MessagePipeline pipeline, ObservableStringValue thingName, Executor fxExecutor,
                             ScheduledExecutorService scheduler) {
        this(pipeline, thingName, fxExecutor, scheduler, CAPACITY);
    }

    TimelineViewModel(MessagePipeline pipeline, ObservableStringValue thingName, Executor fxExecutor,
                      ScheduledExecutorService scheduler, int capacity) {
        this.pipeline = pipeline;
        this.merger = new TimelineMerger(capacity);
        this.thing = thingName.get();
        thingName.addListener((o, a, b) -> thing = b);
        this.pump = new FxPump<>(incoming, this::apply, fxExecutor, scheduler, FxPump.DEFAULT_INTERVAL_NANOS, 2_000);
        serialShown.addListener((o, a, b) -> serialOn = b);
        pipeline.addRecorder(recorder);
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
        pipeline.removeRecorder(recorder);
        pump.stop();
    }
}
