package io.iotworkbench.ui.serial;

import io.iotworkbench.serial.timeline.TimelineEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;

import java.io.File;

import java.util.Locale;

/**
 * The timeline tab: serial lines and the thing's MQTT, shadow and job messages in one list by time, each row with its
 * time, a source badge, its origin (port or topic) and text. Binds to a {@link TimelineViewModel}. FX thread only.
 */
final class TimelineTab {

    private final Tab tab = new Tab("Timeline");

    TimelineTab(TimelineViewModel vm) {
        tab.setId("serial-timeline-tab");
        tab.setClosable(false);
        ListView<TimelineEvent> list = new ListView<>(vm.events());
        list.setId("serial-timeline-list");
        list.getStyleClass().addAll("console-list", "monospace");
        list.setCellFactory(l -> new ListCell<>() {
            private final TextFlow flow = new TextFlow();

            @Override
            protected void updateItem(TimelineEvent e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setGraphic(null);
                    return;
                }
                String source = e.source().name().toLowerCase(Locale.ROOT);
                flow.getChildren().setAll(text(ConsoleViewModel.TIME.format(e.time()) + "  ", "console-time"),
                        text(String.format(Locale.ROOT, "%-6s", e.source().name()), "timeline-" + source),
                        text("  " + (e.source() == TimelineEvent.Source.SERIAL ? ConsoleTab.shortName(e.origin())
                                : e.origin()) + "  ", "console-time"), text(e.text(), "timeline-text"));
                setGraphic(flow);
            }
        });
        vm.batchesAppliedProperty().addListener((o, a, b) -> {
            if (vm.followProperty().get() && !list.getItems().isEmpty()) {
                list.scrollTo(list.getItems().size() - 1);
            }
        });
        ToggleButton serial = new ToggleButton("Serial lines");
        serial.setId("serial-timeline-serial");
        serial.selectedProperty().bindBidirectional(vm.serialShownProperty());
        ToggleButton follow = new ToggleButton("Follow");
        follow.selectedProperty().bindBidirectional(vm.followProperty());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> vm.clear());
        Label about = new Label();
        about.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                "Serial lines of every open port with the MQTT, shadow and job messages of $aws/things/"
                        + vm.thing() + "/…", vm.batchesAppliedProperty()));
        Button record = new Button();
        record.setId("timeline-record");
        record.textProperty().bind(javafx.beans.binding.Bindings.when(vm.recordingProperty())
                .then("Stop recording").otherwise("Record session…"));
        record.setOnAction(e -> {
            if (vm.recordingProperty().get()) {
                vm.stopRecording();
                return;
            }
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Record the whole session");
            chooser.setInitialFileName("session.ndjson");
            File f = chooser.showSaveDialog(tab.getTabPane().getScene().getWindow());
            if (f != null) {
                vm.startRecording(f.toPath());
            }
        });
        ComboBox<String> speed = new ComboBox<>();
        speed.setId("timeline-replay-speed");
        speed.getItems().addAll("1×", "2×", "10×", "Max");
        speed.getSelectionModel().select(0);
        Button replay = new Button("Replay session…");
        replay.setId("timeline-replay");
        replay.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Replay a session recording");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("NDJSON", "*.ndjson", "*.jsonl"));
            File f = chooser.showOpenDialog(tab.getTabPane().getScene().getWindow());
            if (f != null) {
                String v = speed.getValue();
                vm.replay(f.toPath(), v.equals("Max") ? 0 : Double.parseDouble(v.replace("×", "")));
            }
        });
        Label notice = new Label();
        notice.setId("timeline-notice");
        notice.textProperty().bind(vm.noticeProperty());
        var bar = io.iotworkbench.ui.common.Toolbars.wrapping(6, serial, follow, clear, record, replay, speed, notice,
                about);
        bar.setPadding(new Insets(6));
        tab.setContent(new BorderPane(list, bar, null, null, null));
    }

    private static Text text(String s, String styleClass) {
        Text t = new Text(s);
        t.getStyleClass().addAll("console-text", styleClass);
        return t;
    }

    Tab tab() {
        return tab;
    }
}
