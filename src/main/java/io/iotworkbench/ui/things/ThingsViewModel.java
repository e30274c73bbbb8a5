package io.iotworkbench.ui.things;

import io.iotworkbench.concurrent.DaemonThreads;
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
import io.iotworkbench.ui.common.PaneViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * View model of the Things pane: the things list (search by name, type or attribute), the selected thing's groups,
 * certificates and policies, create / edit attributes / delete (detaching first), and the one-page "new device"
 * flow ({@link NewDeviceFlow}) that ends by saving a session profile for the new thing and connecting with it.
 *
 * <p>Threading: properties are FX-thread; SDK calls and disk work run on {@code io} (one "things-pane-io" thread)
 * and results are applied through the context's fxExecutor. Tests pass direct executors.
 */
public final class ThingsViewModel extends PaneViewModel {

    private final PaneContext ctx;
    private final Executor io;
    private final ExecutorService ownIo;
    private final ObservableList<ThingRow> things = FXCollections.observableArrayList();
    private final FilteredList<ThingRow> filtered = new FilteredList<>(things, t -> true);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<ThingRow> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<ThingDetails> details = new SimpleObjectProperty<>();
    private final StringProperty attributesText = new SimpleStringProperty("");
    private final StringProperty newThingName = new SimpleStringProperty("");
    private final StringProperty newThingAttributes = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

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
        this.ownIo = io == null ? Executors.newSingleThreadExecutor(DaemonThreads.named("things-pane-io")) : null;
        this.io = io == null ? ownIo : io;
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
        if (ownIo != null) {
            ownIo.shutdownNow();
        }
    }

    private ThingsClient client() throws Exception {
        return new ThingsClient(ctx.aws().iot(ctx.fxSession().session().profile()));
    }

    private void fail(String what, Exception e) {
        String text = what + ": " + e.getMessage();
        ctx.fxExecutor().execute(() -> {
            busy.set(false);
            message.set(text);
        });
    }

    /** Reloads the list (keeps the selection when the thing still exists). */
    public void refresh() {
        io.execute(() -> {
            try {
                List<ThingRow> list = client().list(250);
                ctx.fxExecutor().execute(() -> {
                    ThingRow sel = selected.get();
                    things.setAll(list);
                    if (sel != null) {
                        list.stream().filter(t -> t.name().equals(sel.name())).findFirst()
                                .ifPresentOrElse(selected::set, () -> selected.set(null));
                    }
                });
            } catch (Exception e) {
                fail("Things could not be read", e);
            }
        });
    }

    private void loadDetails(String name) {
        io.execute(() -> {
            try {
                ThingDetails d = client().details(name);
                ctx.fxExecutor().execute(() -> {
                    ThingRow sel = selected.get();
                    if (sel != null && sel.name().equals(name)) {
                        details.set(d);
                    }
                });
            } catch (Exception e) {
                fail("Details of " + name + " could not be read", e);
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
        busy.set(true);
        io.execute(() -> {
            try {
                String text = call.run(client());
                ctx.fxExecutor().execute(() -> {
                    busy.set(false);
                    message.set(text);
                });
                refresh();
            } catch (Exception e) {
                fail(what, e);
            }
        });
    }

    /** Creates a thing from {@link #newThingNameProperty()} and {@link #newThingAttributesProperty()}. */
    public void create() {
        String name = newThingName.get() == null ? "" : newThingName.get().trim();
        Map<String, String> attrs;
        try {
            attrs = parseAttributes(newThingAttributes.get());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        Optional<String> nameProblem = ThingNames.problem(name);
        if (nameProblem.isPresent()) {
            message.set(nameProblem.get());
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
            message.set(e.getMessage());
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
            message.set(nameProblem.get());
            return;
        }
        Profile current = ctx.fxSession().session().profile();
        String folderText = deviceFolder.get() == null ? "" : deviceFolder.get().trim();
        String sdkText = wmSdkFolder.get() == null ? "" : wmSdkFolder.get().trim();
        boolean csr = useCsr.get();
        boolean connect = connectAfter.get();
        busy.set(true);
        deviceLog.clear();
        deviceResult.set(null);
        io.execute(() -> {
            try {
                Path folder = folderText.isEmpty() ? defaultFolder(current, name) : Path.of(folderText);
                Profile resolved = ctx.localCore().resolve(current);
                Path rootCa = resolved.rootCaFile() == null ? null : Path.of(resolved.rootCaFile());
                NewDeviceFlow.Result result = new NewDeviceFlow(ctx.aws().iot(current)).run(
                        new NewDeviceFlow.Request(name, folder, csr, sdkText.isEmpty() ? null : Path.of(sdkText),
                                rootCa), line -> ctx.fxExecutor().execute(() -> deviceLog.add(line)));
                Profile profile = profileFor(current, result);
                ctx.fxExecutor().execute(() -> finishNewDevice(result, profile, connect));
                refresh();
            } catch (Exception e) {
                ctx.fxExecutor().execute(() -> deviceLog.add("✗ " + e.getMessage()));
                fail("The new device could not be set up", e);
            }
        });
    }

    /**
     * The flow is done. The session is never switched silently: with "ask" on, {@link #switchOfferProperty} holds the
     * new device's profile until the user answers ({@link #switchToNewDevice} or {@link #keepSession}).
     */
    private void finishNewDevice(NewDeviceFlow.Result result, Profile profile, boolean ask) {
        busy.set(false);
        deviceResult.set(result);
        message.set("Device " + result.thingName() + " is ready; its files are in "
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
        busy.set(true);
        io.execute(() -> {
            try {
                if (ctx.fxSession().session().state().isActive()) {
                    ctx.connection().disconnect().get(30, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                fail("The session could not disconnect", e);
                return;
            }
            ctx.fxExecutor().execute(() -> {
                busy.set(false);
                try {
                    Profile saved = ctx.profiles().saveAndSelect(profile);
                    deviceLog.add("Profile '" + saved.name() + "' saved and selected; connecting…");
                    ctx.connection().connect().whenComplete((v, e) -> ctx.fxExecutor().execute(() -> message.set(
                            e == null ? "Connected as " + profile.thingName()
                                    : "Connecting failed: " + e.getMessage())));
                } catch (Exception e) {
                    deviceLog.add("✗ The profile could not be saved: " + e.getMessage());
                    message.set("The profile could not be saved: " + e.getMessage());
                }
            });
        });
    }

    /** The user's no: the session stays as it is. */
    public void keepSession() {
        Profile profile = switchOffer.get();
        switchOffer.set(null);
        if (profile != null) {
            message.set("Device " + profile.thingName() + " is ready; the session stays on "
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

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
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
