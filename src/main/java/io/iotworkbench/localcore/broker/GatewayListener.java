package io.iotworkbench.localcore.broker;

import java.util.Map;

/**
 * What the broker tells the rest of the Local IoT Core: devices connecting and leaving, messages they publish (for
 * the shadow and jobs services), what it refused and why, and messages it dropped for slow subscribers. Called on
 * Netty's event-loop threads: implementations must return quickly and hand real work to their own executor.
 */
public interface GatewayListener {

    /** A client passed TLS, CONNECT and {@code iot:Connect}, and got CONNACK. */
    default void clientConnected(String clientId, String certificateId, String remoteAddress) {
    }

    default void clientDisconnected(String clientId, String certificateId) {
    }

    /**
     * A client published to a {@code $aws/...} topic and the message passed AWS's rules and {@code iot:Publish}; the
     * payload is a copy the listener may keep. Called on the client's event loop, in the order the client sent.
     */
    default void clientPublished(String clientId, String certificateId, String topic, byte[] payload, int qos) {
    }

    /**
     * Something was refused (handshake, CONNECT, publish, subscribe, a delivery the policy does not allow);
     * {@code reason} says what and why (for an authorization denial, the authorizer's reason).
     */
    default void refused(String clientId, String reason) {
    }

    /**
     * Once per report interval when something was dropped: messages dropped per client id since the last report
     * (only clients that dropped any), and the total since the broker started.
     */
    default void droppedForSlowSubscribers(Map<String, Long> sinceLastReport, long total) {
    }
}
