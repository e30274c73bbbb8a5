package io.iotworkbench.ui.mqtt;

import io.iotworkbench.mqtt.AwsMqttLimits;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.PayloadFormats;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The publish form: topic, QoS, retain, a payload checked as JSON (pointing at line and column) when it looks like
 * JSON, a Format command, templates for the current thing (shadow update, jobs start-next, the WM led_demo), the
 * 128 KB check, a bounded history of what was sent, and repeat every N ms for simple simulation.
 *
 * <p>FX thread; the repeat timer runs on the scheduler and publishes through the FX executor. Testable without a
 * toolkit.
 */
public final class PublishModel {

    public static final int HISTORY_CAPACITY = 100;
    public static final int MIN_REPEAT_MILLIS = 10;

    /** A message the user sent. */
    public record Sent(Instant time, String topic, int qos, boolean retain, String payload) {
        @Override
        public String toString() {
            return topic + "  " + (payload.length() > 60 ? payload.substring(0, 60) + "…" : payload);
        }
    }

    /** A ready-made message; {@code {thing}} in topic and payload is replaced by the current thing. */
    public record Template(String name, String topic, String payload) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static final List<Template> TEMPLATES = List.of(
            new Template("Shadow update (desired)", "$aws/things/{thing}/shadow/update",
                    "{\"state\":{\"desired\":{\"led\":\"green\"}}}"),
            new Template("Shadow get", "$aws/things/{thing}/shadow/get", ""),
            new Template("Jobs start-next", "$aws/things/{thing}/jobs/start-next",
                    "{\"clientToken\":\"workbench\",\"stepTimeoutInMinutes\":10}"),
            new Template("WM led_demo: blue", "$aws/things/{thing}/shadow/update",
                    "{\"state\":{\"desired\":{\"led\":\"blue\"}}}"),
            new Template("WM led_demo: red", "$aws/things/{thing}/shadow/update",
                    "{\"state\":{\"desired\":{\"led\":\"red\"}}}"),
            new Template("WM led_demo: off", "$aws/things/{thing}/shadow/update",
                    "{\"state\":{\"desired\":{\"led\":\"off\"}}}"));

    private final MqttConnection connection;
    private final Supplier<String> thing;
    private final Executor fx;
    private final ScheduledExecutorService scheduler;
    private final StringProperty topic = new SimpleStringProperty("");
    private final IntegerProperty qos = new SimpleIntegerProperty(1);
    private final BooleanProperty retain = new SimpleBooleanProperty(false);
    private final StringProperty payload = new SimpleStringProperty("");
    private final IntegerProperty repeatMillis = new SimpleIntegerProperty(1_000);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper repeating = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<Sent> history = FXCollections.observableArrayList();
    private ScheduledFuture<?> repeat;

    public PublishModel(MqttConnection connection, Supplier<String> thing, Executor fxExecutor,
                        ScheduledExecutorService scheduler) {
        this.connection = connection;
        this.thing = thing;
        this.fx = fxExecutor;
        this.scheduler = scheduler;
        payload.addListener((obs, o, n) -> problem.set(checkPayload(n).orElse("")));
        topic.addListener((obs, o, n) -> problem.set(check().orElse("")));
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public IntegerProperty qosProperty() {
        return qos;
    }

    public BooleanProperty retainProperty() {
        return retain;
    }

    public StringProperty payloadProperty() {
        return payload;
    }

    public IntegerProperty repeatMillisProperty() {
        return repeatMillis;
    }

    /** What is wrong with the form right now, "" when it can be sent. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The outcome of the last publish. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty repeatingProperty() {
        return repeating.getReadOnlyProperty();
    }

    /** Sent messages, newest first, at most {@link #HISTORY_CAPACITY}. */
    public ObservableList<Sent> history() {
        return history;
    }

    /** Checks topic and payload; the problem in words, or empty. */
    public Optional<String> check() {
        String t = topic.get() == null ? "" : topic.get().strip();
        if (t.isEmpty()) {
            return Optional.of("Enter a topic to publish to.");
        }
        return AwsMqttLimits.checkTopicName(t).or(() -> checkPayload(payload.get()));
    }

    static Optional<String> checkPayload(String text) {
        String p = text == null ? "" : text;
        int bytes = p.getBytes(StandardCharsets.UTF_8).length;
        Optional<String> size = AwsMqttLimits.checkPayload(bytes);
        if (size.isPresent()) {
            return size;
        }
        String s = p.stripLeading();
        if (s.startsWith("{") || s.startsWith("[")) {
            return PayloadFormats.checkJson(p).map(j -> "Invalid JSON at line " + j.line() + ", column "
                    + j.column() + ": " + j.message());
        }
        return Optional.empty();
    }

    /** Pretty-prints the payload when it is valid JSON; otherwise leaves it and says why. */
    public boolean format() {
        Optional<PayloadFormats.JsonProblem> bad = PayloadFormats.checkJson(payload.get());
        if (bad.isPresent()) {
            problem.set("Cannot format: invalid JSON at line " + bad.get().line() + ", column " + bad.get().column()
                    + ": " + bad.get().message());
            return false;
        }
        PayloadFormats.json(payload.get().getBytes(StandardCharsets.UTF_8))
                .ifPresent(n -> payload.set(PayloadFormats.prettyJson(n)));
        return true;
    }

    public void apply(Template t) {
        String name = thing.get() == null || thing.get().isEmpty() ? "wm_demo_1" : thing.get();
        topic.set(t.topic().replace("{thing}", name));
        payload.set(t.payload().replace("{thing}", name));
    }

    public void apply(Sent s) {
        topic.set(s.topic());
        qos.set(s.qos());
        retain.set(s.retain());
        payload.set(s.payload());
    }

    /** Publishes the form; returns the future, or a failed one when the form has a problem (also shown). */
    public CompletableFuture<Void> publish() {
        Optional<String> bad = check();
        if (bad.isPresent()) {
            problem.set(bad.get());
            return CompletableFuture.failedFuture(new IllegalArgumentException(bad.get()));
        }
        Sent s = new Sent(Instant.now(), topic.get().strip(), qos.get(), retain.get(), payload.get());
        return send(s);
    }

    /** Clears the retained message of {@code topicName} by publishing an empty retained message to it. */
    public CompletableFuture<Void> deleteRetained(String topicName) {
        return send(new Sent(Instant.now(), topicName, 1, true, ""));
    }

    private CompletableFuture<Void> send(Sent s) {
        CompletableFuture<Void> f = connection.publish(s.topic(), s.payload().getBytes(StandardCharsets.UTF_8),
                s.qos(), s.retain());
        history.add(0, s);
        if (history.size() > HISTORY_CAPACITY) {
            history.remove(HISTORY_CAPACITY, history.size());
        }
        f.whenComplete((v, e) -> fx.execute(() -> result.set(e == null
                ? (s.retain() && s.payload().isEmpty() ? "Cleared the retained message of " : "Published to ")
                + s.topic() + "." : "Not published: " + reason(e))));
        return f;
    }

    private static String reason(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** Publishes the form now and then every {@link #repeatMillisProperty()} ms until {@link #stopRepeat()}. */
    public boolean startRepeat() {
        Optional<String> bad = check();
        if (bad.isEmpty() && repeatMillis.get() < MIN_REPEAT_MILLIS) {
            bad = Optional.of("Repeat at most every " + MIN_REPEAT_MILLIS + " ms.");
        }
        if (bad.isPresent()) {
            problem.set(bad.get());
            return false;
        }
        stopRepeat();
        long every = repeatMillis.get();
        repeat = scheduler.scheduleAtFixedRate(() -> fx.execute(this::publish), 0, every, TimeUnit.MILLISECONDS);
        repeating.set(true);
        return true;
    }

    public void stopRepeat() {
        if (repeat != null) {
            repeat.cancel(false);
            repeat = null;
        }
        repeating.set(false);
    }
}
