package io.iotworkbench.ui.shell;

import io.iotworkbench.concurrent.AlignedTicks;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * The status bar: a badge while presenter mode is on, connection, messages per second, dropped messages, an error
 * counter that opens the error log, and the last notification (on a row of its own when long). Refreshes once a
 * second from a scheduler tick, not from a JavaFX Timeline: a running animation keeps the FX pulse going at 60 Hz, so
 * an idle window would never sleep (decision 0021). The tick falls on the window's shared second and posts only when
 * a figure moved (decision 0029). FX thread, apart from the tick.
 */
public final class StatusBarView {

    private final FlowPane root;
    private final ScheduledFuture<?> ticker;
    private Runnable tooltips;

    public StatusBarView(StatusBarViewModel vm, Runnable openErrorLog, ScheduledExecutorService scheduler,
                         Clock clock) {
        Label connection = label("status-connection", vm.connectionProperty());
        Label rate = label("status-rate", vm.rateProperty());
        Label dropped = label("status-dropped", vm.droppedProperty());
        Hyperlink errors = new Hyperlink();
        errors.setId("status-errors");
        errors.textProperty().bind(vm.errorCountProperty().asString("%d errors"));
        errors.setOnAction(e -> openErrorLog.run());
        vm.errorCountProperty().addListener((obs, o, n) -> {
            errors.getStyleClass().remove("has-errors");
            if (n.longValue() > 0) {
                errors.getStyleClass().add("has-errors");
            }
        });
        Label policies = new Label();
        policies.setId("status-policies");
        policies.textProperty().bind(vm.localStatus());
        policies.visibleProperty().bind(policies.textProperty().isNotEmpty());
        policies.managedProperty().bind(policies.visibleProperty());
        io.iotworkbench.ui.common.Toolbars.whole(connection, policies, rate, dropped, errors);
        Label last = label("status-notification", vm.lastNotificationProperty());
        Label presenter = new Label("Presenter mode");
        presenter.setId("status-presenter");
        presenter.getStyleClass().addAll("state-badge", "presenter-badge");
        presenter.setMinWidth(Label.USE_PREF_SIZE);
        presenter.visibleProperty().bind(vm.presenterModeProperty());
        presenter.managedProperty().bind(vm.presenterModeProperty());
        // the fields keep their width and wrap as a whole; the last notification follows them when it fits, takes a
        // row of its own when it does not, and wraps within the bar's width when even that is too narrow
        root = io.iotworkbench.ui.common.Toolbars.wrapping(10, presenter, connection, policies, sep(connection), rate,
                sep(connection), dropped, sep(connection), errors, sep(connection), last);
        root.setPadding(new Insets(3, 10, 3, 10));
        last.setWrapText(true);
        last.setMinWidth(Region.USE_COMPUTED_SIZE);
        last.maxWidthProperty().bind(root.widthProperty().subtract(20));
        root.getStyleClass().add("status-bar");
        ticker = AlignedTicks.everyWindowSecond(scheduler, clock, vm::tick);
        this.tooltips = () -> {
            Tooltip policiesTip = new Tooltip();
            policiesTip.textProperty().bind(vm.localStatusTooltip());
            policies.setTooltip(policiesTip);
            Tooltip whole = new Tooltip();
            whole.textProperty().bind(last.textProperty());
            last.setTooltip(whole);
            Tooltip.install(presenter, new Tooltip(
                    "Larger text; Wi-Fi passwords, account ids, endpoint prefixes and credentials profiles hidden"));
        };
    }

    /**
     * Sets the bar's tooltips (once; the window calls it after its first frame: each tooltip is a popup window with
     * its own scene, decision 0032).
     */
    public void installTooltips() {
        if (tooltips != null) {
            tooltips.run();
            tooltips = null;
        }
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        return l;
    }

    /** A vertical separator as high as {@code beside}. */
    private static Separator sep(Label beside) {
        Separator sep = new Separator(Orientation.VERTICAL);
        sep.prefHeightProperty().bind(beside.heightProperty());
        return sep;
    }

    public FlowPane root() {
        return root;
    }

    public void dispose() {
        ticker.cancel(false);
    }
}
