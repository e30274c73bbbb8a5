package io.iotworkbench.localcore.broker;

/**
 * What the {@link MqttGateway} tells the rest of the Local IoT Core: devices connecting and leaving, messages they
 * publish (for the shadow and jobs services) and what it refused and why. Called on Netty's event-loop threads:
 * implementations must return quickly and hand real work to their own executor.
 */
public interface GatewayListener {

    /** A client passed TLS and CONNECT. */
    default void clientConnected(String clientId, String certificateId, String remoteAddress) {
    }

    default void clientDisconnected(String clientId, String certificateId) {
    }

    /** A client published a message that passed AWS's rules; the payload is a copy the listener may keep. */
    default void clientPublished(String clientId, String certificateId, String topic, byte[] payload, int qos) {
    }

    /** Something was refused (handshake, CONNECT, publish, subscribe); {@code reason} says what and why. */
    default void refused(String clientId, String reason) {
    }
}
