package io.iotworkbench.ui.shell;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/**
 * The status bar: a badge while presenter mode is on, connection, messages per second, dropped messages, an error
 * counter that opens the error log, and the last notification. Refreshes once a second. FX thread only.
 */
public final class StatusBarView {

    private final HBox root;
    private final Timeline ticker;

    public StatusBarView(StatusBarViewModel vm, Runnable openErrorLog) {
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
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.refresh()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
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
        ticker.stop();
    }
}
