package io.iotworkbench.ui.mqtt;

import io.iotworkbench.mqtt.MessageExport;
import io.iotworkbench.mqtt.TopicSnapshot;
import io.iotworkbench.ui.common.PaneView;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.Locale;

/**
 * The MQTT pane's view, built in code: a toolbar with pause, clear, export, record and replay and the status line;
 * on the left the subscriptions and the live topic tree; in the middle the messages of the selected topic or subtree
 * and the payload viewer (JSON coloured with RichTextFX, text, hex, base64, diff); on the right publish and chart.
 * Binds to {@link MqttViewModel}. FX thread only.
 */
public final class MqttView implements PaneView {


    private final MqttViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TabPane sideTabs = new TabPane();
    private final MessagesPanel messages;
    private final TopicsPanel topics;

    public MqttView(MqttViewModel viewModel) {
        this.vm = viewModel;
        root.setId("mqtt-pane");
        root.setUserData(this);
        root.getStyleClass().add("mqtt-pane");
        this.messages = new MessagesPanel(vm, () -> sideTabs.getSelectionModel().select(1));
        this.topics = new TopicsPanel(vm, this::selectTopic);
        root.setTop(header());
        SplitPane columns = new SplitPane(topics.build(), messages.build(), rightColumn());
        columns.setId("mqtt-columns");
        columns.setDividerPositions(0.29, 0.69);
        root.setCenter(columns);
        vm.statusTickProperty().addListener((obs, o, n) -> topics.refreshHighlights());
    }

    @Override
    public Node root() {
        return root;
    }

    public MqttViewModel viewModel() {
        return vm;
    }

    @Override
    public void dispose() {
        vm.dispose();
    }

    private Node header() {
        Label title = new Label("MQTT");
        title.getStyleClass().add("mqtt-title");
        Label session = new Label();
        session.setId("mqtt-pane-session");
        session.getStyleClass().add("pane-session");
        session.textProperty().bind(vm.sessionSummary());

        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("mqtt-pause");
        pause.setTooltip(new Tooltip("Freeze the tree and table; messages are still counted and kept."));
        pause.selectedProperty().addListener((obs, o, on) -> {
            if (on) {
                vm.pause();
            } else {
                vm.resume();
            }
        });
        pause.textProperty().bind(Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Pause"));
        Button clear = new Button("Clear");
        clear.setId("mqtt-clear");
        clear.setOnAction(e -> vm.clear());

        MenuButton export = new MenuButton("Export");
        export.setId("mqtt-export");
        export.getItems().addAll(
                exportItem("Shown messages as NDJSON…", MessageExport.Format.NDJSON, true),
                exportItem("Shown messages as CSV…", MessageExport.Format.CSV, true),
                exportItem("All kept messages as NDJSON…", MessageExport.Format.NDJSON, false),
                exportItem("All kept messages as CSV…", MessageExport.Format.CSV, false));

        ToggleButton record = new ToggleButton("Record");
        record.setId("mqtt-record");
        record.setOnAction(e -> {
            if (record.isSelected()) {
                File f = saveFile("Record messages to", "recording.ndjson");
                if (f == null || !vm.startRecording(f.toPath())) {
                    record.setSelected(false);
                }
            } else {
                vm.stopRecording();
            }
        });
        record.textProperty().bind(Bindings.when(vm.recordingProperty()).then("Stop recording").otherwise("Record"));

        ComboBox<String> speed = new ComboBox<>();
        speed.setId("mqtt-replay-speed");
        speed.getItems().addAll("1×", "2×", "10×", "Max");
        speed.getSelectionModel().select(0);
        Button replay = new Button("Replay…");
        replay.setId("mqtt-replay");
        replay.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Replay a recording");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("NDJSON", "*.ndjson", "*.jsonl"));
            File f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                String s = speed.getValue();
                vm.replay(f.toPath(), s.equals("Max") ? 0 : Double.parseDouble(s.replace("×", "")));
            }
        });

        Label status = new Label();
        status.setId("mqtt-status");
        status.getStyleClass().add("mqtt-status");
        status.textProperty().bind(vm.statusProperty());
        Label notice = new Label();
        notice.setId("mqtt-notice");
        notice.getStyleClass().add("mqtt-notice");
        notice.textProperty().bind(vm.noticeProperty());
        notice.setMinWidth(0);

        // rows that wrap at large text sizes instead of cutting their texts (Toolbars)
        var top = io.iotworkbench.ui.common.Toolbars.wrapping(12, title, session, status);
        var tools = io.iotworkbench.ui.common.Toolbars.wrapping(6, pause, clear, export, record, replay, speed);
        io.iotworkbench.ui.common.Toolbars.wrappingText(notice);
        VBox box = new VBox(6, top, tools, notice);
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        box.setPadding(new Insets(8, 10, 8, 10));
        box.getStyleClass().add("mqtt-header");
        return box;
    }

    private MenuItem exportItem(String text, MessageExport.Format format, boolean visibleOnly) {
        MenuItem item = new MenuItem(text);
        item.setId("mqtt-export-" + (visibleOnly ? "shown-" : "all-") + format.name().toLowerCase(Locale.ROOT));
        item.setOnAction(e -> {
            File f = saveFile("Export messages", "messages." + format.name().toLowerCase(Locale.ROOT));
            if (f != null) {
                vm.export(f.toPath(), format, visibleOnly);
            }
        });
        return item;
    }

    private File saveFile(String title, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        return chooser.showSaveDialog(root.getScene().getWindow());
    }

    // ---- left: subscriptions and topic tree ----

    // ---- centre: messages and payload ----

    private void selectTopic(TopicSnapshot s) {
        vm.select(s == null ? null : s.path());
        if (s != null) {
            vm.chart().targetTopicProperty().set(s.path());
        }
        messages.selectNewest();
    }

    private Node rightColumn() {
        sideTabs.getTabs().addAll(MqttNodes.tab("Publish",
                        PublishPanel.build(vm.publish(), vm.publishPolicyWarningProperty())),
                MqttNodes.tab("Chart", ChartPanel.build(vm.chart())));
        sideTabs.setId("mqtt-side-tabs");
        sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return sideTabs;
    }

}
