package io.iotworkbench.ui.shell;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.application.Platform;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The status bar: a badge while presenter mode is on, connection, messages per second, dropped messages, an error
 * counter that opens the error log, and the last notification (wrapped when long). Refreshes once a second from a
 * scheduler tick, not from a JavaFX Timeline: a running animation keeps the FX pulse going at 60 Hz, so an idle
 * window would never sleep (decision 0021). FX thread, apart from the tick that posts the refresh.
 */
public final class StatusBarView {

    private final HBox root;
    private final ScheduledFuture<?> ticker;

    public StatusBarView(StatusBarViewModel vm, Runnable openErrorLog, ScheduledExecutorService scheduler) {
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
        javafx.scene.control.Tooltip policiesTip = new javafx.scene.control.Tooltip();
        policiesTip.textProperty().bind(vm.localStatusTooltip());
        policies.setTooltip(policiesTip);
        io.iotworkbench.ui.common.Toolbars.whole(connection, policies, rate, dropped, errors);
        Label last = label("status-notification", vm.lastNotificationProperty());
        last.setMaxWidth(Double.MAX_VALUE);
        // whole at large text on a small screen: a long notification wraps (the bar grows), up to three lines
        last.setWrapText(true);
        last.maxHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() ->
                Math.ceil(last.getFont().getSize() * 1.3 * 3) + last.snappedTopInset() + last.snappedBottomInset(),
                last.fontProperty(), last.paddingProperty()));
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(last.textProperty());
        last.setTooltip(whole);
        HBox.setHgrow(last, Priority.ALWAYS);
        Label presenter = new Label("Presenter mode");
        presenter.setId("status-presenter");
        presenter.getStyleClass().addAll("state-badge", "presenter-badge");
        presenter.setMinWidth(Label.USE_PREF_SIZE);
        presenter.visibleProperty().bind(vm.presenterModeProperty());
        presenter.managedProperty().bind(vm.presenterModeProperty());
        javafx.scene.control.Tooltip.install(presenter, new javafx.scene.control.Tooltip(
                "Larger text; Wi-Fi passwords, account ids, endpoint prefixes and credentials profiles hidden"));
        root = new HBox(10, presenter, connection, policies, sep(), rate, sep(), dropped, sep(), errors, sep(), last);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(3, 10, 3, 10));
        root.getStyleClass().add("status-bar");
        ticker = scheduler.scheduleWithFixedDelay(() -> Platform.runLater(vm::refresh), 1, 1, TimeUnit.SECONDS);
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        return l;
    }

    private static Separator sep() {
        return new Separator(Orientation.VERTICAL);
    }

    public HBox root() {
        return root;
    }

    public void dispose() {
        ticker.cancel(false);
    }
}
