package io.iotworkbench.ui.access;

import io.iotworkbench.diagnostics.PlainText;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.policy.AccessDecision;
import io.iotworkbench.localcore.policy.DecisionLog;
import io.iotworkbench.localcore.policy.PolicySimulator;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.stream.BoundedBuffer;
import io.iotworkbench.ui.common.FxPump;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.PaneTasks;
import io.iotworkbench.ui.common.PaneViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
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
import javafx.collections.transformation.FilteredList;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * View model of the Access pane: the live decision trace of the session's Local IoT Core (newest {@link #ROWS}
 * decisions, filtered by thing or client, action and denied-only), the selected decision's policy with the deciding
 * statement marked, and the policy simulator ({@link #simulator()}).
 *
 * <p>Threading: every property and command on the FX thread (tests: a direct executor). Decisions arrive on broker
 * threads: the {@link DecisionLog} listener only offers them to a bounded buffer (oldest dropped and counted) and
 * signals an {@link FxPump}, which applies one batch per pulse. Blocking work (the simulator) runs through the pane's
 * {@link PaneTasks} on its {@code access-worker} thread.
 */
public final class AccessViewModel extends PaneViewModel {

    /** Decisions kept in the table. */
    public static final int ROWS = 5_000;
    /** Decisions waiting for the FX thread at most; more are dropped, oldest first, and counted. */
    static final int BUFFER = 10_000;
    /** The action filter's "no filter" choice. */
    public static final String ALL_ACTIONS = "All actions";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    private final PaneContext context;
    private final PaneTasks tasks;
    private final Clock clock;
    private final ObservableList<AccessDecision> all = FXCollections.observableArrayList();
    private final FilteredList<AccessDecision> shown = new FilteredList<>(all);
    private final StringProperty thingFilter = new SimpleStringProperty(this, "thingFilter", "");
    private final ObjectProperty<String> actionFilter = new SimpleObjectProperty<>(this, "actionFilter", ALL_ACTIONS);
    private final BooleanProperty deniedOnly = new SimpleBooleanProperty(this, "deniedOnly");
    private final ObjectProperty<AccessDecision> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<PolicyText> policy = new ReadOnlyObjectWrapper<>(this, "policy",
            PolicyText.EMPTY);
    private final ReadOnlyStringWrapper policyTitle = new ReadOnlyStringWrapper(this, "policyTitle", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper(this, "mode", "");
    private final BoundedBuffer<AccessDecision> incoming = new BoundedBuffer<>(BUFFER);
    private final FxPump<AccessDecision> pump;
    private final SimulatorModel simulator;
    private Set<AccessDecision> fromSnapshot = Collections.newSetFromMap(new IdentityHashMap<>());
    private Runnable unlisten = () -> { };
    private long denied;
    private boolean attached;
    private boolean disposed;

    public AccessViewModel(PaneContext context) {
        this(context, null, Clock.systemUTC(), null);
    }

    /**
     * @param worker        where blocking work runs; null for the pane's own thread (tests: a direct executor)
     * @param localOverride the Local profile's simulator; null for the Local IoT Core's own
     */
    AccessViewModel(PaneContext context, Executor worker, Clock clock, PolicySimulator localOverride) {
        super(context.fxSession());
        this.context = context;
        this.clock = clock;
        this.tasks = useTasks(PaneTasks.create(worker, "access-worker", context.fxExecutor(),
                e -> e instanceof IllegalArgumentException ? e.getMessage()
                        : PlainText.withoutJavaNames(e.getMessage(), "the IoT Core did not answer")));
        this.pump = new FxPump<>(incoming, this::apply, context.fxExecutor(), context.scheduler(),
                FxPump.DEFAULT_INTERVAL_NANOS, 2_000);
        this.simulator = new SimulatorModel(context, tasks, clock, localOverride, this::showDecision);
        thingFilter.addListener((o, a, b) -> refilter());
        actionFilter.addListener((o, a, b) -> refilter());
        deniedOnly.addListener((o, a, b) -> refilter());
        selected.addListener((o, a, b) -> showDecision(b));
        context.localCore().ready().thenAccept(core -> context.fxExecutor().execute(() -> attach(core)));
        updateStatus();
    }

    @Override
    public String title() {
        return "Access";
    }

    @Override
    public String purpose() {
        return "See why the IoT Core allowed or denied each connect, publish, subscribe and delivery, and ask it.";
    }

    @Override
    public List<String> capabilities() {
        return List.of("Live decision trace of the Local IoT Core with the deciding policy statement",
                "Filters: thing or client, action, denied only",
                "Policy simulator: the Local IoT Core's, or AWS's TestAuthorization on an AWS profile");
    }

    /** Follows the core's decision log: its kept decisions first, then each new one through the pump. */
    void attach(LocalIoTCore core) {
        attach(core.decisions());
        mode.set("Policies: " + core.policyMode().word());
    }

    void attach(DecisionLog log) {
        if (attached || disposed) {
            return;
        }
        attached = true;
        unlisten = log.listen(d -> {
            incoming.offer(d);
            pump.signal();
        });
        List<AccessDecision> snapshot = log.snapshot();
        apply(snapshot.subList(Math.max(0, snapshot.size() - ROWS), snapshot.size()));
        fromSnapshot.addAll(snapshot); // recorded after listen() and before snapshot(): also in the buffer
    }

    /** One batch on the FX thread: append (skipping what the snapshot already had), trim to {@link #ROWS}. */
    private void apply(List<AccessDecision> batch) {
        if (disposed) {
            return;
        }
        List<AccessDecision> fresh = batch;
        if (!fromSnapshot.isEmpty() && batch != null) {
            fresh = new ArrayList<>(batch.size());
            boolean any = false;
            for (AccessDecision d : batch) {
                if (fromSnapshot.remove(d)) {
                    any = true;
                } else {
                    fresh.add(d);
                }
            }
            if (!any) {
                fromSnapshot = Collections.newSetFromMap(new IdentityHashMap<>());
            }
        }
        int overflow = all.size() + fresh.size() - ROWS;
        List<AccessDecision> keep = overflow > 0 && fresh.size() > ROWS
                ? fresh.subList(fresh.size() - ROWS, fresh.size()) : fresh;
        for (AccessDecision d : keep) {
            if (!d.allowed()) {
                denied++;
            }
        }
        if (overflow > 0) {
            int remove = Math.min(all.size(), overflow);
            for (AccessDecision gone : all.subList(0, remove)) {
                if (!gone.allowed()) {
                    denied--;
                }
            }
            all.remove(0, remove);
        }
        all.addAll(keep);
        updateStatus();
    }

    private void refilter() {
        String thing = thingFilter.get() == null ? "" : thingFilter.get().trim().toLowerCase(Locale.ROOT);
        String action = actionFilter.get();
        boolean onlyDenied = deniedOnly.get();
        Predicate<AccessDecision> p = d -> (!onlyDenied || !d.allowed())
                && (action == null || ALL_ACTIONS.equals(action) || action.equals(d.action()))
                && (thing.isEmpty() || contains(d.thingName(), thing) || contains(d.clientId(), thing));
        shown.setPredicate(p);
        updateStatus();
    }

    private static boolean contains(String s, String lowerNeedle) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    private void updateStatus() {
        long dropped = incoming.droppedCount();
        status.set(String.format(Locale.ROOT, "%,d decisions (%,d denied), %,d shown%s", all.size(), denied,
                shown.size(), dropped == 0 ? "" : String.format(Locale.ROOT, ", %,d dropped while the view was "
                        + "busy", dropped)));
    }

    private void showDecision(AccessDecision d) {
        if (d == null) {
            policy.set(PolicyText.EMPTY);
            policyTitle.set("");
            return;
        }
        policy.set(PolicyText.of(d.policyDocument(), d.statementIndex()));
        policyTitle.set(d.policyName() == null ? (d.allowed() ? "Allowed: " : "No policy statement allowed it: ")
                + d.reason()
                : "Policy " + d.policyName() + (d.policyVersionId() == null ? "" : " version " + d.policyVersionId())
                + (d.statementIndex() < 0 ? "" : ", statement " + (d.statementIndex() + 1)) + " — " + d.reason());
    }

    /** The decisions that pass the filters, oldest first. */
    public ObservableList<AccessDecision> decisions() {
        return shown;
    }

    public StringProperty thingFilterProperty() {
        return thingFilter;
    }

    /** {@link #ALL_ACTIONS} or an action such as {@code iot:Publish}. */
    public ObjectProperty<String> actionFilterProperty() {
        return actionFilter;
    }

    public List<String> actionChoices() {
        List<String> out = new ArrayList<>();
        out.add(ALL_ACTIONS);
        for (SimulatorModel.Action a : SimulatorModel.Action.values()) {
            out.add(a.iotAction());
        }
        return out;
    }

    public BooleanProperty deniedOnlyProperty() {
        return deniedOnly;
    }

    public ObjectProperty<AccessDecision> selectedProperty() {
        return selected;
    }

    /** The deciding policy of the selected decision (or the simulator's last answer), its statement marked. */
    public ReadOnlyObjectProperty<PolicyText> policyProperty() {
        return policy.getReadOnlyProperty();
    }

    /** One line above the policy: which policy, version and statement decided, and why. */
    public ReadOnlyStringProperty policyTitleProperty() {
        return policyTitle.getReadOnlyProperty();
    }

    /** "1,234 decisions (12 denied), 40 shown[, N dropped while the view was busy]". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "Policies: enforce" once the Local IoT Core runs. */
    public ReadOnlyStringProperty modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** Empty on the Local profile; on an AWS profile, that the trace is the Local IoT Core's only. */
    public StringBinding traceNotice() {
        return Bindings.createStringBinding(() -> context.fxSession().profileProperty().get().kind()
                        == ProfileKind.LOCAL ? "" : "The decision trace exists only for the Local IoT Core: AWS "
                        + "does not publish its decisions. The simulator below asks AWS (TestAuthorization) for "
                        + "this profile.",
                context.fxSession().profileProperty());
    }

    public SimulatorModel simulator() {
        return simulator;
    }

    /** Empties the table (the core keeps its own log). */
    public void clear() {
        all.clear();
        denied = 0;
        selected.set(null);
        updateStatus();
    }

    /** How many decisions the buffer dropped because the FX thread was behind. */
    public long dropped() {
        return incoming.droppedCount();
    }

    /** "12:01:02.345". */
    public static String time(AccessDecision d) {
        return TIME.format(d.time().atZone(ZoneId.systemDefault()));
    }

    /** "ALLOW", "DENY" or "DENY (explicit)". */
    public static String verdictWord(AccessDecision d) {
        return switch (d.verdict()) {
            case ALLOWED -> "ALLOW";
            case IMPLICIT_DENY -> "DENY";
            case EXPLICIT_DENY -> "DENY (explicit)";
        };
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void dispose() {
        disposed = true;
        unlisten.run();
        pump.stop();
        tasks.dispose();
    }
}
