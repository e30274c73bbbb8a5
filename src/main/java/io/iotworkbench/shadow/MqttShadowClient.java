package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.Subscription;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The shadow client over the session's MQTT connection: requests go to the reserved {@code get/update/delete} topics
 * with a fresh {@code clientToken}; the answer is matched on {@code accepted}/{@code rejected} by that token, with a
 * timeout. It subscribes only to the followed thing's and shadow's topics, and passes {@code update/documents} and
 * {@code update/delta} messages to listeners (the live version timeline).
 *
 * <p>Thread-safe. Replies arrive on Paho's thread and complete the futures there; listeners run there too and must
 * hand over to their own thread.
 */
public final class MqttShadowClient implements ShadowClient, AutoCloseable {

    private final MqttConnection connection;
    private final ShadowClient listing;
    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final Map<String, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    private final List<BiConsumer<ShadowTopic, JsonNode>> eventListeners = new CopyOnWriteArrayList<>();
    private final MqttConnection.MessageSink sink = this::onMessage;
    private volatile String followedFilter;

    /** {@code listing} answers {@link #listNamedShadows} (only HTTPS can list). */
    public MqttShadowClient(MqttConnection connection, ShadowClient listing, ScheduledExecutorService timer,
                            Duration timeout) {
        this.connection = connection;
        this.listing = listing;
        this.timer = timer;
        this.timeout = timeout;
        connection.addSink(sink);
    }

    /** Subscribes to the reply and event topics of one shadow (and drops the previous one's). */
    public synchronized CompletableFuture<Void> follow(String thingName, String shadowName) {
        String filter = ShadowTopics.prefix(thingName, shadowName) + "/+/+";
        if (filter.equals(followedFilter)) {
            return CompletableFuture.completedFuture(null);
        }
        String old = followedFilter;
        followedFilter = filter;
        CompletableFuture<Void> unsub = old == null ? CompletableFuture.completedFuture(null)
                : connection.unsubscribe(old).exceptionally(e -> null);
        return unsub.thenCompose(v -> connection.subscribe(new Subscription(filter, 1)));
    }

    /** Receives update/documents and update/delta of the followed shadow, on Paho's thread. */
    public void addEventListener(BiConsumer<ShadowTopic, JsonNode> listener) {
        eventListeners.add(listener);
    }

    private void onMessage(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
        Optional<ShadowTopic> parsed = ShadowTopics.parse(topic);
        if (parsed.isEmpty()) {
            return;
        }
        ShadowTopic t = parsed.get();
        JsonNode doc = HttpsShadowClient.parseOrEmpty(message.getPayload());
        switch (t.suffix()) {
            case ACCEPTED, REJECTED -> {
                CompletableFuture<Response> f = pending.remove(doc.path("clientToken").asText(""));
                if (f != null) {
                    f.complete(new Response(t.suffix() == ShadowTopic.Suffix.ACCEPTED ? 200
                            : doc.path("code").asInt(400), doc));
                }
            }
            case DOCUMENTS, DELTA -> eventListeners.forEach(l -> l.accept(t, doc));
            default -> {
                // requests from other clients are not answers
            }
        }
    }

    private CompletableFuture<Response> request(String thing, String shadow, ShadowTopic.Operation op,
                                                ObjectNode body) {
        String token = UUID.randomUUID().toString();
        body.put("clientToken", token);
        CompletableFuture<Response> answer = new CompletableFuture<>();
        pending.put(token, answer);
        try {
            timer.schedule(() -> {
                if (pending.remove(token) != null) {
                    answer.completeExceptionally(new TimeoutException("No answer from the shadow service within "
                            + timeout.toSeconds() + " s on " + ShadowTopics.topic(thing, shadow, op) + "/accepted."));
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            pending.remove(token);
            answer.completeExceptionally(new IllegalStateException("The shadow client is closing."));
            return answer;
        }
        follow(thing, shadow)
                .thenCompose(v -> connection.publish(ShadowTopics.topic(thing, shadow, op), ShadowJson.toBytes(body),
                        1, false))
                .whenComplete((v, e) -> {
                    if (e != null && pending.remove(token) != null) {
                        answer.completeExceptionally(e);
                    }
                });
        return answer;
    }

    @Override
    public CompletableFuture<Response> get(String thingName, String shadowName) {
        return request(thingName, shadowName, ShadowTopic.Operation.GET, ShadowJson.object());
    }

    @Override
    public CompletableFuture<Response> update(String thingName, String shadowName, JsonNode request) {
        ObjectNode body = request.deepCopy();
        return request(thingName, shadowName, ShadowTopic.Operation.UPDATE, body);
    }

    @Override
    public CompletableFuture<Response> delete(String thingName, String shadowName) {
        return request(thingName, shadowName, ShadowTopic.Operation.DELETE, ShadowJson.object());
    }

    @Override
    public CompletableFuture<List<String>> listNamedShadows(String thingName) {
        return listing.listNamedShadows(thingName);
    }

    @Override
    public void close() {
        connection.removeSink(sink);
        String f = followedFilter;
        if (f != null) {
            connection.unsubscribe(f);
        }
    }
}
