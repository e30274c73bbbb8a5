package io.iotworkbench.ui.mqtt;

import io.iotworkbench.mqtt.MessageExport;
import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.mqtt.TopicSnapshot;
import io.iotworkbench.ui.common.PaneView;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The MQTT pane's view, built in code: a toolbar with pause, clear, export, record and replay and the status line;
 * on the left the subscriptions and the live topic tree; in the middle the messages of the selected topic or subtree
 * and the payload viewer (JSON coloured with RichTextFX, text, hex, base64, diff); on the right publish and chart.
 * Binds to {@link MqttViewModel}. FX thread only.
 */
public final class MqttView implements PaneView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final long HIGHLIGHT_MILLIS = 1_500;

    private final MqttViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TreeView<TopicSnapshot> treeView = new TreeView<>();
    private final ListView<TopicSnapshot> filteredList = new ListView<>();
    private final TableView<ReceivedMessage> table = new TableView<>();
    private final CodeArea jsonArea = new CodeArea();
    private final TextField chartTopic = new TextField();
    private final TextField chartPointer = new TextField();
    private final TabPane sideTabs = new TabPane();

    public MqttView(MqttViewModel viewModel) {
        this.vm = viewModel;
        root.setId("mqtt-pane");
        root.setUserData(this);
        root.getStyleClass().add("mqtt-pane");
        root.setTop(header());
        SplitPane columns = new SplitPane(leftColumn(), centreColumn(), rightColumn());
        columns.setId("mqtt-columns");
        columns.setDividerPositions(0.29, 0.69);
        root.setCenter(columns);
        vm.statusProperty().addListener((obs, o, n) -> refreshHighlights());
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

        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox top = new HBox(8, title, session, spring, status);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox tools = new HBox(6, pause, clear, export, record, replay, speed, notice);
        tools.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, top, tools);
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

    private Node leftColumn() {
        SplitPane left = new SplitPane(subscriptionsBox(), topicsBox());
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.4);
        return left;
    }

    private Node subscriptionsBox() {
        SubscriptionsModel subs = vm.subscriptions();
        ListView<SubscriptionRow> list = new ListView<>(subs.rows());
        list.setId("mqtt-subscriptions");
        list.setPlaceholder(new Label("No subscriptions: add a topic filter below."));
        list.setCellFactory(v -> new SubscriptionCell());
        list.setMinHeight(70);
        list.setPrefHeight(90);
        VBox.setVgrow(list, Priority.ALWAYS);

        TextField filter = new TextField();
        filter.setId("mqtt-sub-filter");
        filter.setPromptText("Topic filter, e.g. $aws/things/+/shadow/#");
        HBox.setHgrow(filter, Priority.ALWAYS);
        ComboBox<Integer> qos = new ComboBox<>();
        qos.setId("mqtt-sub-qos");
        qos.getItems().addAll(0, 1);
        qos.setValue(1);
        Button add = new Button("Add");
        add.setId("mqtt-sub-add");
        add.setDefaultButton(false);
        Runnable doAdd = () -> {
            if (subs.add(filter.getText(), qos.getValue())) {
                filter.clear();
            }
        };
        add.setOnAction(e -> doAdd.run());
        filter.setOnAction(e -> doAdd.run());
        Button remove = new Button("Remove");
        remove.setId("mqtt-sub-remove");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> subs.remove(list.getSelectionModel().getSelectedItem()));
        Label message = new Label();
        message.setId("mqtt-sub-message");
        message.setWrapText(true);
        message.getStyleClass().add("mqtt-hint");
        message.textProperty().bind(subs.messageProperty());

        Label qosLabel = new Label("QoS");
        for (Region r : List.of(qosLabel, qos, add, remove)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox form = new HBox(4, qosLabel, qos, add, remove);
        form.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, sectionTitle("Subscriptions"), list, filter, form, message);
        box.setPadding(new Insets(6));
        box.setMinHeight(0);
        return box;
    }

    /** A subscription: enable box, colour swatch, filter and QoS. */
    private static final class SubscriptionCell extends ListCell<SubscriptionRow> {
        private final CheckBox enabled = new CheckBox();
        private final Region swatch = new Region();
        private final Label text = new Label();
        private final HBox box = new HBox(6, enabled, swatch, text);
        private SubscriptionRow bound;

        SubscriptionCell() {
            swatch.getStyleClass().add("mqtt-swatch");
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(SubscriptionRow row, boolean empty) {
            super.updateItem(row, empty);
            if (bound != null) {
                enabled.selectedProperty().unbindBidirectional(bound.enabledProperty());
                bound = null;
            }
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            bound = row;
            enabled.selectedProperty().bindBidirectional(row.enabledProperty());
            swatch.setStyle("-fx-background-color: " + row.colour() + ";");
            text.setText(row.filter() + "  ·  QoS " + row.qos());
            setGraphic(box);
        }
    }

    private Node topicsBox() {
        TopicTreeModel model = vm.tree();
        TextField filter = new TextField();
        filter.setId("mqtt-topic-filter");
        filter.setPromptText("Filter topics");
        filter.textProperty().addListener((obs, o, n) -> {
            model.setFilter(n);
            boolean flat = n != null && !n.isBlank();
            filteredList.setVisible(flat);
            treeView.setVisible(!flat);
        });

        treeView.setId("mqtt-topic-tree");
        treeView.setRoot(model.root());
        treeView.setShowRoot(false);
        treeView.setCellFactory(v -> new TopicCell());
        treeView.getSelectionModel().selectedItemProperty().addListener((obs, o, n) ->
                selectTopic(n == null ? null : n.getValue()));

        filteredList.setId("mqtt-topic-list");
        filteredList.setItems(model.filtered());
        filteredList.setVisible(false);
        filteredList.setPlaceholder(new Label("No topic matches."));
        filteredList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(TopicSnapshot s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.path() + "  (" + s.ownMessages() + ")");
            }
        });
        filteredList.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> selectTopic(n));

        StackPane views = new StackPane(treeView, filteredList);
        VBox.setVgrow(views, Priority.ALWAYS);

        Button deleteRetained = new Button("Delete retained");
        deleteRetained.setId("mqtt-delete-retained");
        deleteRetained.setTooltip(new Tooltip("Publish an empty retained message to the selected topic."));
        deleteRetained.setOnAction(e -> {
            TreeItem<TopicSnapshot> item = treeView.getSelectionModel().getSelectedItem();
            if (item != null) {
                vm.deleteRetained(item.getValue().path());
            }
        });
        deleteRetained.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            TreeItem<TopicSnapshot> item = treeView.getSelectionModel().getSelectedItem();
            return item == null || !item.getValue().retained();
        }, treeView.getSelectionModel().selectedItemProperty()));
        HBox bar = new HBox(6, filter, deleteRetained);
        HBox.setHgrow(filter, Priority.ALWAYS);
        VBox box = new VBox(4, sectionTitle("Topics"), bar, views);
        box.setPadding(new Insets(6));
        box.setMinHeight(0);
        return box;
    }

    private void selectTopic(TopicSnapshot s) {
        vm.select(s == null ? null : s.path());
        if (s != null) {
            chartTopic.setText(s.path());
        }
        if (!table.getItems().isEmpty()) {
            table.getSelectionModel().clearAndSelect(table.getItems().size() - 1);
            table.scrollTo(table.getItems().size() - 1);
        }
    }

    private void refreshHighlights() {
        long now = System.currentTimeMillis();
        for (Node n : treeView.lookupAll(".mqtt-topic-cell")) {
            if (n instanceof TopicCell c) {
                c.highlight(now);
            }
        }
    }

    /** A topic: name, counts, rate, retained marker, last value preview; highlighted shortly after activity. */
    private static final class TopicCell extends TreeCell<TopicSnapshot> {
        private final Label name = new Label();
        private final Label counts = new Label();
        private final Label retained = new Label("R");
        private final Label preview = new Label();
        private final HBox box = new HBox(6, name, retained, counts, preview);

        TopicCell() {
            getStyleClass().add("mqtt-topic-cell");
            name.getStyleClass().add("mqtt-topic-name");
            counts.getStyleClass().add("mqtt-topic-counts");
            retained.getStyleClass().add("mqtt-retained");
            retained.setTooltip(new Tooltip("The last message was retained"));
            preview.getStyleClass().add("mqtt-topic-preview");
            preview.setMinWidth(0);
            name.setMinWidth(Region.USE_PREF_SIZE);
            counts.setMinWidth(Region.USE_PREF_SIZE);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(TopicSnapshot s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                setText(null);
                getStyleClass().remove("mqtt-active");
                return;
            }
            name.setText(s.name().isEmpty() ? "(empty)" : s.name());
            StringBuilder c = new StringBuilder();
            c.append(s.subtreeMessages()).append(s.subtreeMessages() == 1 ? " msg" : " msgs");
            if (s.topicsInSubtree() > 1 || (s.topicsInSubtree() == 1 && s.ownMessages() == 0)) {
                c.append(" · ").append(s.topicsInSubtree()).append(s.topicsInSubtree() == 1 ? " topic" : " topics");
            }
            if (s.messagesPerSecond() > 0.05) {
                c.append(String.format(Locale.ROOT, " · %.1f/s", s.messagesPerSecond()));
            }
            counts.setText("(" + c + ")");
            retained.setVisible(s.retained());
            retained.setManaged(s.retained());
            preview.setText(s.last() == null || s.ownMessages() == 0 ? "" : "= " + previewOf(s.last()));
            setText(null);
            setGraphic(box);
            highlight(System.currentTimeMillis());
        }

        void highlight(long now) {
            TopicSnapshot s = getItem();
            boolean active = s != null && !isEmpty() && now - s.lastActivityMillis() < HIGHLIGHT_MILLIS
                    && s.lastActivityMillis() > 0;
            if (active && !getStyleClass().contains("mqtt-active")) {
                getStyleClass().add("mqtt-active");
            } else if (!active) {
                getStyleClass().remove("mqtt-active");
            }
        }
    }

    static String previewOf(ReceivedMessage m) {
        int n = Math.min(m.payload().length, 120);
        String s = new String(m.payload(), 0, n, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    // ---- centre: messages and payload ----

    private Node centreColumn() {
        MessagesModel model = vm.messages();
        table.setId("mqtt-messages");
        table.setItems(model.rows());
        table.setPlaceholder(new Label("Select a topic to see its messages."));
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.getColumns().add(column("Time", 100, m -> TIME.format(Instant.ofEpochMilli(m.timeMillis()))));
        table.getColumns().get(0).setMinWidth(100);
        table.getColumns().add(column("Topic", 200, ReceivedMessage::topic));
        table.getColumns().add(column("QoS", 40, m -> Integer.toString(m.qos())));
        table.getColumns().add(column("Retained", 75, m -> m.retained() ? "yes" : ""));
        table.getColumns().add(column("Size", 60, m -> m.size() + " B"));
        table.getColumns().get(2).setMinWidth(40);
        table.getColumns().get(3).setMinWidth(75);
        table.getColumns().get(4).setMinWidth(60);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ReceivedMessage m, boolean empty) {
                super.updateItem(m, empty);
                String colour = empty || m == null ? null : vm.subscriptions().colourOf(m.topic());
                setStyle(colour == null ? "" : "-fx-border-color: transparent transparent transparent " + colour
                        + "; -fx-border-width: 0 0 0 4;");
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                model.selectedProperty().set(n);
            }
        });
        model.rows().addListener((javafx.collections.ListChangeListener<ReceivedMessage>) c -> {
            if (model.selectedProperty().get() == null && !model.rows().isEmpty()) {
                table.getSelectionModel().clearAndSelect(model.rows().size() - 1);
            }
        });

        SplitPane centre = new SplitPane(table, payloadBox());
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.42);
        return centre;
    }

    private static TableColumn<ReceivedMessage, String> column(String title, double width,
                                                               java.util.function.Function<ReceivedMessage, String> f) {
        TableColumn<ReceivedMessage, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(f.apply(d.getValue())));
        return c;
    }

    private Node payloadBox() {
        MessagesModel model = vm.messages();
        Label info = new Label();
        info.setId("mqtt-payload-info");
        info.setMinWidth(0);
        info.textProperty().bind(model.infoProperty());
        HBox.setHgrow(info, Priority.ALWAYS);
        info.setMaxWidth(Double.MAX_VALUE);

        jsonArea.setId("mqtt-payload-json");
        jsonArea.setEditable(false);
        jsonArea.getStyleClass().add("json-area");
        model.jsonProperty().addListener((obs, o, laid) -> showJson(laid));
        showJson(model.jsonProperty().get());
        jsonArea.caretPositionProperty().addListener((obs, o, caret) -> {
            JsonLayout.Laid laid = model.jsonProperty().get();
            if (laid == null) {
                return;
            }
            String pointer = laid.pointerAt(caret);
            ReceivedMessage m = model.selectedProperty().get();
            if (pointer != null && !pointer.isEmpty() && m != null) {
                chartTopic.setText(m.topic());
                chartPointer.setText(pointer);
            }
        });

        TextArea text = readOnlyArea("mqtt-payload-text", model.textProperty());
        TextArea hex = readOnlyArea("mqtt-payload-hex", model.hexProperty());
        TextArea base64 = readOnlyArea("mqtt-payload-base64", model.base64Property());
        TextArea diff = readOnlyArea("mqtt-payload-diff", model.diffProperty());

        TabPane tabs = new TabPane(
                tab("JSON", new VirtualizedScrollPane<>(jsonArea)),
                tab("Text", text), tab("Hex", hex), tab("Base64", base64), tab("Diff", diff));
        tabs.setId("mqtt-payload-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        Button copy = new Button("Copy");
        copy.setId("mqtt-copy");
        copy.setTooltip(new Tooltip("Copy what the open tab shows"));
        copy.setOnAction(e -> {
            String s = switch (tabs.getSelectionModel().getSelectedIndex()) {
                case 0 -> jsonArea.getText();
                case 1 -> text.getText();
                case 2 -> hex.getText();
                case 3 -> base64.getText();
                default -> diff.getText();
            };
            ClipboardContent content = new ClipboardContent();
            content.putString(s);
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button chartField = new Button("Chart field");
        chartField.setId("mqtt-chart-field");
        chartField.setTooltip(new Tooltip("Click a value in the JSON view, then chart it"));
        chartField.setOnAction(e -> {
            if (vm.chart().add(chartTopic.getText(), chartPointer.getText())) {
                sideTabs.getSelectionModel().select(1);
            }
        });
        chartField.setMinWidth(Region.USE_PREF_SIZE);
        copy.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, info, chartField, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, bar, tabs);
        box.setPadding(new Insets(6));
        box.setMinHeight(0);
        return box;
    }

    private void showJson(JsonLayout.Laid laid) {
        if (laid == null) {
            jsonArea.replaceText("(not JSON: see the Text, Hex and Base64 tabs)");
            jsonArea.setStyleSpans(0, new StyleSpansBuilder<Collection<String>>()
                    .add(List.of("json-none"), jsonArea.getLength()).create());
            return;
        }
        jsonArea.replaceText(laid.text());
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int at = 0;
        for (JsonLayout.Span s : laid.spans()) {
            if (s.start() > at) {
                spans.add(List.of(), s.start() - at);
            }
            spans.add(List.of(s.styleClass()), s.end() - s.start());
            at = s.end();
        }
        spans.add(List.of(), Math.max(0, laid.text().length() - at));
        jsonArea.setStyleSpans(0, spans.create());
        jsonArea.moveTo(0);
        jsonArea.requestFollowCaret();
    }

    private static TextArea readOnlyArea(String id, javafx.beans.value.ObservableValue<String> value) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.getStyleClass().add("monospace");
        area.textProperty().bind(value);
        return area;
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId("mqtt-tab-" + title.toLowerCase(Locale.ROOT));
        return t;
    }

    // ---- right: publish and chart ----

    private Node rightColumn() {
        sideTabs.getTabs().addAll(tab("Publish", publishBox()), tab("Chart", chartBox()));
        sideTabs.setId("mqtt-side-tabs");
        sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return sideTabs;
    }

    private Node publishBox() {
        PublishModel p = vm.publish();
        TextField topic = new TextField();
        topic.setId("mqtt-pub-topic");
        topic.textProperty().bindBidirectional(p.topicProperty());
        topic.setPromptText("Topic");
        ComboBox<Integer> qos = new ComboBox<>();
        qos.setId("mqtt-pub-qos");
        qos.getItems().addAll(0, 1);
        qos.setValue(p.qosProperty().get());
        qos.valueProperty().addListener((obs, o, n) -> p.qosProperty().set(n == null ? 1 : n));
        CheckBox retain = new CheckBox("Retain");
        retain.setId("mqtt-pub-retain");
        retain.selectedProperty().bindBidirectional(p.retainProperty());
        ComboBox<PublishModel.Template> templates = new ComboBox<>();
        templates.setId("mqtt-pub-template");
        templates.setPromptText("Templates");
        templates.getItems().addAll(PublishModel.TEMPLATES);
        templates.setOnAction(e -> {
            if (templates.getValue() != null) {
                p.apply(templates.getValue());
            }
        });
        Label qosLabel = new Label("QoS");
        qosLabel.setMinWidth(Region.USE_PREF_SIZE);
        qos.setMinWidth(Region.USE_PREF_SIZE);
        retain.setMinWidth(Region.USE_PREF_SIZE);
        templates.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(templates, Priority.ALWAYS);
        HBox options = new HBox(6, qosLabel, qos, retain, templates);
        options.setAlignment(Pos.CENTER_LEFT);

        TextArea payload = new TextArea();
        payload.setId("mqtt-pub-payload");
        payload.getStyleClass().add("monospace");
        payload.setPromptText("Payload (JSON is checked as you type)");
        payload.textProperty().bindBidirectional(p.payloadProperty());
        payload.setPrefRowCount(6);
        VBox.setVgrow(payload, Priority.ALWAYS);
        Label problem = new Label();
        problem.setId("mqtt-pub-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("form-error");
        problem.textProperty().bind(p.problemProperty());
        p.problemProperty().addListener((obs, o, n) -> {
            payload.getStyleClass().remove("field-error");
            if (!n.isEmpty()) {
                payload.getStyleClass().add("field-error");
            }
        });

        Button format = new Button("Format");
        format.setId("mqtt-pub-format");
        format.setOnAction(e -> p.format());
        Button send = new Button("Publish");
        send.setId("mqtt-pub-send");
        send.getStyleClass().add("accent");
        send.setOnAction(e -> p.publish());
        TextField every = new TextField(Integer.toString(p.repeatMillisProperty().get()));
        every.setId("mqtt-pub-repeat-ms");
        every.setPrefColumnCount(5);
        every.textProperty().addListener((obs, o, n) -> {
            try {
                p.repeatMillisProperty().set(Integer.parseInt(n.strip()));
            } catch (NumberFormatException ex) {
                p.repeatMillisProperty().set(0);
            }
        });
        ToggleButton repeat = new ToggleButton("Repeat");
        repeat.setId("mqtt-pub-repeat");
        repeat.setOnAction(e -> {
            if (repeat.isSelected()) {
                if (!p.startRepeat()) {
                    repeat.setSelected(false);
                }
            } else {
                p.stopRepeat();
            }
        });
        p.repeatingProperty().addListener((obs, o, n) -> repeat.setSelected(n));
        Label everyLabel = new Label("Repeat every");
        Label msLabel = new Label("ms");
        for (Region r : List.of(send, format, everyLabel, msLabel, repeat)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox sendRow = new HBox(6, send, format);
        sendRow.setAlignment(Pos.CENTER_LEFT);
        HBox repeatRow = new HBox(6, everyLabel, every, msLabel, repeat);
        repeatRow.setAlignment(Pos.CENTER_LEFT);
        VBox actions = new VBox(6, sendRow, repeatRow);
        Label result = new Label();
        result.setId("mqtt-pub-result");
        result.setWrapText(true);
        result.getStyleClass().add("mqtt-hint");
        result.textProperty().bind(p.resultProperty());

        ListView<PublishModel.Sent> history = new ListView<>(p.history());
        history.setId("mqtt-pub-history");
        history.setPlaceholder(new Label("Sent messages appear here; double-click one to load it."));
        history.setPrefHeight(120);
        history.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && history.getSelectionModel().getSelectedItem() != null) {
                p.apply(history.getSelectionModel().getSelectedItem());
            }
        });
        VBox box = new VBox(6, topic, options, payload, problem, actions, result, sectionTitle("Sent"), history);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node chartBox() {
        ChartModel model = vm.chart();
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y, model.series());
        chart.setId("mqtt-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        VBox.setVgrow(chart, Priority.ALWAYS);

        chartTopic.setId("mqtt-chart-topic");
        chartTopic.setPromptText("Topic");
        chartPointer.setId("mqtt-chart-pointer");
        chartPointer.setPromptText("JSON pointer, e.g. /state/reported/temperature_sensor (empty: whole payload)");
        Button add = new Button("Add series");
        add.setId("mqtt-chart-add");
        add.setOnAction(e -> model.add(chartTopic.getText(), chartPointer.getText()));
        Button clear = new Button("Clear chart");
        clear.setId("mqtt-chart-clear");
        clear.setOnAction(e -> model.clear());
        Label message = new Label();
        message.setId("mqtt-chart-message");
        message.setWrapText(true);
        message.getStyleClass().add("mqtt-hint");
        message.textProperty().bind(model.messageProperty());
        HBox buttons = new HBox(6, add, clear);
        VBox box = new VBox(6, chart, chartTopic, chartPointer, buttons, message);
        box.setPadding(new Insets(8));
        return box;
    }

    private static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("mqtt-section");
        return l;
    }
}
