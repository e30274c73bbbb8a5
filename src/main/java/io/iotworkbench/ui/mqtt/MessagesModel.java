package io.iotworkbench.ui.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.PayloadFormats;
import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.shadow.ShadowDiff;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The messages of the selected topic or subtree (bounded: the newest {@code capacity} stay) and the payload views of
 * the selected message: JSON laid out for colouring, raw text, hex dump, base64, and a field-level diff against the
 * previous message of the same topic.
 *
 * <p>FX thread; testable without a toolkit.
 */
public final class MessagesModel {

    public static final int DEFAULT_CAPACITY = 5_000;

    private final MessagePipeline pipeline;
    private final int capacity;
    private final ObservableList<ReceivedMessage> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ReceivedMessage> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<JsonLayout.Laid> json = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper hex = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper base64 = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper diff = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper("");

    public MessagesModel(MessagePipeline pipeline, int capacity) {
        this.pipeline = pipeline;
        this.capacity = capacity;
        selected.addListener((obs, o, m) -> show(m));
    }

    public ObservableList<ReceivedMessage> rows() {
        return rows;
    }

    public int capacity() {
        return capacity;
    }

    /** Replaces the rows (newest {@code capacity} kept). */
    public void setAll(List<ReceivedMessage> messages) {
        int from = Math.max(0, messages.size() - capacity);
        rows.setAll(messages.subList(from, messages.size()));
    }

    /** Appends a batch, dropping the oldest rows beyond the capacity. */
    public void append(List<ReceivedMessage> batch) {
        if (batch.size() >= capacity) {
            setAll(batch);
            return;
        }
        int overflow = rows.size() + batch.size() - capacity;
        if (overflow > 0) {
            rows.remove(0, overflow);
        }
        rows.addAll(batch);
    }

    public void clear() {
        rows.clear();
        selected.set(null);
    }

    public ObjectProperty<ReceivedMessage> selectedProperty() {
        return selected;
    }

    /** The selected payload as laid-out JSON, or null when it is not JSON. */
    public ReadOnlyObjectProperty<JsonLayout.Laid> jsonProperty() {
        return json.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hexProperty() {
        return hex.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty base64Property() {
        return base64.getReadOnlyProperty();
    }

    /** Field changes against the previous message of the same topic, one per line. */
    public ReadOnlyStringProperty diffProperty() {
        return diff.getReadOnlyProperty();
    }

    /** Topic, size, QoS and flags of the selected message; empty when none is (the payload view says so). */
    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    private void show(ReceivedMessage m) {
        if (m == null) {
            json.set(null);
            text.set("");
            hex.set("");
            base64.set("");
            diff.set("");
            info.set("");
            return;
        }
        Optional<JsonNode> node = PayloadFormats.json(m.payload());
        json.set(node.map(JsonLayout::layout).orElse(null));
        text.set(PayloadFormats.text(m.payload()).orElse(new String(m.payload(), StandardCharsets.ISO_8859_1)));
        hex.set(PayloadFormats.hexDump(m.payload()));
        base64.set(PayloadFormats.base64(m.payload()));
        info.set(m.topic() + " · " + m.size() + " B · QoS " + m.qos() + (m.retained() ? " · retained" : "")
                + (m.truncated() ? " · truncated to " + m.payload().length + " B" : ""));
        diff.set(diffText(m, node));
    }

    private String diffText(ReceivedMessage m, Optional<JsonNode> node) {
        ReceivedMessage previous = previousOf(m);
        if (previous == null) {
            return "No earlier message of " + m.topic() + " is kept.";
        }
        Optional<JsonNode> before = PayloadFormats.json(previous.payload());
        if (node.isEmpty() || before.isEmpty()) {
            return java.util.Arrays.equals(previous.payload(), m.payload()) ? "Same payload as the previous message."
                    : "Payload differs from the previous message (not JSON, no field diff).";
        }
        List<ShadowDiff.Change> changes = ShadowDiff.diff(before.get(), node.get());
        if (changes.isEmpty()) {
            return "No field changed since the previous message.";
        }
        return changes.stream().map(MessagesModel::describe).collect(Collectors.joining("\n"));
    }

    static String describe(ShadowDiff.Change c) {
        return switch (c.kind()) {
            case ADDED -> "+ " + c.pathString() + " = " + c.newValue();
            case REMOVED -> "- " + c.pathString() + " (was " + c.oldValue() + ")";
            case CHANGED -> "~ " + c.pathString() + ": " + c.oldValue() + " → " + c.newValue();
        };
    }

    /** The newest message of the same topic that came before {@code m}, among those the pipeline keeps. */
    ReceivedMessage previousOf(ReceivedMessage m) {
        ReceivedMessage best = null;
        for (ReceivedMessage h : pipeline.history(m.topic(), false)) {
            if (h.sequence() < m.sequence() && (best == null || h.sequence() > best.sequence())) {
                best = h;
            }
        }
        return best;
    }
}
