package io.iotworkbench.localcore.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.MessagePublisher;
import io.iotworkbench.localcore.ShadowOperations;
import io.iotworkbench.shadow.ShadowEngine;
import io.iotworkbench.shadow.ShadowError;
import io.iotworkbench.shadow.ShadowJson;
import io.iotworkbench.shadow.ShadowNames;
import io.iotworkbench.shadow.ShadowOutcome;
import io.iotworkbench.shadow.ShadowTopic;
import io.iotworkbench.shadow.ShadowTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Local IoT Core's Device Shadow service: requests on the MQTT topics ({@code get}, {@code update},
 * {@code delete}, classic and named) and the REST data plane go through the one {@link ShadowEngine}, are stored by
 * the {@link ShadowRepository} in a transaction, and only then answered: accepted/rejected replies, and for updates
 * {@code update/documents} and {@code update/delta}, published to subscribers. A REST update publishes the same MQTT
 * messages (as AWS does) but never an MQTT error.
 *
 * <p>Threading: every operation runs on one "shadow-service" thread, so requests are applied in arrival order and
 * replies go out in the same order. {@link #onClientPublish} only queues; the REST methods wait for their result.
 */
public final class ShadowService implements ShadowOperations, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowService.class);

    private final ShadowRepository repository;
    private final ShadowEngine engine;
    private final MessagePublisher publisher;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "shadow-service");
        t.setDaemon(true);
        return t;
    });

    public ShadowService(ShadowRepository repository, ShadowEngine engine, MessagePublisher publisher, Clock clock) {
        this.repository = repository;
        this.engine = engine;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** A client published {@code payload} to {@code topic}; handled later on the service thread. */
    public void onClientPublish(String topic, byte[] payload) {
        Optional<ShadowTopic> parsed = ShadowTopics.parse(topic);
        if (parsed.isEmpty() || !parsed.get().isRequest()) {
            return;
        }
        worker.execute(() -> handleMqtt(parsed.get(), payload));
    }

    private void handleMqtt(ShadowTopic request, byte[] payload) {
        ShadowOutcome outcome;
        try {
            outcome = run(request.operation(), request.thingName(), request.shadowName(), payload);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Shadow request on {} failed: {}", request.topic(), e.getMessage());
            outcome = ShadowOutcome.rejected(ShadowError.internalFailure(null), now());
        }
        ShadowTopic.Suffix suffix = outcome.isAccepted() ? ShadowTopic.Suffix.ACCEPTED : ShadowTopic.Suffix.REJECTED;
        publish(request.withSuffix(suffix), outcome.response());
        publishUpdateEvents(request, outcome);
    }

    private void publishUpdateEvents(ShadowTopic request, ShadowOutcome outcome) {
        if (request.operation() != ShadowTopic.Operation.UPDATE || !outcome.isAccepted()) {
            return;
        }
        outcome.documents().ifPresent(d -> publish(request.withSuffix(ShadowTopic.Suffix.DOCUMENTS), d));
        outcome.delta().ifPresent(d -> publish(request.withSuffix(ShadowTopic.Suffix.DELTA), d));
    }

    private void publish(ShadowTopic topic, ObjectNode document) {
        try {
            publisher.publish(topic.topic(), ShadowJson.toBytes(document), 1, false);
        } catch (RuntimeException e) {
            LOG.warn("Shadow reply to {} not published: {}", topic.topic(), e.getMessage());
        }
    }

    private ShadowOutcome run(ShadowTopic.Operation op, String thing, String shadow, byte[] payload)
            throws SQLException {
        long now = now();
        return switch (op) {
            case GET -> engine.get(thing, shadow, repository.load(thing, shadow).orElse(null), payload, now);
            case UPDATE -> repository.update(thing, shadow,
                    stored -> engine.update(thing, shadow, stored.orElse(null), payload, now));
            case DELETE -> repository.update(thing, shadow,
                    stored -> engine.delete(thing, shadow, stored.orElse(null), payload, now));
        };
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    @Override
    public Result get(String thingName, String shadowName) {
        return rest(ShadowTopic.Operation.GET, thingName, shadowName, new byte[0]);
    }

    @Override
    public Result update(String thingName, String shadowName, byte[] payload) {
        return rest(ShadowTopic.Operation.UPDATE, thingName, shadowName, payload);
    }

    @Override
    public Result delete(String thingName, String shadowName) {
        return rest(ShadowTopic.Operation.DELETE, thingName, shadowName, new byte[0]);
    }

    private Result rest(ShadowTopic.Operation op, String thing, String shadow, byte[] payload) {
        if (!ShadowNames.isValidThingName(thing)) {
            return error(ShadowError.badRequest("Invalid thing name: " + thing, null));
        }
        if (!shadow.isEmpty() && !ShadowNames.isValidShadowName(shadow)) {
            return error(ShadowError.badRequest("Invalid shadow name: " + shadow, null));
        }
        ShadowOutcome outcome = onWorker(() -> {
            ShadowOutcome o = run(op, thing, shadow, payload);
            if (o.isAccepted()) {
                ShadowTopic request = new ShadowTopic(thing, shadow, op, ShadowTopic.Suffix.NONE);
                if (op == ShadowTopic.Operation.DELETE) {
                    publish(request.withSuffix(ShadowTopic.Suffix.ACCEPTED), o.response());
                } else if (op == ShadowTopic.Operation.UPDATE) {
                    publish(request.withSuffix(ShadowTopic.Suffix.ACCEPTED), o.response());
                    publishUpdateEvents(request, o);
                }
            }
            return o;
        });
        return new Result(outcome.status(), ShadowJson.toBytes(outcome.response()));
    }

    private Result error(ShadowError e) {
        return new Result(e.code(), ShadowJson.toBytes(e.toJson(now())));
    }

    @Override
    public List<String> listNamedShadows(String thingName) {
        return onWorker(() -> repository.namedShadows(thingName));
    }

    private <T> T onWorker(Callable<T> work) {
        try {
            return worker.submit(work).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The shadow service failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
