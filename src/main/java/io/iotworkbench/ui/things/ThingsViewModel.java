package io.iotworkbench.ui.things;

import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.registry.NewDeviceFlow;
import io.iotworkbench.registry.ThingDetails;
import io.iotworkbench.registry.ThingNames;
import io.iotworkbench.registry.ThingRow;
import io.iotworkbench.registry.ThingsClient;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.PaneTasks;
import io.iotworkbench.ui.common.PaneViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * View model of the Things pane: the things list (search by name, type or attribute), the selected thing's groups,
 * certificates and policies, create / edit attributes / delete (detaching first), and the one-page "new device"
 * flow ({@link NewDeviceFlow}) that ends by saving a session profile for the new thing and connecting with it.
 *
 * <p>Threading: properties are FX-thread; SDK calls and disk work run as {@link PaneTasks} on {@code io} (one
 * "things-pane-io" thread) and results are applied through the context's fxExecutor; a details answer for a thing
 * that is no longer selected is stale and dropped. Tests pass direct executors.
 */
public final class ThingsViewModel extends PaneViewModel {

    private final PaneContext ctx;
    private final PaneTasks tasks;
    private final ObservableList<ThingRow> things = FXCollections.observableArrayList();
    private final FilteredList<ThingRow> filtered = new FilteredList<>(things, t -> true);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<ThingRow> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<ThingDetails> details = new SimpleObjectProperty<>();
    private final StringProperty attributesText = new SimpleStringProperty("");
    private final StringProperty newThingName = new SimpleStringProperty("");
    private final StringProperty newThingAttributes = new SimpleStringProperty("");

    private final StringProperty deviceName = new SimpleStringProperty("");
    private final BooleanProperty useCsr = new SimpleBooleanProperty(true);
    private final StringProperty deviceFolder = new SimpleStringProperty("");
    private final StringProperty wmSdkFolder = new SimpleStringProperty("");
    private final BooleanProperty connectAfter = new SimpleBooleanProperty(true);
    private final ObjectProperty<Profile> switchOffer = new SimpleObjectProperty<>();
    private final ObservableList<String> deviceLog = FXCollections.observableArrayList();
    private final ObjectProperty<NewDeviceFlow.Result> deviceResult = new SimpleObjectProperty<>();

    public ThingsViewModel(PaneContext ctx) {
        this(ctx, null);
    }

    /** {@code io} null: a private daemon thread runs the SDK calls. */
    public ThingsViewModel(PaneContext ctx, Executor io) {
        super(ctx.fxSession());
        this.ctx = ctx;
        this.tasks = useTasks(PaneTasks.create(io, "things-pane-io", ctx.fxExecutor(), ThingsViewModel::explain));
        search.addListener((o, a, b) -> applyFilter());
        selected.addListener((o, a, b) -> {
            details.set(null);
            attributesText.set(b == null ? "" : format(b.attributes()));
            if (b != null) {
                loadDetails(b.name());
            }
        });
    }

    @Override
    public String title() {
        return "Things";
    }

    @Override
    public String purpose() {
        return "Browse and manage the Things registry, and set up a new device in one flow.";
    }

    @Override
    public List<String> capabilities() {
        return List.of("Things with attributes, groups, certificates and policies",
                "Create, edit and delete things", "One-page new-device flow");
    }

    @Override
    public void dispose() {
        tasks.dispose();
    }

    /** The reason the SDK or the disk gave, in its words. */
    static String explain(Throwable e) {
        return e.getMessage() == null ? "no reason was given" : e.getMessage();
    }

    private ThingsClient client() throws Exception {
        return new ThingsClient(ctx.aws().iot(ctx.fxSession().session().profile()));
    }

    /** Reloads the list (keeps the selection when the thing still exists). */
    public void refresh() {
        tasks.background("list", "Things could not be read", () -> client().list(250), list -> {
            ThingRow sel = selected.get();
            things.setAll(list);
            if (sel != null) {
                list.stream().filter(t -> t.name().equals(sel.name())).findFirst()
                        .ifPresentOrElse(selected::set, () -> selected.set(null));
            }
        });
    }

    private void loadDetails(String name) {
        String failure = "Details of " + name + " could not be read";
        tasks.background("details", failure, () -> client().details(name), d -> {
            ThingRow sel = selected.get();
            if (sel != null && sel.name().equals(name)) {
                details.set(d);
            }
        });
    }

    private void applyFilter() {
        String q = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        filtered.setPredicate(t -> q.isEmpty() || t.name().toLowerCase(Locale.ROOT).contains(q)
                || t.typeName() != null && t.typeName().toLowerCase(Locale.ROOT).contains(q)
                || t.attributes().entrySet().stream().anyMatch(e -> (e.getKey() + "=" + e.getValue())
                .toLowerCase(Locale.ROOT).contains(q)));
    }

    /** "key=value" lines (blank lines ignored) as a map; IllegalArgumentException naming a bad line. */
    static Map<String, String> parseAttributes(String text) {
        Map<String, String> map = new TreeMap<>();
        if (text == null) {
            return map;
        }
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Attributes are key=value lines; '" + line.trim() + "' is not.");
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            if (!key.matches("[a-zA-Z0-9_.,@/:#-]{1,128}") || !value.matches("[a-zA-Z0-9_.,@/:#=\\[\\]-]{0,800}")) {
                throw new IllegalArgumentException("The attribute '" + key + "' or its value has characters AWS "
                        + "does not allow (letters, digits and _.,@/:#- only).");
            }
            map.put(key, value);
        }
        return map;
    }

    static String format(Map<String, String> attributes) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(attributes).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    private interface Call {
        String run(ThingsClient c) throws Exception;
    }

    private void run(String what, Call call) {
        tasks.run(null, what, () -> call.run(client()), text -> {
            tasks.info(text);
            refresh();
        });
    }

    /** Creates a thing from {@link #newThingNameProperty()} and {@link #newThingAttributesProperty()}. */
    public void create() {
        String name = newThingName.get() == null ? "" : newThingName.get().trim();
        Map<String, String> attrs;
        try {
            attrs = parseAttributes(newThingAttributes.get());
        } catch (IllegalArgumentException e) {
            tasks.fail(e.getMessage());
            return;
        }
        Optional<String> nameProblem = ThingNames.problem(name);
        if (nameProblem.isPresent()) {
            tasks.fail(nameProblem.get());
            return;
        }
        run("The thing could not be created", c -> {
            c.create(name, null, attrs);
            return "Thing " + name + " created";
        });
    }

    /** Replaces the selected thing's attributes with {@link #attributesTextProperty()}. */
    public void saveAttributes() {
        ThingRow t = selected.get();
        if (t == null) {
            return;
        }
        Map<String, String> attrs;
        try {
            attrs = parseAttributes(attributesText.get());
        } catch (IllegalArgumentException e) {
            tasks.fail(e.getMessage());
            return;
        }
        run("The attributes could not be saved", c -> {
            c.replaceAttributes(t.name(), attrs);
            return "Attributes of " + t.name() + " saved";
        });
    }

    /** Deletes the selected thing after detaching its certificates and leaving its groups. */
    public void delete() {
        ThingRow t = selected.get();
        if (t == null) {
            return;
        }
        run("The thing could not be deleted", c -> String.join("; ", c.delete(t.name())));
    }

    // ------------------------------------------------------------------ new device

    /** Runs the new-device flow, then (optionally) saves a profile for the new thing and connects with it. */
    public void runNewDevice() {
        String name = deviceName.get() == null ? "" : deviceName.get().trim();
        Optional<String> nameProblem = ThingNames.problem(name);
        if (nameProblem.isPresent()) {
            tasks.fail(nameProblem.get());
            return;
        }
        Profile current = ctx.fxSession().session().profile();
        String folderText = deviceFolder.get() == null ? "" : deviceFolder.get().trim();
        String sdkText = wmSdkFolder.get() == null ? "" : wmSdkFolder.get().trim();
        boolean csr = useCsr.get();
        boolean connect = connectAfter.get();
        deviceLog.clear();
        deviceResult.set(null);
        tasks.run(null, "The new device could not be set up", () -> {
            try {
                Path folder = folderText.isEmpty() ? defaultFolder(current, name) : Path.of(folderText);
                Profile resolved = ctx.localCore().resolve(current);
                Path rootCa = resolved.rootCaFile() == null ? null : Path.of(resolved.rootCaFile());
                return new NewDeviceFlow(ctx.aws().iot(current)).run(
                        new NewDeviceFlow.Request(name, folder, csr, sdkText.isEmpty() ? null : Path.of(sdkText),
                                rootCa), line -> ctx.fxExecutor().execute(() -> deviceLog.add(line)));
            } catch (Exception e) {
                ctx.fxExecutor().execute(() -> deviceLog.add("✗ " + explain(e)));
                throw e;
            }
        }, result -> {
            finishNewDevice(result, profileFor(current, result), connect);
            refresh();
        });
    }

    /**
     * The flow is done. The session is never switched silently: with "ask" on, {@link #switchOfferProperty} holds the
     * new device's profile until the user answers ({@link #switchToNewDevice} or {@link #keepSession}).
     */
    private void finishNewDevice(NewDeviceFlow.Result result, Profile profile, boolean ask) {
        deviceResult.set(result);
        tasks.info("Device " + result.thingName() + " is ready; its files are in "
                + result.certificateFile().getParent());
        if (ask) {
            switchOffer.set(profile);
        }
    }

    /**
     * The user's yes: saves the new device's profile, switches the session to it (every pane follows its thing) and
     * connects with it, disconnecting the current connection first.
     */
    public void switchToNewDevice() {
        Profile profile = switchOffer.get();
        if (profile == null) {
            return;
        }
        switchOffer.set(null);
        tasks.run(null, "The session could not disconnect", () -> {
            if (ctx.fxSession().session().state().isActive()) {
                ctx.connection().disconnect().get(30, TimeUnit.SECONDS);
            }
            return Boolean.TRUE;
        }, disconnected -> {
            try {
                Profile saved = ctx.profiles().saveAndSelect(profile);
                deviceLog.add("Profile '" + saved.name() + "' saved and selected; connecting…");
                tasks.await(null, null, "Connecting failed", ctx.connection()::connect,
                        v -> tasks.info("Connected as " + profile.thingName()));
            } catch (Exception e) {
                deviceLog.add("✗ The profile could not be saved: " + e.getMessage());
                tasks.fail("The profile could not be saved: " + e.getMessage());
            }
        });
    }

    /** The user's no: the session stays as it is. */
    public void keepSession() {
        Profile profile = switchOffer.get();
        switchOffer.set(null);
        if (profile != null) {
            tasks.info("Device " + profile.thingName() + " is ready; the session stays on "
                    + ctx.fxSession().session().thingName() + ".");
        }
    }

    /** The new device's profile while the pane asks whether to switch the session to it; null otherwise. */
    public ReadOnlyObjectProperty<Profile> switchOfferProperty() {
        return switchOffer;
    }

    private Path defaultFolder(Profile current, String name) throws Exception {
        if (current.kind() == ProfileKind.LOCAL) {
            LocalIoTCore core = ctx.localCore().ready().get(60, TimeUnit.SECONDS);
            return core.dataDir().resolve("devices").resolve(name);
        }
        return Path.of(System.getProperty("user.home"), "iot-workbench", "devices", name);
    }

    /** A profile like the current one, for the new thing and its files (Local: the CA is filled in on connect). */
    static Profile profileFor(Profile current, NewDeviceFlow.Result r) {
        return current.withName(r.thingName()).withThingName(r.thingName()).withClientId(r.thingName())
                .withFiles(r.certificateFile().toString(), r.privateKeyFile().toString(),
                        current.kind() == ProfileKind.LOCAL ? null : current.rootCaFile());
    }

    /** Whether the session is connected (the new-device flow disconnects first when it is to connect). */
    public boolean isConnected() {
        return ctx.fxSession().stateProperty().get() == ConnectionState.CONNECTED;
    }

    // ------------------------------------------------------------------ properties

    public ObservableList<ThingRow> filteredThings() {
        return filtered;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<ThingRow> selectedProperty() {
        return selected;
    }

    public ObjectProperty<ThingDetails> detailsProperty() {
        return details;
    }

    public StringProperty attributesTextProperty() {
        return attributesText;
    }

    public StringProperty newThingNameProperty() {
        return newThingName;
    }

    public StringProperty newThingAttributesProperty() {
        return newThingAttributes;
    }

    public StringProperty deviceNameProperty() {
        return deviceName;
    }

    public BooleanProperty useCsrProperty() {
        return useCsr;
    }

    public StringProperty deviceFolderProperty() {
        return deviceFolder;
    }

    public StringProperty wmSdkFolderProperty() {
        return wmSdkFolder;
    }

    public BooleanProperty connectAfterProperty() {
        return connectAfter;
    }

    public ObservableList<String> deviceLog() {
        return deviceLog;
    }

    public ObjectProperty<NewDeviceFlow.Result> deviceResultProperty() {
        return deviceResult;
    }
}
