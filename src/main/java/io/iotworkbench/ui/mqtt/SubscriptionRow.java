package io.iotworkbench.ui.mqtt;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One line of the subscriptions list: a topic filter, its QoS, the colour that marks its messages, and whether it is
 * currently subscribed. FX thread.
 */
public final class SubscriptionRow {

    private final String filter;
    private final int qos;
    private final String colour;
    private final BooleanProperty enabled = new SimpleBooleanProperty(true);

    public SubscriptionRow(String filter, int qos, String colour) {
        this.filter = filter;
        this.qos = qos;
        this.colour = colour;
    }

    public String filter() {
        return filter;
    }

    public int qos() {
        return qos;
    }

    /** A CSS colour such as {@code #3d7eff}. */
    public String colour() {
        return colour;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public boolean isEnabled() {
        return enabled.get();
    }

    @Override
    public String toString() {
        return filter + " (QoS " + qos + ")";
    }
}
