package io.iotworkbench.mqtt;

import io.iotworkbench.session.Session;
import io.iotworkbench.session.SessionListener;

import java.util.Optional;

/**
 * Keeps the connection's subscriptions on the session's thing: when the thing changes from A to B, every filter under
 * {@code $aws/things/A/} becomes the same filter under {@code $aws/things/B/} (same QoS); other filters stay. One per
 * session, registered by the composition root, so the MQTT pane need not be open.
 *
 * <p>Threading: runs on the thread that changed the thing; the connection's calls return at once.
 */
public final class ThingSubscriptions implements SessionListener {

    private final MqttConnection connection;
    private String thing;

    private ThingSubscriptions(Session session, MqttConnection connection) {
        this.connection = connection;
        this.thing = session.thingName();
    }

    /** Starts following {@code session}'s thing. */
    public static ThingSubscriptions follow(Session session, MqttConnection connection) {
        ThingSubscriptions t = new ThingSubscriptions(session, connection);
        session.addListener(t);
        return t;
    }

    @Override
    public synchronized void thingChanged(String next) {
        String previous = thing;
        thing = next;
        if (previous == null || previous.isEmpty() || next == null || next.isEmpty() || previous.equals(next)) {
            return;
        }
        for (Subscription s : connection.subscriptions()) {
            retarget(s.filter(), previous, next).ifPresent(filter -> {
                connection.unsubscribe(s.filter());
                connection.subscribe(new Subscription(filter, s.qos()));
            });
        }
    }

    /** {@code $aws/things/A/shadow/#} → {@code $aws/things/B/shadow/#}; empty for a topic of no thing or another. */
    public static Optional<String> retarget(String topic, String from, String to) {
        String prefix = "$aws/things/" + from + "/";
        return topic.startsWith(prefix) ? Optional.of("$aws/things/" + to + "/" + topic.substring(prefix.length()))
                : Optional.empty();
    }
}
