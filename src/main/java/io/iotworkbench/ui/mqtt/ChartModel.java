package io.iotworkbench.ui.mqtt;

import io.iotworkbench.mqtt.AwsMqttLimits;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.PayloadFormats;
import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.stream.BoundedBuffer;
import io.iotworkbench.ui.common.FxPump;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Chart series of numeric values over time: a whole numeric payload or the JSON field at a pointer, several series
 * in one chart, each with at most {@code maxPoints} points (the oldest go). Each series taps its topic in the
 * pipeline (a bounded buffer) and has its own pump. X is seconds since the chart was opened.
 *
 * <p>FX thread; testable without a toolkit (a series is data only until a chart shows it).
 */
public final class ChartModel {

    public static final int DEFAULT_MAX_POINTS = 1_000;
    private static final int TAP_CAPACITY = 4_096;

    /** What one series plots. */
    public record SeriesKey(String topic, String pointer) {
        public String label() {
            return pointer.isEmpty() ? topic : topic + " " + pointer;
        }
    }

    private record Feed(SeriesKey key, BoundedBuffer<ReceivedMessage> tap, FxPump<ReceivedMessage> pump) {
    }

    private final MessagePipeline pipeline;
    private final PumpGroup pumps;
    private final int maxPoints;
    private final long originMillis;
    private final ObservableList<XYChart.Series<Number, Number>> series = FXCollections.observableArrayList();
    private final Map<XYChart.Series<Number, Number>, Feed> feeds = new IdentityHashMap<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public ChartModel(MessagePipeline pipeline, PumpGroup pumps, int maxPoints, LongSupplier clockMillis) {
        this.pipeline = pipeline;
        this.pumps = pumps;
        this.maxPoints = maxPoints;
        this.originMillis = clockMillis.getAsLong();
    }

    public ObservableList<XYChart.Series<Number, Number>> series() {
        return series;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * Plots {@code pointer} ("" for the whole payload) of {@code topic}, starting with the messages already kept.
     * Returns false with {@link #messageProperty()} saying why when the topic or pointer is unusable.
     */
    public boolean add(String topic, String pointer) {
        String t = topic == null ? "" : topic.strip();
        String p = pointer == null ? "" : pointer.strip();
        Optional<String> problem = AwsMqttLimits.checkTopicName(t);
        if (problem.isEmpty() && !p.isEmpty() && !p.startsWith("/")) {
            problem = Optional.of("A JSON pointer starts with '/', e.g. /state/reported/temperature_sensor.");
        }
        SeriesKey key = new SeriesKey(t, p);
        if (problem.isEmpty() && feeds.values().stream().anyMatch(f -> f.key.equals(key))) {
            problem = Optional.of(key.label() + " is already in the chart.");
        }
        if (problem.isPresent()) {
            message.set(problem.get());
            return false;
        }
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(key.label());
        BoundedBuffer<ReceivedMessage> tap = pipeline.tap(t, TAP_CAPACITY);
        List<ReceivedMessage> kept = pipeline.history(t, false);
        append(s, key, kept);
        FxPump<ReceivedMessage> pump = pumps.start(tap, batch -> append(s, key, batch), TAP_CAPACITY);
        feeds.put(s, new Feed(key, tap, pump));
        series.add(s);
        message.set(s.getData().isEmpty() ? "Charting " + key.label() + "; no numeric value yet."
                : "Charting " + key.label() + ".");
        if (!tap.isEmpty()) {
            pump.signal();
        }
        return true;
    }

    private void append(XYChart.Series<Number, Number> s, SeriesKey key, List<ReceivedMessage> batch) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(batch.size());
        long lastSequence = s.getData().isEmpty() ? -1 : (long) s.getData().get(s.getData().size() - 1)
                .getExtraValue();
        for (ReceivedMessage m : batch) {
            if (m.sequence() <= lastSequence) {
                continue;
            }
            PayloadFormats.number(m.payload(), key.pointer()).ifPresent(v -> {
                XYChart.Data<Number, Number> d = new XYChart.Data<>((m.timeMillis() - originMillis) / 1000.0, v);
                d.setExtraValue(m.sequence());
                points.add(d);
            });
        }
        if (points.isEmpty()) {
            return;
        }
        int from = Math.max(0, points.size() - maxPoints);
        List<XYChart.Data<Number, Number>> tail = points.subList(from, points.size());
        int overflow = s.getData().size() + tail.size() - maxPoints;
        if (overflow > 0) {
            s.getData().remove(0, overflow);
        }
        s.getData().addAll(tail);
    }

    public void remove(XYChart.Series<Number, Number> s) {
        Feed f = feeds.remove(s);
        if (f != null) {
            pumps.remove(f.pump);
            pipeline.untap(f.tap);
        }
        series.remove(s);
    }

    public void clear() {
        new ArrayList<>(series).forEach(this::remove);
        message.set("");
    }
}
