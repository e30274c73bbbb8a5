package io.iotworkbench.ui.shell;

import io.iotworkbench.diagnostics.ErrorLog;
import io.iotworkbench.ui.common.Appearance;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A window listing the uncaught exceptions the {@link ErrorLog} recorded, with the selected one's stack trace. Its
 * content is refreshed each time it is shown. FX thread only.
 */
public final class ErrorLogWindow {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final ErrorLog errorLog;
    private final Stage stage = new Stage();
    private final ObservableList<ErrorLog.Entry> entries = FXCollections.observableArrayList();

    public ErrorLogWindow(Window owner, ErrorLog errorLog, Appearance appearance) {
        this.errorLog = errorLog;
        stage.initOwner(owner);
        stage.setTitle("Error log — IoT Workbench");
        ListView<ErrorLog.Entry> list = new ListView<>(entries);
        list.setId("error-list");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ErrorLog.Entry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null
                        : TIME.format(item.time()) + "  [" + item.threadName() + "]  " + item.summary());
            }
        });
        TextArea trace = new TextArea();
        trace.setId("error-trace");
        trace.setEditable(false);
        trace.getStyleClass().add("monospace");
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, n) ->
                trace.setText(n == null ? "" : n.stackTrace()));
        SplitPane split = new SplitPane(list, trace);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        Button clear = new Button("Clear");
        clear.setOnAction(e -> {
            errorLog.clear();
            refresh();
        });
        Button close = new Button("Close");
        close.setOnAction(e -> stage.hide());
        HBox buttons = new HBox(8, clear, close);
        buttons.setPadding(new Insets(8));
        BorderPane root = new BorderPane(split, null, null, buttons, null);
        Scene scene = new Scene(root, 760, 480);
        appearance.register(scene);
        stage.setScene(scene);
    }

    public void show() {
        refresh();
        stage.show();
        stage.toFront();
    }

    private void refresh() {
        entries.setAll(errorLog.entries());
    }

    public Stage stage() {
        return stage;
    }
}
