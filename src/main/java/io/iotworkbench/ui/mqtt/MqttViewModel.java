package io.iotworkbench.ui.mqtt;

import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneViewModel;

import java.util.List;

/**
 * View model of the MQTT pane. Follows the session's current thing and connection state.
 *
 * <p>FX thread; testable without a toolkit.
 */
public final class MqttViewModel extends PaneViewModel {

    public MqttViewModel(FxSession fxSession) {
        super(fxSession);
    }

    @Override
    public String title() {
        return "MQTT";
    }

    @Override
    public String purpose() {
        return "Explore live MQTT traffic as a topic tree, inspect payloads, publish and chart values.";
    }

    @Override
    public List<String> capabilities() {
        return List.of(
                "Subscriptions with QoS 0/1, colours and per-filter enable",
                "A live topic tree with counts, rates and last values that stays responsive under load",
                "Payload views (JSON, hex, text), publish with history, charts of numeric fields",
                "Record and export messages");
    }
}
