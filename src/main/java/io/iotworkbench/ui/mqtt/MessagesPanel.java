package io.iotworkbench.ui.mqtt;

import io.iotworkbench.mqtt.ReceivedMessage;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

/**
 * The MQTT pane's centre column: the messages of the selected topic or subtree (newest kept 5,000) and the payload
 * viewer (JSON coloured with RichTextFX, where a click on a value makes it the chart target; text, hex, base64,
 * diff). FX thread only.
 */
final class MessagesPanel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final MqttViewModel vm;
    private final Runnable showChart;
    private final TableView<ReceivedMessage> table = new TableView<>();

    {
        io.iotworkbench.ui.common.Toolbars.headersWhole(table);
    }
    private final CodeArea jsonArea = new CodeArea();

    MessagesPanel(MqttViewModel vm, Runnable showChart) {
        this.vm = vm;
        this.showChart = showChart;
    }

    /** Selects and shows the newest message of the table, after the topic selection changed. */
    void selectNewest() {
        if (!table.getItems().isEmpty()) {
            table.getSelectionModel().clearAndSelect(table.getItems().size() - 1);
            table.scrollTo(table.getItems().size() - 1);
        }
    }

    Node build() {
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
                String style = colour == null ? "" : "-fx-border-color: transparent transparent transparent " + colour
                        + "; -fx-border-width: 0 0 0 4;";
                // a new inline style re-resolves the row's and its cells' CSS: set it only when the colour changes
                if (!style.equals(getStyle())) {
                    setStyle(style);
                }
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
        // at large text on a small screen the messages and the payload keep their minimum heights, the column scrolls
        return io.iotworkbench.ui.common.Toolbars.scrollingBelowMinimum(centre);
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
        info.setWrapText(true);
        info.textProperty().bind(model.infoProperty());
        HBox.setHgrow(info, Priority.ALWAYS);
        info.setMaxWidth(Double.MAX_VALUE);

        jsonArea.setId("mqtt-payload-json");
        jsonArea.setEditable(false);
        jsonArea.getStyleClass().add("json-area");
        jsonArea.setWrapText(true);
        model.jsonProperty().addListener((obs, o, laid) -> showJson(laid));
        // a non-JSON message after none (or another non-JSON one) leaves the JSON property null: shown again here;
        // a JSON message the listener above has shown already (written twice, a click cost two text and span
        // replacements and their layout: decision 0030)
        model.selectedProperty().addListener((obs, o, m) -> {
            if (model.jsonProperty().get() == null) {
                showJson(null);
            }
        });
        showJson(model.jsonProperty().get());
        jsonArea.caretPositionProperty().addListener((obs, o, caret) -> {
            JsonLayout.Laid laid = model.jsonProperty().get();
            if (laid == null) {
                return;
            }
            String pointer = laid.pointerAt(caret);
            ReceivedMessage m = model.selectedProperty().get();
            if (pointer != null && !pointer.isEmpty() && m != null) {
                vm.chart().target(m.topic(), pointer);
            }
        });

        TextArea text = readOnlyArea("mqtt-payload-text", model.textProperty());
        TextArea hex = readOnlyArea("mqtt-payload-hex", model.hexProperty());
        TextArea base64 = readOnlyArea("mqtt-payload-base64", model.base64Property());
        TextArea diff = readOnlyArea("mqtt-payload-diff", model.diffProperty());

        TabPane tabs = new TabPane(
                MqttNodes.tab("JSON", new VirtualizedScrollPane<>(jsonArea)),
                MqttNodes.tab("Text", text), MqttNodes.tab("Hex", hex), MqttNodes.tab("Base64", base64),
                MqttNodes.tab("Diff", diff));
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
            if (vm.chart().addTarget()) {
                showChart.run();
            }
        });
        chartField.setMinWidth(Region.USE_PREF_SIZE);
        copy.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, info, chartField, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, bar, tabs);
        box.setPadding(new Insets(6));
        return box;
    }

    private void showJson(JsonLayout.Laid laid) {
        if (laid == null) {
            jsonArea.replaceText(vm.messages().selectedProperty().get() == null ? "Select a message"
                    : "(not JSON: see the Text, Hex and Base64 tabs)");
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

}
