package io.iotworkbench.ui.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.diagnostics.Redactor;
import io.iotworkbench.event.Notification;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.shadow.HttpsShadowClient;
import io.iotworkbench.shadow.MqttShadowClient;
import io.iotworkbench.shadow.ShadowClient;
import io.iotworkbench.shadow.ShadowDiff;
import io.iotworkbench.shadow.ShadowJson;
import io.iotworkbench.shadow.ShadowLimits;
import io.iotworkbench.shadow.ShadowNames;
import io.iotworkbench.shadow.ShadowPreflight;
import io.iotworkbench.shadow.ShadowTopic;
import io.iotworkbench.stream.BoundedBuffer;
import io.iotworkbench.ui.common.FxPump;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.PaneTasks;
import io.iotworkbench.ui.common.PaneViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Shadow pane's logic: the followed thing and shadow (classic or named), the three sections as renderable views,
 * the live version timeline, the editor with pre-send checks and optimistic locking (with the conflict flow), the
 * key/value rows, and the generated control panel. Requests go over MQTT when the session is connected and over HTTPS
 * otherwise; both give the same documents.
 *
 * <p>FX thread for properties and commands; network calls run on the pane's own executor and come back as
 * {@link PaneTasks} through {@code PaneContext.fxExecutor()} (a list answer older than a newer request or a local
 * create or delete is stale and dropped: it could bring back a shadow just deleted; so is an older document);
 * live shadow events pass a bounded buffer and an {@link FxPump}.
 */
public final class ShadowViewModel extends PaneViewModel {

    /** What the editor changes. */
    public enum Section { DESIRED, REPORTED;
        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final int TIMELINE_CAPACITY = 1_000;
    public static final List<String> LED_VALUES = List.of("red", "green", "blue", "off");
    private static final String NAMES = "names";
    private static final String DOCUMENT = "document";

    private final PaneContext ctx;
    private final ExecutorService io = Executors.newFixedThreadPool(2, DaemonThreads.named("shadow-pane-io"));
    private final PaneTasks tasks;
    private final HttpsShadowClient https;
    private final MqttShadowClient mqtt;
    private final ShadowLimits limits = ShadowLimits.defaults();
    private final BoundedBuffer<JsonNode> events = new BoundedBuffer<>(TIMELINE_CAPACITY);
    private final FxPump<JsonNode> eventPump;

    private final ObservableList<String> shadowNames = FXCollections.observableArrayList("");
    private final StringProperty shadowName = new SimpleStringProperty(this, "shadowName", "");
    /** The "no shadow" sentence the last load showed, cleared by a load that finds the shadow (FX thread). */
    private String notFound;
    private final ReadOnlyObjectWrapper<JsonNode> document = new ReadOnlyObjectWrapper<>(this, "document");
    private final ReadOnlyObjectWrapper<RenderedSection> desiredView =
            new ReadOnlyObjectWrapper<>(RenderedSection.empty("(no shadow loaded)"));
    private final ReadOnlyObjectWrapper<RenderedSection> reportedView =
            new ReadOnlyObjectWrapper<>(RenderedSection.empty(""));
    private final ReadOnlyObjectWrapper<RenderedSection> deltaView =
            new ReadOnlyObjectWrapper<>(RenderedSection.empty(""));
    private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper(this, "header", "");
    private final ReadOnlyStringWrapper transport = new ReadOnlyStringWrapper(this, "transport", "");
    private final ObservableList<TimelineEntry> timeline = FXCollections.observableArrayList();
    private final ObjectProperty<Section> section = new SimpleObjectProperty<>(this, "section", Section.DESIRED);
    private final StringProperty editorText = new SimpleStringProperty(this, "editorText", "{\n}");
    private final ObservableList<ShadowPreflight.Problem> problems = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<JsonNode> conflictServerDocument = new ReadOnlyObjectWrapper<>(this,
            "conflictServerDocument");
    private final ObservableList<KeyValueRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ControlSpec> controls = FXCollections.observableArrayList();
    private final BooleanProperty editorDirty = new SimpleBooleanProperty(this, "editorDirty");
    private boolean resetting;

    public ShadowViewModel(PaneContext ctx) {
        super(ctx.fxSession());
        this.ctx = ctx;
        this.tasks = useTasks(PaneTasks.create(io, null, ctx.fxExecutor(), ShadowViewModel::rootMessage));
        this.https = new HttpsShadowClient(() -> {
            try {
                return ctx.aws().data(session().profile());
            } catch (Exception e) {
                throw new IllegalStateException("No HTTPS client for the profile: " + e.getMessage(), e);
            }
        }, io);
        this.mqtt = new MqttShadowClient(ctx.connection(), https, ctx.scheduler(), Duration.ofSeconds(10));
        this.eventPump = new FxPump<>(events, this::applyEvents, ctx.fxExecutor(), ctx.scheduler(),
                FxPump.DEFAULT_INTERVAL_NANOS, 500);
        mqtt.addEventListener((topic, doc) -> {
            if (topic.suffix() == ShadowTopic.Suffix.DOCUMENTS && topic.thingName().equals(session().thingName())
                    && topic.shadowName().equals(shadowName.get())) {
                events.offer(doc);
                eventPump.signal();
            }
        });
        thingNameProperty().addListener((obs, o, n) -> {
            timeline.clear();
            shadowName.set("");
            refresh();
        });
        shadowName.addListener((obs, o, n) -> {
            if (n == null) {
                shadowName.set(o == null ? "" : o);
                return;
            }
            timeline.clear();
            load();
        });
        section.addListener((obs, o, n) -> resetEditor());
        editorText.addListener((obs, o, n) -> {
            if (!resetting) {
                editorDirty.set(true);
            }
        });
        connectionStateProperty().addListener((obs, o, n) -> updateTransport());
        updateTransport();
    }

    private ShadowClient client() {
        return session().state() == ConnectionState.CONNECTED ? mqtt : https;
    }

    private void updateTransport() {
        transport.set(session().state() == ConnectionState.CONNECTED ? "over MQTT" : "over HTTPS");
    }

    @Override
    public String title() {
        return "Shadow";
    }

    @Override
    public String purpose() {
        return "See and edit a device shadow: desired, reported and delta side by side, live.";
    }

    @Override
    public List<String> capabilities() {
        return List.of("Classic and named shadows", "Version timeline with diffs", "Safe edits with conflict handling",
                "A control panel generated from the reported state");
    }

    /** Reloads the list of shadows and the selected shadow. */
    public CompletableFuture<Void> refresh() {
        String thing = session().thingName();
        if (thing.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<List<String>> names = tasks.await(NAMES, null, "Named shadows could not be listed",
                () -> client().listNamedShadows(thing), list -> {
                    String keep = shadowName.get();
                    List<String> next = new ArrayList<>(list.size() + 1);
                    next.add("");
                    next.addAll(list);
                    updateInPlace(shadowNames, next);
                    if (!shadowNames.contains(keep)) {
                        shadowName.set("");
                    }
                });
        return names.thenCompose(v -> load());
    }

    /** Gets the selected shadow and shows it. */
    public CompletableFuture<Void> load() {
        String thing = session().thingName();
        String shadow = shadowName.get();
        if (thing.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return tasks.await(DOCUMENT, null, "The shadow could not be read", () -> client().get(thing, shadow), r -> {
            if (r.ok()) {
                show(r.document());
                if (notFound != null && notFound.equals(tasks.messageProperty().get())) {
                    tasks.info(""); // the shadow exists now (e.g. the device's first report came after the pane's load)
                }
                notFound = null;
                if (timeline.isEmpty()) {
                    addTimeline(r.document().path("version").asLong(), r.document().path("timestamp").asLong(),
                            r.document().path("clientToken").asText(""), "loaded", TimelineEntry.stateOf(r.document()));
                }
            } else if (r.status() == 404) {
                document.set(null);
                desiredView.set(RenderedSection.empty("(no shadow " + ShadowNames.displayName(shadow)
                        + " for " + thing + " yet: send an update to create it)"));
                reportedView.set(RenderedSection.empty(""));
                deltaView.set(RenderedSection.empty(""));
                header.set(thing + " · " + chooserName(shadow) + " · does not exist");
                rows.clear();
                controls.clear();
                notFound = r.message();
                tasks.info(notFound);
            } else {
                tasks.fail(r.status() + " " + r.message());
            }
        }).thenApply(r -> null);
    }

    /** Shows a full shadow document (get/accepted shape). */
    void show(JsonNode doc) {
        document.set(doc);
        JsonNode state = doc.path("state");
        JsonNode delta = state.path("delta");
        JsonNode meta = doc.path("metadata");
        desiredView.set(RenderedSection.of(state.get("desired"), delta, meta.get("desired")));
        reportedView.set(RenderedSection.of(state.get("reported"), delta, meta.get("reported")));
        deltaView.set(delta.isMissingNode() || delta.isEmpty() ? RenderedSection.empty("{ }  (in sync)")
                : RenderedSection.of(delta, delta, meta.get("desired")));
        long ts = doc.path("timestamp").asLong();
        header.set(session().thingName() + " · " + chooserName(shadowName.get()) + " · version "
                + doc.path("version").asLong() + (ts > 0 ? " · updated " + Instant.ofEpochSecond(ts) : ""));
        rows.setAll(KeyValueRow.flatten(state.get(section.get().key())));
        controls.setAll(ControlSpec.fromReported(state.get("reported")));
        if (conflictServerDocument.get() == null && !editorDirty.get()) {
            resetEditor();
        }
    }

    /** Puts the shown section into the editor, unless the user has unsent edits (then live updates leave it alone). */
    private void resetEditor() {
        JsonNode doc = document.get();
        JsonNode values = doc == null ? null : doc.path("state").get(section.get().key());
        resetting = true;
        editorText.set(values == null ? "{\n}" : ShadowJson.pretty(values));
        resetting = false;
        editorDirty.set(false);
        problems.clear();
    }

    private void applyEvents(List<JsonNode> batch) {
        for (JsonNode documents : batch) {
            JsonNode current = documents.path("current");
            JsonNode previous = documents.path("previous");
            List<ShadowDiff.Change> changes = ShadowDiff.diff(previous.path("state"), current.path("state"));
            addTimeline(current.path("version").asLong(), documents.path("timestamp").asLong(),
                    documents.path("clientToken").asText(""), TimelineEntry.summary(changes), current.path("state"));
        }
        load();
    }

    private void addTimeline(long version, long timestamp, String token, String changes, JsonNode state) {
        if (!timeline.isEmpty() && timeline.get(timeline.size() - 1).version() >= version) {
            return;
        }
        if (timeline.size() >= TIMELINE_CAPACITY) {
            timeline.remove(0);
        }
        timeline.add(new TimelineEntry(version, timestamp, token, changes, state));
    }

    /** Field-level differences between two timeline versions, one line each. */
    public List<String> diff(TimelineEntry older, TimelineEntry newer) {
        return older.changesTo(newer);
    }

    /**
     * Writes the timeline as NDJSON (version, timestamp, clientToken, changes, state) with Wi-Fi passwords, private
     * keys and secret-named fields masked value by value; in presenter mode also what else the session's redactor
     * hides.
     */
    public void exportTimeline(Path file) throws IOException {
        Redactor redactor = session().redactor();
        boolean presenting = redactor.isPresenterMode();
        StringBuilder sb = new StringBuilder();
        for (TimelineEntry e : timeline) {
            ObjectNode o = ShadowJson.object();
            o.put("version", e.version());
            o.put("timestamp", e.timestamp());
            o.put("clientToken", e.clientToken());
            o.put("changes", e.changes());
            o.set("state", e.state());
            sb.append(ShadowJson.write(presenting ? redactor.shown(o)
                    : Redactor.always(o))).append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    /** Checks the editor text; true when it can be sent. */
    public boolean validate() {
        problems.clear();
        String text = editorText.get();
        List<ShadowPreflight.Problem> found;
        try {
            JsonNode values = ShadowJson.parse(text);
            if (!values.isObject()) {
                found = List.of(new ShadowPreflight.Problem(section.get().key(),
                        "must be a JSON object of fields, e.g. {\"led\": \"blue\"}."));
            } else {
                found = ShadowPreflight.check(ShadowPreflight.request(section.get().key(), values, null, null),
                        limits);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            found = ShadowPreflight.check(text, limits);
        }
        problems.setAll(found);
        return found.isEmpty();
    }

    /** Pretty-prints the editor text when it is valid JSON. */
    public void format() {
        try {
            editorText.set(ShadowJson.pretty(ShadowJson.parse(editorText.get())));
            problems.clear();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            validate();
        }
    }

    /** Sends the editor's values with the current version (optimistic locking). */
    public CompletableFuture<ShadowClient.Response> send() {
        return send(true);
    }

    public CompletableFuture<ShadowClient.Response> sendWithoutVersion() {
        return send(false);
    }

    private CompletableFuture<ShadowClient.Response> send(boolean withVersion) {
        if (!validate()) {
            tasks.fail("Not sent: " + problems.get(0));
            return CompletableFuture.completedFuture(null);
        }
        JsonNode values;
        try {
            values = ShadowJson.parse(editorText.get());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return CompletableFuture.completedFuture(null);
        }
        Long version = withVersion && document.get() != null ? document.get().path("version").asLong() : null;
        return sendRequest(ShadowPreflight.request(section.get().key(), values, version, null));
    }

    /** After a conflict: applies the edit on top of the server's latest version and sends with that version. */
    public CompletableFuture<ShadowClient.Response> reapplyOnTop() {
        JsonNode server = conflictServerDocument.get();
        if (server != null) {
            document.set(server);
        }
        conflictServerDocument.set(null);
        return send(true);
    }

    /** After a conflict: drops the edit and shows the server's document. */
    public void reload() {
        conflictServerDocument.set(null);
        editorDirty.set(false);
        load();
    }

    /** Sets one desired field (control panel, key/value rows); {@code value} null removes it. */
    public CompletableFuture<ShadowClient.Response> setField(Section target, String path, JsonNode value) {
        ObjectNode values = ShadowJson.object();
        ObjectNode node = values;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.putObject(parts[i]);
        }
        if (value == null) {
            node.putNull(parts[parts.length - 1]);
        } else {
            node.set(parts[parts.length - 1], value);
        }
        return sendRequest(ShadowPreflight.request(target.key(), values, null, null));
    }

    private CompletableFuture<ShadowClient.Response> sendRequest(ObjectNode request) {
        String thing = session().thingName();
        String shadow = shadowName.get();
        return tasks.await(null, null, "Not sent", () -> client().update(thing, shadow, request), r -> {
            if (r.ok()) {
                tasks.info("Accepted: version " + r.document().path("version").asLong());
                conflictServerDocument.set(null);
                editorDirty.set(false);
                load();
            } else if (r.status() == 409) {
                tasks.fail("409 Version conflict: someone updated the shadow since you loaded it. "
                        + "Compare, then reload, re-apply your edit on top, or send without version.");
                fetchConflict(thing, shadow);
            } else {
                tasks.fail("Rejected: " + r.status() + " " + r.message());
            }
        });
    }

    private void fetchConflict(String thing, String shadow) {
        tasks.await(null, null, "The server's version could not be read", () -> client().get(thing, shadow), r -> {
            if (r.ok()) {
                conflictServerDocument.set(r.document());
            }
        });
    }

    /** Creates a named shadow with an empty desired state. */
    public CompletableFuture<Void> createNamedShadow(String name) {
        if (!ShadowNames.isValidShadowName(name)) {
            tasks.fail("Shadow names use letters, digits, $, ':', '_' and '-' (at most 64).");
            return CompletableFuture.completedFuture(null);
        }
        ObjectNode req = ShadowJson.object();
        req.putObject("state").putObject("reported").put("created_by", "iot-workbench");
        String thing = session().thingName();
        return tasks.await(null, null, "The named shadow could not be created", () -> client().update(thing, name, req),
                r -> {
                    tasks.invalidate(NAMES);
                    if (!shadowNames.contains(name)) {
                        shadowNames.add(name);
                    }
                    shadowName.set(name);
                    if (r.ok()) {
                        tasks.info("Named shadow '" + name + "' created.");
                    } else {
                        tasks.fail("Rejected: " + r.message());
                    }
                }).thenApply(r -> null);
    }

    /** Deletes the selected shadow (the version counter is kept by the service). */
    public CompletableFuture<Void> deleteShadow() {
        String shadow = shadowName.get();
        String thing = session().thingName();
        return tasks.await(null, null, "The shadow could not be deleted", () -> client().delete(thing, shadow), r -> {
            if (r.ok()) {
                tasks.info("Shadow " + ShadowNames.displayName(shadow) + " deleted (version "
                        + r.document().path("version").asLong() + ").");
            } else {
                tasks.fail("Rejected: " + r.message());
            }
            session().events().publish(Notification.info(tasks.messageProperty().get()));
            if (!shadow.isEmpty()) {
                tasks.invalidate(NAMES);
                shadowNames.remove(shadow);
                shadowName.set("");
            } else {
                load();
            }
        }).thenApply(r -> null);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t != t.getCause()) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void dispose() {
        tasks.dispose();
        eventPump.stop();
        mqtt.close();
        io.shutdownNow();
        try {
            io.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The name the pane shows for a shadow: "Classic shadow" for the unnamed one (as in the chooser). */
    public static String chooserName(String shadow) {
        return shadow == null || shadow.isEmpty() ? "Classic shadow" : shadow;
    }

    /**
     * Makes {@code list} equal to {@code next} by removing and inserting only what differs, so the chooser's
     * selected item is never taken out and put back (which left the chooser blank after a refresh).
     */
    static void updateInPlace(ObservableList<String> list, List<String> next) {
        if (list.equals(next)) {
            return;
        }
        list.retainAll(next);
        for (int i = 0; i < next.size(); i++) {
            String want = next.get(i);
            if (i >= list.size() || !list.get(i).equals(want)) {
                list.remove(want);
                list.add(i, want);
            }
        }
    }

    public ObservableList<String> shadowNames() {
        return shadowNames;
    }

    public StringProperty shadowNameProperty() {
        return shadowName;
    }

    public ReadOnlyObjectProperty<JsonNode> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RenderedSection> desiredViewProperty() {
        return desiredView.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RenderedSection> reportedViewProperty() {
        return reportedView.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RenderedSection> deltaViewProperty() {
        return deltaView.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headerProperty() {
        return header.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty transportProperty() {
        return transport.getReadOnlyProperty();
    }

    public ObservableList<TimelineEntry> timeline() {
        return timeline;
    }

    public ObjectProperty<Section> sectionProperty() {
        return section;
    }

    public StringProperty editorTextProperty() {
        return editorText;
    }

    public ObservableList<ShadowPreflight.Problem> problems() {
        return problems;
    }

    public ReadOnlyObjectProperty<JsonNode> conflictServerDocumentProperty() {
        return conflictServerDocument.getReadOnlyProperty();
    }

    public ObservableList<KeyValueRow> rows() {
        return rows;
    }

    public ObservableList<ControlSpec> controls() {
        return controls;
    }
}
