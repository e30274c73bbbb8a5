package io.iotworkbench.localcore;

/**
 * Delivers a message into one client's connection only, whether or not it subscribed, and to nobody else: how AWS IoT
 * answers a device's Jobs requests ({@code …/accepted} and {@code …/rejected} go to the requester alone).
 *
 * <p>Implementations are thread-safe.
 */
public interface ClientDelivery {

    /** @return false when no client with this id is connected (the message is then dropped, as on AWS) */
    boolean deliverTo(String clientId, String topic, byte[] payload, int qos);
}
