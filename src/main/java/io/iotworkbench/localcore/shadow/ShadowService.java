package io.iotworkbench.localcore.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.concurrent.DaemonThreads;
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
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Local IoT Core's Device Shadow service: requests on the MQTT topics ({@code get}, {@code update},
 * {@code delete}, classic and named) and the REST data plane go through the one {@link ShadowEngine}, are stored by
 * the {@link ShadowRepository} in a transaction, and only then answered: accepted/rejected replies, and for updates
 * {@code update/documents} and {@code update/delta}, published to subscribers. A REST update publishes the same MQTT
 * messages (as AWS does) but never an MQTT error.
 *
 * <p>Threading: requests wait in a bounded queue (a full queue answers 429); one "shadow-service" thread takes them
 * in arrival order, applies up to 256 at a time in ONE database transaction (group commit), and publishes the
 * replies in the same order after the commit. {@link #onClientPublish} only queues; the REST methods wait for their
 * result.
 */
public final class ShadowService implements ShadowOperations, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowService.class);
    private static final int QUEUE_CAPACITY = 50_000;
    private static final int MAX_BATCH = 256;

    /** One queued request; {@code reply} is set for REST calls, null for MQTT ones. */
    private record Request(ShadowTopic topic, byte[] payload, CompletableFuture<ShadowOutcome> reply) {
    }

    private final ShadowRepository repository;
    private final ShadowEngine engine;
    private final MessagePublisher publisher;
    private final Clock clock;
    private final BlockingQueue<Request> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread worker;
    private volatile boolean running = true;

    public ShadowService(ShadowRepository repository, ShadowEngine engine, MessagePublisher publisher, Clock clock) {
        this.repository = repository;
        this.engine = engine;
        this.publisher = publisher;
        this.clock = clock;
        this.worker = DaemonThreads.start("shadow-service", this::work);
    }

    /** A client published {@code payload} to {@code topic}; handled later on the service thread. */
    public void onClientPublish(String topic, byte[] payload) {
        Optional<ShadowTopic> parsed = ShadowTopics.parse(topic);
        if (parsed.isEmpty() || !parsed.get().isRequest()) {
            return;
        }
        if (!queue.offer(new Request(parsed.get(), payload, null))) {
            publish(parsed.get().withSuffix(ShadowTopic.Suffix.REJECTED),
                    ShadowError.tooManyRequests(null).toJson(now()));
        }
    }

    /** The service thread, for tests that check it sleeps while no request waits. */
    Thread workerThread() {
        return worker;
    }

    private void work() {
        List<Request> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Request first = queue.take(); // close() interrupts it: an idle service does not wake
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                process(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Shadow service batch failed: {}", e.getMessage(), e);
            }
        }
    }

    private void process(List<Request> batch) {
        long now = now();
        List<ShadowRepository.Operation> ops = new ArrayList<>(batch.size());
        for (Request r : batch) {
            ShadowTopic t = r.topic();
            ops.add(new ShadowRepository.Operation(t.thingName(), t.shadowName(), stored -> switch (t.operation()) {
                case GET -> engine.get(t.thingName(), t.shadowName(), stored.orElse(null), r.payload(), now);
                case UPDATE -> engine.update(t.thingName(), t.shadowName(), stored.orElse(null), r.payload(), now);
                case DELETE -> engine.delete(t.thingName(), t.shadowName(), stored.orElse(null), r.payload(), now);
            }));
        }
        List<ShadowOutcome> outcomes;
        try {
            outcomes = repository.updateAll(ops);
        } catch (SQLException e) {
            LOG.warn("Shadow store failed: {}", e.getMessage());
            outcomes = java.util.Collections.nCopies(batch.size(), null);
        }
        for (int i = 0; i < batch.size(); i++) {
            Request r = batch.get(i);
            ShadowOutcome o = outcomes.get(i) != null ? outcomes.get(i)
                    : ShadowOutcome.rejected(ShadowError.internalFailure(null), now);
            if (r.reply() == null) {
                answerMqtt(r.topic(), o);
            } else {
                if (o.isAccepted() && r.topic().operation() != ShadowTopic.Operation.GET) {
                    publish(r.topic().withSuffix(ShadowTopic.Suffix.ACCEPTED), o.response());
                    publishUpdateEvents(r.topic(), o);
                }
                r.reply().complete(o);
            }
        }
    }

    private void answerMqtt(ShadowTopic request, ShadowOutcome outcome) {
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
        CompletableFuture<ShadowOutcome> reply = new CompletableFuture<>();
        if (!queue.offer(new Request(new ShadowTopic(thing, shadow, op, ShadowTopic.Suffix.NONE), payload, reply))) {
            return error(ShadowError.tooManyRequests(null));
        }
        try {
            ShadowOutcome outcome = reply.get(30, TimeUnit.SECONDS);
            return new Result(outcome.status(), ShadowJson.toBytes(outcome.response()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(ShadowError.internalFailure(null));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return error(ShadowError.internalFailure(null));
        }
    }

    private Result error(ShadowError e) {
        return new Result(e.code(), ShadowJson.toBytes(e.toJson(now())));
    }

    @Override
    public List<String> listNamedShadows(String thingName) {
        try {
            return repository.namedShadows(thingName);
        } catch (SQLException e) {
            throw new IllegalStateException("The shadow store cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
