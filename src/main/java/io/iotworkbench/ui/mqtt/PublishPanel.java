package io.iotworkbench.ui.mqtt;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import java.util.List;

/**
 * The MQTT pane's Publish tab: topic, QoS, retain, templates, a payload checked as JSON while typed, publish once or
 * repeat every N ms, and the history of what was sent. FX thread only.
 */
final class PublishPanel {

    private PublishPanel() {
    }

    static Node build(PublishModel p, javafx.beans.property.ReadOnlyStringProperty policyWarning) {
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
        var options = io.iotworkbench.ui.common.Toolbars.wrapping(6, qosLabel, qos, retain, templates);

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
        Label none = new Label("Sent messages appear here; double-click one to load it.");
        none.setWrapText(true);
        history.setPlaceholder(none);
        history.setPrefHeight(120);
        history.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && history.getSelectionModel().getSelectedItem() != null) {
                p.apply(history.getSelectionModel().getSelectedItem());
            }
        });
        Label policy = new Label();
        policy.setId("mqtt-pub-policy");
        policy.setWrapText(true);
        policy.getStyleClass().add("policy-warnings");
        policy.textProperty().bind(policyWarning);
        policy.managedProperty().bind(policyWarning.isNotEmpty());
        policy.visibleProperty().bind(policy.managedProperty());
        VBox box = new VBox(6, topic, policy, options, payload, problem, actions, result,
                MqttNodes.sectionTitle("Sent"),
                history);
        box.setPadding(new Insets(8));
        return io.iotworkbench.ui.common.Toolbars.scrolling(box);
    }

}
