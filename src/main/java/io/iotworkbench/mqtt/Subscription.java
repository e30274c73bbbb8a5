package io.iotworkbench.mqtt;

import java.util.Objects;

/** A topic filter the session subscribes to, with its QoS (0 or 1). Immutable. */
public record Subscription(String filter, int qos) {

    public Subscription {
        Objects.requireNonNull(filter, "filter");
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("AWS IoT supports QoS 0 and 1 only");
        }
    }
}
