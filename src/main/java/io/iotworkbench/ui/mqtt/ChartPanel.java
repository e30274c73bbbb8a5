package io.iotworkbench.ui.mqtt;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The MQTT pane's Chart tab: one series per topic and JSON pointer (the target is set by typing or by a click in the
 * payload's JSON view), 1,000 points per series. FX thread only.
 */
final class ChartPanel {

    private ChartPanel() {
    }

    static Node build(ChartModel model) {
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

        TextField chartTopic = new TextField();
        chartTopic.textProperty().bindBidirectional(model.targetTopicProperty());
        chartTopic.setId("mqtt-chart-topic");
        chartTopic.setPromptText("Topic");
        TextField chartPointer = new TextField();
        chartPointer.textProperty().bindBidirectional(model.targetPointerProperty());
        chartPointer.setId("mqtt-chart-pointer");
        chartPointer.setPromptText("JSON pointer, e.g. /state/reported/temperature_sensor (empty: whole payload)");
        Button add = new Button("Add series");
        add.setId("mqtt-chart-add");
        add.setOnAction(e -> model.addTarget());
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

}
