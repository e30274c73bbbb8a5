package io.iotworkbench.ui.mqtt;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;

import java.util.Locale;

/** Small node factories the MQTT pane's panels share. Stateless; FX thread. */
final class MqttNodes {

    private MqttNodes() {
    }

    static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("mqtt-section");
        return l;
    }

    static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId("mqtt-tab-" + title.toLowerCase(Locale.ROOT));
        return t;
    }
}
