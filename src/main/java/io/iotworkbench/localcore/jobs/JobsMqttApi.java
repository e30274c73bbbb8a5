package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.jobs.JobsJson.Dialect;
import io.iotworkbench.localcore.jobs.JobsState.Committed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The Jobs device API over MQTT: parses a request published on {@code $aws/things/{thing}/jobs/...}
 * ({@link JobsTopics}), runs it on {@link JobsDeviceApi}, and answers on {@code .../accepted} or {@code .../rejected}
 * with {@code clientToken} echoed and {@code timestamp} in seconds. The reply goes to the requesting client only, at
 * the request's QoS, handed over before the notifications the change caused are published ({@link JobsOutbox}; they
 * take another path and may still arrive first, as AWS promises no order either); a request without a connection
 * (HTTPS Publish) changes state but its reply goes nowhere (decision 0007).
 *
 * <p>Threading: {@link #onClientPublish} runs on the gateway's threads and only queues; requests are answered one at a
 * time on {@code jobs-service} ({@link JobsThreads}); when the queue is full the reply is RequestThrottled at once.
 */
final class JobsMqttApi {

    private static final Logger LOG = LoggerFactory.getLogger(JobsMqttApi.class);

    private final JobsDeviceApi api;
    private final JobsOutbox outbox;
    private final JobsThreads threads;
    private final Clock clock;

    JobsMqttApi(JobsDeviceApi api, JobsOutbox outbox, JobsThreads threads, Clock clock) {
        this.api = api;
        this.outbox = outbox;
        this.threads = threads;
        this.clock = clock;
    }

    /** A client ({@code clientId}, null for none) published to {@code topic}; jobs requests are answered later. */
    void onClientPublish(String clientId, String topic, byte[] payload, int qos) {
        Optional<JobsTopics.Request> parsed = JobsTopics.parse(topic);
        if (parsed.isEmpty()) {
            return;
        }
        JobsTopics.Request request = parsed.get();
        if (!threads.submit(() -> handle(clientId, qos, request, payload))) {
            outbox.reply(clientId, rejected(request, null, new JobsRejection(JobsErrorCode.RequestThrottled,
                    "Too many jobs requests are waiting; try again shortly")), qos);
        }
    }

    private void handle(String clientId, int qos, JobsTopics.Request request, byte[] payload) {
        String clientToken = null;
        Outgoing reply;
        List<Outgoing> notifications = List.of();
        try {
            JsonNode body = parse(payload);
            JsonNode token = body.get("clientToken");
            clientToken = token != null && token.isTextual() ? token.asText() : null;
            Committed<ObjectNode> done = switch (request.kind()) {
                case GET_PENDING -> api.getPending(request.thingName());
                case START_NEXT -> api.startNext(request.thingName(), body, Dialect.MQTT);
                case DESCRIBE -> api.describe(request.thingName(), request.jobId(),
                        JobsDeviceApi.readLong(body.get("executionNumber")),
                        body.path("includeJobDocument").asBoolean(true), Dialect.MQTT);
                case UPDATE -> api.update(request.thingName(), request.jobId(), body, Dialect.MQTT);
                case INVALID_TOPIC -> throw new JobsRejection(JobsErrorCode.InvalidTopic,
                        "The topic " + request.topic() + " is not a jobs API topic");
            };
            ObjectNode accepted = done.value();
            accepted.put("timestamp", JobsJson.seconds(clock.millis()));
            if (clientToken != null) {
                accepted.put("clientToken", clientToken);
            }
            reply = new Outgoing(request.accepted(), JobsJson.bytes(accepted));
            notifications = done.messages();
        } catch (JobsRejection e) {
            reply = rejected(request, clientToken, e);
        } catch (RuntimeException e) {
            LOG.warn("Jobs request on {} failed: {}", request.topic(), e.getMessage(), e);
            reply = rejected(request, clientToken, new JobsRejection(JobsErrorCode.InternalError,
                    "The jobs service failed: " + e.getMessage()));
        }
        outbox.reply(clientId, reply, qos);
        outbox.publish(notifications);
    }

    private static JsonNode parse(byte[] payload) {
        if (payload.length == 0) {
            return JobsJson.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = JobsJson.MAPPER.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new JobsRejection(JobsErrorCode.InvalidJson, "The payload must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new JobsRejection(JobsErrorCode.InvalidJson, "The payload is not valid JSON");
        }
    }

    private Outgoing rejected(JobsTopics.Request request, String clientToken, JobsRejection e) {
        return new Outgoing(request.rejected(), JobsJson.bytes(JobsJson.rejected(e, clientToken, clock.millis())));
    }
}
