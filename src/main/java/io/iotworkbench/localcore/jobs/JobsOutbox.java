package io.iotworkbench.localcore.jobs;

import io.iotworkbench.localcore.ClientDelivery;
import io.iotworkbench.localcore.MessagePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What the jobs service sends, after a change committed: notifications ({@code notify}, {@code notify-next}) and
 * {@code $aws/events/...} go through the broker to whoever subscribed, at QoS 1; the {@code accepted}/{@code rejected}
 * reply of a device's MQTT request goes into the requesting client's connection only (AWS's rule, decision 0007), and
 * nowhere when the request came without a connection (HTTPS Publish). A message that cannot be sent is logged and
 * dropped, as a broker drops it.
 *
 * <p>Thread-safe (stateless over thread-safe parts).
 */
final class JobsOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(JobsOutbox.class);

    private final MessagePublisher publisher;
    private final ClientDelivery delivery;

    JobsOutbox(MessagePublisher publisher, ClientDelivery delivery) {
        this.publisher = publisher;
        this.delivery = delivery;
    }

    void publish(List<Outgoing> messages) {
        for (Outgoing o : messages) {
            try {
                publisher.publish(o.topic(), o.payload(), 1, false);
            } catch (RuntimeException e) {
                LOG.warn("Jobs message to {} not published: {}", o.topic(), e.getMessage());
            }
        }
    }

    /** Delivers a reply to {@code clientId} alone; null (no MQTT connection asked) sends it nowhere. */
    void reply(String clientId, Outgoing reply, int qos) {
        if (clientId == null) {
            LOG.debug("Jobs reply on {} has no requesting connection; not sent", reply.topic());
            return;
        }
        try {
            if (!delivery.deliverTo(clientId, reply.topic(), reply.payload(), Math.min(qos, 1))) {
                LOG.debug("Jobs reply on {} dropped: client {} is not connected", reply.topic(), clientId);
            }
        } catch (RuntimeException e) {
            LOG.warn("Jobs reply on {} to {} not delivered: {}", reply.topic(), clientId, e.getMessage());
        }
    }
}
