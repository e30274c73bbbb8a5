package io.iotworkbench.ui.common;

import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.ConnectionStatus;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import io.iotworkbench.session.SessionListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The session as read-only JavaFX properties, for binding in views and view models. Handed to every pane by
 * constructor, together with the {@link Session} itself for commands.
 *
 * <p>Threading: the core session changes on any thread; this adapter copies its state onto the FX thread through
 * the given executor ({@code Platform::runLater} in the app, a direct executor in tests). Changes are coalesced: at
 * most one copy is pending at a time and it always copies the latest state, so a burst of transitions costs one FX
 * update and the properties never go back to an older state.
 */
public final class FxSession {

    private final Session session;
    private final Executor fxExecutor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ReadOnlyObjectWrapper<Profile> profile = new ReadOnlyObjectWrapper<>(this, "profile");
    private final ReadOnlyObjectWrapper<ConnectionStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyStringWrapper failureReason = new ReadOnlyStringWrapper(this, "failureReason", "");
    private final ReadOnlyStringWrapper thingName = new ReadOnlyStringWrapper(this, "thingName");
    private final ReadOnlyStringWrapper shadowName = new ReadOnlyStringWrapper(this, "shadowName");
    private final ReadOnlyBooleanWrapper presenterMode = new ReadOnlyBooleanWrapper(this, "presenterMode");

    public FxSession(Session session, Executor fxExecutor) {
        this.session = Objects.requireNonNull(session);
        this.fxExecutor = Objects.requireNonNull(fxExecutor);
        copy();
        session.redactor().addListener(this::scheduleCopy);
        session.addListener(new SessionListener() {
            @Override
            public void connectionChanged(ConnectionStatus previous, ConnectionStatus current) {
                scheduleCopy();
            }

            @Override
            public void profileChanged(Profile p) {
                scheduleCopy();
            }

            @Override
            public void thingChanged(String name) {
                scheduleCopy();
            }

            @Override
            public void shadowChanged(String name) {
                scheduleCopy();
            }
        });
    }

    public Session session() {
        return session;
    }

    private void scheduleCopy() {
        if (pending.compareAndSet(false, true)) {
            fxExecutor.execute(() -> {
                pending.set(false);
                copy();
            });
        }
    }

    private void copy() {
        ConnectionStatus s = session.status();
        ConnectionStatus shown = status.get();
        if (shown == null || s.sequence() >= shown.sequence()) {
            status.set(s);
            state.set(s.state());
            if (s.state() == ConnectionState.FAILED || s.state() == ConnectionState.RECONNECTING) {
                failureReason.set(s.reason());
            }
        }
        profile.set(session.profile());
        thingName.set(session.thingName());
        shadowName.set(session.shadowName());
        presenterMode.set(session.redactor().isPresenterMode());
    }

    /** Presenter mode ({@link io.iotworkbench.diagnostics.Redactor}): views hide account details while it is on. */
    public ReadOnlyBooleanProperty presenterModeProperty() {
        return presenterMode.getReadOnlyProperty();
    }

    /** {@code text} as it may be shown now (Wi-Fi passwords always, account details in presenter mode masked). */
    public String shown(String text) {
        return session.redactor().shown(text);
    }

    public ReadOnlyObjectProperty<Profile> profileProperty() {
        return profile.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The reason of the last failure or reconnect, kept after the state moves on. */
    public ReadOnlyStringProperty failureReasonProperty() {
        return failureReason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty thingNameProperty() {
        return thingName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty shadowNameProperty() {
        return shadowName.getReadOnlyProperty();
    }
}
