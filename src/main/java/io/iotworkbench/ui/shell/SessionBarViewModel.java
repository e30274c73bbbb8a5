package io.iotworkbench.ui.shell;

import io.iotworkbench.event.Notification;
import io.iotworkbench.registry.ThingNames;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Connector;
import io.iotworkbench.ui.common.FxSession;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;

import java.util.Locale;
import java.util.Objects;

/**
 * The session bar's logic: thing name editing, Connect/Disconnect, and the state badge's text and tooltip.
 *
 * <p>FX thread. Connect and disconnect return at once; the connector drives the session's state, which comes back
 * through {@link FxSession}.
 */
public final class SessionBarViewModel {

    private final FxSession fxSession;
    private final Connector connector;

    public SessionBarViewModel(FxSession fxSession, Connector connector) {
        this.fxSession = Objects.requireNonNull(fxSession);
        this.connector = Objects.requireNonNull(connector);
    }

    public FxSession fxSession() {
        return fxSession;
    }

    /**
     * Sets the thing every pane follows.
     *
     * @return an error message for the field, or empty when accepted
     */
    public String commitThingName(String text) {
        String name = text == null ? "" : text.strip();
        if (!name.isEmpty() && !ThingNames.isValid(name)) {
            return ThingNames.problem(name).orElseThrow();
        }
        fxSession.session().setThingName(name);
        return "";
    }

    public void connect() {
        fxSession.session().events().publish(Notification.info("Connecting with profile '"
                + fxSession.session().profile().name() + "'…"));
        connector.connect();
    }

    public void disconnect() {
        connector.disconnect();
    }

    /** Connect is offered while no connection exists or is being made. */
    public BooleanBinding canConnect() {
        return Bindings.createBooleanBinding(() -> !isActive(fxSession.stateProperty().get()),
                fxSession.stateProperty());
    }

    public BooleanBinding canDisconnect() {
        return canConnect().not();
    }

    /** Profiles can be switched only while disconnected or failed. */
    public BooleanBinding profileLocked() {
        return canDisconnect();
    }

    public StringBinding badgeText() {
        return Bindings.createStringBinding(() -> {
            ConnectionState s = fxSession.stateProperty().get();
            return s == null ? "" : s.name().toLowerCase(Locale.ROOT);
        }, fxSession.stateProperty());
    }

    /** The badge tooltip: the state and, when there was one, the reason of the last failure. */
    public StringBinding badgeTooltip() {
        return Bindings.createStringBinding(() -> {
            String reason = fxSession.failureReasonProperty().get();
            String state = badgeText().get();
            return reason == null || reason.isEmpty() ? "Connection: " + state
                    : "Connection: " + state + "\nLast failure: " + reason;
        }, fxSession.stateProperty(), fxSession.failureReasonProperty());
    }

    private static boolean isActive(ConnectionState s) {
        return s != null && s.isActive();
    }
}
