package io.iotworkbench.ui.shell;

import io.iotworkbench.diagnostics.ErrorLog;
import io.iotworkbench.event.Notification;
import io.iotworkbench.localcore.policy.PolicyMode;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.session.SessionMetrics;
import io.iotworkbench.ui.common.FxSession;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The status bar's figures: connection state, the Local profile's status ("policies: enforce", how the window's
 * Local IoT Core applies IoT policies), messages per second, dropped messages, uncaught errors and the last
 * notification. The connection follows the session's properties; the counters are sampled by {@link #tick()} once a
 * second (the window's shared tick, see {@link io.iotworkbench.concurrent.AlignedTicks}), which posts to the FX thread
 * only when a shown figure moved, so the cost does not depend on the message rate and an idle bar posts nothing.
 *
 * <p>FX thread, apart from {@link #tick()} (the scheduler's thread).
 */
public final class StatusBarViewModel {

    /** What the once-a-second tick shows: only when one of them moved does it post to the FX thread. */
    record Figures(String rate, String dropped, long errors) {
    }

    private final FxSession fxSession;
    private final ErrorLog errorLog;
    private final Executor fx;
    /** The figures the tick posted last; the tick's thread only. */
    private Figures posted;
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper(this, "connection", "");
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper(this, "rate", "0 msg/s");
    private final ReadOnlyStringWrapper dropped = new ReadOnlyStringWrapper(this, "dropped", "0 dropped");
    private final ReadOnlyLongWrapper errorCount = new ReadOnlyLongWrapper(this, "errorCount");
    private final ReadOnlyStringWrapper lastNotification = new ReadOnlyStringWrapper(this, "lastNotification", "");
    private final ObjectProperty<PolicyMode> localPolicies = new SimpleObjectProperty<>();

    public StatusBarViewModel(FxSession fxSession, ErrorLog errorLog) {
        this(fxSession, errorLog, Platform::runLater);
    }

    /** {@code fx} runs the refreshes the tick posts (tests pass one that runs inline). */
    StatusBarViewModel(FxSession fxSession, ErrorLog errorLog, Executor fx) {
        this.fxSession = fxSession;
        this.errorLog = errorLog;
        this.fx = fx;
        fxSession.statusProperty().addListener((o, from, to) -> showConnection());
        fxSession.profileProperty().addListener((o, from, to) -> showConnection());
        showConnection();
        refresh();
    }

    /** The connection's state and profile, as they change (FX thread); no tick needed. */
    private void showConnection() {
        var status = fxSession.statusProperty().get();
        var profile = fxSession.profileProperty().get();
        connection.set(status == null || profile == null ? "" : status.state().name().toLowerCase(Locale.ROOT)
                + " · " + profile.name());
    }

    /** The figures now, from counters that any thread may read. */
    Figures figures() {
        SessionMetrics m = fxSession.session().metrics();
        return new Figures(formatRate(m.messagesPerSecond()), m.droppedMessages() + " dropped",
                errorLog.totalCount());
    }

    /**
     * The once-a-second tick, on the scheduler's thread: posts a refresh to the FX thread only when a figure shown
     * moved, so an idle window's status bar wakes nothing (decision 0029). Returns whether it posted.
     */
    boolean tick() {
        Figures now = figures();
        if (now.equals(posted)) {
            return false;
        }
        posted = now;
        fx.execute(() -> show(now));
        return true;
    }

    /** Shows the figures now (FX thread). */
    public void refresh() {
        show(figures());
    }

    private void show(Figures f) {
        rate.set(f.rate());
        dropped.set(f.dropped());
        errorCount.set(f.errors());
    }

    /** Shows a notification as the last one (FX thread). */
    public void show(Notification n) {
        lastNotification.set(n.text());
    }

    static String formatRate(double perSecond) {
        if (perSecond >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk msg/s", perSecond / 1000);
        }
        return String.format(Locale.ROOT, "%.0f msg/s", perSecond);
    }

    /** True while presenter mode is on (the status bar shows a badge). */
    public javafx.beans.property.ReadOnlyBooleanProperty presenterModeProperty() {
        return fxSession.presenterModeProperty();
    }

    public ReadOnlyStringProperty connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty errorCountProperty() {
        return errorCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastNotificationProperty() {
        return lastNotification.getReadOnlyProperty();
    }

    /** Tells the bar how the window's Local IoT Core applies IoT policies, once it runs. FX thread. */
    public void showLocalPolicies(PolicyMode mode) {
        localPolicies.set(mode);
    }

    /**
     * The Local profile's status: "policies: enforce" (or log, off) while a Local profile is selected and its core
     * runs; empty for an AWS profile or before the core has started.
     */
    public StringBinding localStatus() {
        return Bindings.createStringBinding(() -> {
            PolicyMode mode = localPolicies.get();
            var profile = fxSession.profileProperty().get();
            return mode == null || profile == null || profile.kind() != ProfileKind.LOCAL ? ""
                    : "policies: " + mode.word();
        }, localPolicies, fxSession.profileProperty());
    }

    /** What the Local profile's status means, for its tooltip. */
    public StringBinding localStatusTooltip() {
        return Bindings.createStringBinding(() -> {
            PolicyMode mode = localPolicies.get();
            if (mode == null) {
                return "";
            }
            return "The Local IoT Core " + switch (mode) {
                case ENFORCE -> "enforces IoT policies: it refuses what AWS IoT Core would refuse.";
                case LOG -> "allows everything but records what AWS IoT Core would refuse (Access tab).";
                case OFF -> "does not evaluate IoT policies: everything is allowed.";
            };
        }, localPolicies);
    }
}
