package io.iotworkbench.ui.mqtt;

import io.iotworkbench.ui.common.PaneIntro;
import io.iotworkbench.ui.common.PaneView;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * The MQTT pane's view: builds its nodes in code and binds them to {@link MqttViewModel}. FX thread only.
 */
public final class MqttView implements PaneView {

    private final ScrollPane root;

    public MqttView(MqttViewModel viewModel) {
        root = new ScrollPane(PaneIntro.build(viewModel, "mqtt-pane"));
        root.setFitToWidth(true);
    }

    @Override
    public Node root() {
        return root;
    }
}
