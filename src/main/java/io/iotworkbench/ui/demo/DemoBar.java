package io.iotworkbench.ui.demo;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The demo bar under the session bar: the script's title, the caption in large text, the step to come and the last
 * outcome, with Next, Run all and Stop. Hidden (and taking no room) while no demo is open. FX thread only.
 */
public final class DemoBar {

    private final VBox root = new VBox(4);

    public DemoBar(DemoBarViewModel vm) {
        root.setId("demo-bar");
        root.getStyleClass().add("demo-bar");
        root.setPadding(new Insets(6, 10, 6, 10));
        root.visibleProperty().bind(vm.activeProperty());
        root.managedProperty().bind(vm.activeProperty());
        root.setStyle("-fx-background-color: #1f4e79; -fx-background-radius: 0;");

        Label title = new Label();
        title.setId("demo-title");
        title.textProperty().bind(vm.titleProperty());
        title.setStyle("-fx-font-weight: bold; -fx-text-fill: white;");
        Label caption = new Label();
        caption.setId("demo-caption");
        caption.textProperty().bind(vm.captionProperty());
        caption.setWrapText(true);
        caption.setStyle("-fx-font-size: 1.4em; -fx-text-fill: white;");
        Label step = new Label();
        step.setId("demo-step");
        step.textProperty().bind(vm.stepProperty());
        step.setStyle("-fx-text-fill: white;");
        step.setWrapText(true);
        Label outcome = new Label();
        outcome.setId("demo-outcome");
        outcome.textProperty().bind(vm.outcomeProperty());
        outcome.setWrapText(true);
        outcome.styleProperty().bind(javafx.beans.binding.Bindings.when(vm.failedProperty())
                .then("-fx-text-fill: #ffe0e0; -fx-font-weight: bold;").otherwise("-fx-text-fill: white;"));

        Button next = new Button("Next ▶");
        next.setId("demo-next");
        next.disableProperty().bind(vm.busyProperty());
        next.setOnAction(e -> vm.next());
        next.setFocusTraversable(false);
        Button all = new Button("Run all");
        all.setId("demo-run-all");
        all.disableProperty().bind(vm.busyProperty());
        all.setOnAction(e -> vm.runAll());
        all.setFocusTraversable(false);
        Button stop = new Button("Stop");
        stop.setId("demo-stop");
        stop.setOnAction(e -> vm.stop());
        stop.setFocusTraversable(false);
        HBox head = new HBox(8, title, spacer(), next, all, stop);
        head.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(head, caption, step, outcome);
    }

    private static Node spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    public Node root() {
        return root;
    }
}
