package io.iotworkbench.localcore.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS IoT Core's lifecycle events, in the documented shapes (Developer Guide, "Lifecycle events"):
 * {@code $aws/events/presence/connected/<clientId>} and {@code …/disconnected/<clientId>} with clientId, timestamp
 * (ms), eventType, sessionIdentifier, principalIdentifier (the certificate id), versionNumber, ipAddress (connect
 * only) and, on disconnect, clientInitiatedDisconnect and disconnectReason; and
 * {@code $aws/events/subscriptions/subscribed|unsubscribed/<clientId>} with the topics. Client ids containing
 * {@code #} or {@code +} get no events, as on AWS.
 *
 * <p>versionNumber grows by one with each connection of a client id; a connection's connect and disconnect events
 * carry the same number; it starts again at 0 when the client id has been disconnected for longer than the
 * persistent-session expiry (AWS: about an hour, or the session's expiry).
 *
 * <p>Thread-safe.
 */
final class LifecycleEvents {

    static final String PRESENCE = "$aws/events/presence/";
    static final String SUBSCRIPTIONS = "$aws/events/subscriptions/";

    private record Version(long number, long disconnectedAt) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Version> versions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long resetAfterMillis;

    LifecycleEvents(Clock clock, Duration resetAfter) {
        this.clock = clock;
        this.resetAfterMillis = resetAfter.toMillis();
    }

    static boolean publishesFor(String clientId) {
        return clientId.indexOf('#') < 0 && clientId.indexOf('+') < 0;
    }

    /** The version number of a new connection of {@code clientId}. */
    long nextVersion(String clientId) {
        long now = clock.millis();
        return versions.compute(clientId, (id, v) -> {
            if (v == null || (v.disconnectedAt() > 0 && now - v.disconnectedAt() > resetAfterMillis)) {
                return new Version(0, 0);
            }
            return new Version(v.number() + 1, 0);
        }).number();
    }

    Message connected(String clientId, String sessionId, String certificateId, String ipAddress, long version) {
        ObjectNode n = base(clientId, "connected", sessionId, certificateId);
        n.put("ipAddress", ipAddress);
        n.put("versionNumber", version);
        return Message.of(PRESENCE + "connected/" + clientId, bytes(n), 1, false);
    }

    Message disconnected(String clientId, String sessionId, String certificateId, DisconnectReason reason,
                         long version) {
        versions.computeIfPresent(clientId, (id, v) -> v.number() == version
                ? new Version(v.number(), Math.max(1, clock.millis())) : v);
        ObjectNode n = base(clientId, "disconnected", sessionId, certificateId);
        n.put("clientInitiatedDisconnect", reason.clientInitiated());
        n.put("disconnectReason", reason.name());
        n.put("versionNumber", version);
        return Message.of(PRESENCE + "disconnected/" + clientId, bytes(n), 1, false);
    }

    Message subscriptions(String clientId, String sessionId, String certificateId, boolean subscribed,
                          Collection<String> topics) {
        String type = subscribed ? "subscribed" : "unsubscribed";
        ObjectNode n = base(clientId, type, sessionId, certificateId);
        ArrayNode a = n.putArray("topics");
        topics.forEach(a::add);
        return Message.of(SUBSCRIPTIONS + type + "/" + clientId, bytes(n), 1, false);
    }

    /** Forgets the versions of client ids disconnected for longer than the reset time. */
    void sweep() {
        long now = clock.millis();
        versions.values().removeIf(v -> v.disconnectedAt() > 0 && now - v.disconnectedAt() > resetAfterMillis);
    }

    private ObjectNode base(String clientId, String type, String sessionId, String certificateId) {
        ObjectNode n = json.createObjectNode();
        n.put("clientId", clientId);
        n.put("timestamp", clock.millis());
        n.put("eventType", type);
        n.put("sessionIdentifier", sessionId);
        n.put("principalIdentifier", certificateId);
        return n;
    }

    private byte[] bytes(ObjectNode n) {
        try {
            return json.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
