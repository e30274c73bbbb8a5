package io.iotworkbench.localcore.policy;

/**
 * Decides whether a principal of the Local IoT Core may do an IoT action on a resource, the way AWS IoT Core
 * evaluates IoT policies. The broker asks on every CONNECT, PUBLISH, SUBSCRIBE and delivery; the HTTPS device data
 * plane and the OTA data paths ask for their own actions. Implementations cache what they can (per principal and
 * policy version), so a call on the hot path costs a map lookup.
 *
 * <p>Threading: called on network threads (Netty event loops, HTTP workers); implementations are thread-safe and
 * never block on disk or network.
 */
public interface Authorizer {

    /**
     * Who is asking: the certificate the connection authenticated with and, for MQTT, the client id it connected
     * with ({@code null} over HTTPS).
     */
    record Principal(String certificateId, String clientId) {
    }

    /** The verdict, with a sentence that says why (which policy and statement decided, or that none allowed it). */
    record Decision(boolean allowed, String reason) {

        public static Decision allow(String reason) {
            return new Decision(true, reason);
        }

        public static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }

    /**
     * @param action   an IoT action, for example {@code iot:Publish}
     * @param resource the resource without its ARN prefix, for example {@code topic/a/b}, {@code topicfilter/a/#},
     *                 {@code client/t1} or {@code thing/t1}
     */
    Decision authorize(Principal who, String action, String resource);

    /** Permits everything: the Local IoT Core before policies are enforced, and {@code --policies off}. */
    Authorizer ALLOW_ALL = (who, action, resource) -> Decision.allow("policies are not enforced");
}
