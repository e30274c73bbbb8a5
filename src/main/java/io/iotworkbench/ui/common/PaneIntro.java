package io.iotworkbench.ui.common;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The header block of a pane: title, what the pane is for, the session it follows, and its capabilities; and the
 * message line at its foot. Built in code; FX thread only.
 */
public final class PaneIntro {

    private PaneIntro() {
    }

    /**
     * The one-line header of a working pane: its title and the session it follows ("Thing … · connected · profile
     * …"), with the session label's id {@code <idPrefix>-pane-session}.
     */
    public static javafx.scene.layout.HBox header(PaneViewModel vm, String idPrefix) {
        Label title = new Label(vm.title());
        title.getStyleClass().add("pane-title");
        Label session = new Label();
        session.setId(idPrefix + "-pane-session");
        session.getStyleClass().add("pane-session");
        session.textProperty().bind(vm.sessionSummary());
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(16, title, session);
        box.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        box.setPadding(new Insets(8, 8, 4, 8));
        return box;
    }

    /**
     * The pane's message line (what it is doing or what went wrong), id {@code <idPrefix>-message}; it wraps, and takes
     * no room while empty.
     */
    public static Label message(PaneViewModel vm, String idPrefix) {
        Label message = new Label();
        message.setId(idPrefix + "-message");
        message.getStyleClass().add("pane-message");
        message.textProperty().bind(vm.messageProperty());
        message.setPadding(new Insets(4, 8, 4, 8));
        Toolbars.messageLine(message, message);
        return message;
    }

    public static VBox build(PaneViewModel vm, String id) {
        Label title = new Label(vm.title());
        title.getStyleClass().add("pane-title");
        Label purpose = new Label(vm.purpose());
        purpose.setWrapText(true);
        purpose.getStyleClass().add("pane-purpose");
        Label session = new Label();
        session.setId(id + "-session");
        session.getStyleClass().add("pane-session");
        session.textProperty().bind(vm.sessionSummary());
        VBox list = new VBox(4);
        for (String c : vm.capabilities()) {
            Label l = new Label("• " + c);
            l.setWrapText(true);
            list.getChildren().add(l);
        }
        VBox box = new VBox(10, title, session, purpose, list);
        box.setPadding(new Insets(16));
        box.setId(id);
        box.getStyleClass().add("pane-intro");
        return box;
    }
}
