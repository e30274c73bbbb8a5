package io.iotworkbench.ui.common;

import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;

import java.util.List;
import java.util.Objects;

/**
 * What every pane's view model shares: the session it follows (current thing, connection state) and a description of
 * the pane for its header. Subclasses add the pane's own properties and commands.
 *
 * <p>Lifecycle: {@link #dispose()} is the one method that ends a pane view model (its worker threads, pumps and
 * subscriptions); the pane's view calls it when the window closes. Blocking work goes through {@link PaneTasks}.
 *
 * <p>FX thread (through {@link FxSession}); testable without a toolkit with a direct executor.
 */
public abstract class PaneViewModel {

    private final FxSession fxSession;
    private PaneTasks tasks;

    protected PaneViewModel(FxSession fxSession) {
        this.fxSession = Objects.requireNonNull(fxSession);
    }

    /** Tab title. */
    public abstract String title();

    /** One sentence on what the pane is for. */
    public abstract String purpose();

    /** What the pane does or will do, one line per capability. */
    public abstract List<String> capabilities();

    /**
     * Registers the pane's {@link PaneTasks} (call once, in the constructor): {@link #messageProperty()},
     * {@link #errorProperty()} and {@link #busyProperty()} then show theirs. Returns {@code tasks}.
     */
    protected final PaneTasks useTasks(PaneTasks tasks) {
        this.tasks = Objects.requireNonNull(tasks);
        return tasks;
    }

    /** What the pane is doing or what went wrong, in the user's words (its tasks' message). */
    public ReadOnlyStringProperty messageProperty() {
        return registeredTasks().messageProperty();
    }

    /** True when the message is a failure. */
    public ReadOnlyBooleanProperty errorProperty() {
        return registeredTasks().errorProperty();
    }

    /** True while a task that shows busy runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return registeredTasks().busyProperty();
    }

    private PaneTasks registeredTasks() {
        if (tasks == null) {
            throw new IllegalStateException(title() + " pane has no tasks registered");
        }
        return tasks;
    }

    /** Releases what the view model holds (threads, pumps, subscriptions); idempotent. Nothing by default. */
    public void dispose() {
    }

    public FxSession fxSession() {
        return fxSession;
    }

    public Session session() {
        return fxSession.session();
    }

    public ReadOnlyStringProperty thingNameProperty() {
        return fxSession.thingNameProperty();
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionStateProperty() {
        return fxSession.stateProperty();
    }

    /** "Thing wm_demo_1 · CONNECTED", for the pane header. */
    public StringBinding sessionSummary() {
        return Bindings.createStringBinding(() -> {
            String thing = fxSession.thingNameProperty().get();
            ConnectionState s = fxSession.stateProperty().get();
            return "Thing " + (thing == null || thing.isEmpty() ? "(none)" : thing)
                    + " · " + (s == null ? "" : s.name().toLowerCase(java.util.Locale.ROOT))
                    + " · profile " + fxSession.profileProperty().get().name();
        }, fxSession.thingNameProperty(), fxSession.stateProperty(), fxSession.profileProperty());
    }
}
