package io.iotworkbench.localcore;

/**
 * Publishes a message into the Local IoT Core's broker as the service itself (not as a client), for the data-plane
 * Publish call and the services' replies. The topic and payload are checked against AWS IoT's limits first.
 *
 * <p>Implementations are thread-safe.
 */
public interface MessagePublisher {

    /**
     * @throws IllegalArgumentException when the topic or payload breaks AWS IoT's rules; the message says which
     */
    void publish(String topic, byte[] payload, int qos, boolean retain);
}
