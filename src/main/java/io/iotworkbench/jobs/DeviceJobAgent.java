package io.iotworkbench.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Acts as a thing's job client over an MQTT connection, to dry-run a job document before a real board gets it: it
 * follows {@code notify-next}, asks for the next job ({@code start-next}), reports progress and a final status with
 * status details and a step timeout, and keeps the execution's version for {@code expectedVersion}. Feed it every
 * message under {@link #topicFilter()}; it publishes through the given publisher.
 *
 * <p>Thread-safe: the state is guarded by this object; log lines go to the log consumer on the calling thread.
 */
public final class DeviceJobAgent {

    /** What the agent knows about the job it is working on (jobId null when none). */
    public record Current(String jobId, String status, long versionNumber, String document) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String thingName;
    private final BiConsumer<String, byte[]> publisher;
    private final Consumer<String> log;
    private Current current = new Current(null, null, 0, null);
    private long tokens;

    public DeviceJobAgent(String thingName, BiConsumer<String, byte[]> publisher, Consumer<String> log) {
        this.thingName = thingName;
        this.publisher = publisher;
        this.log = log;
    }

    public String thingName() {
        return thingName;
    }

    public String topicFilter() {
        return prefix() + "#";
    }

    private String prefix() {
        return "$aws/things/" + thingName + "/jobs/";
    }

    public synchronized Current current() {
        return current;
    }

    /** Asks for the next pending job (start-next); {@code stepTimeoutMinutes} null for none. */
    public void startNext(Long stepTimeoutMinutes) {
        ObjectNode body = JSON.createObjectNode().put("clientToken", token());
        if (stepTimeoutMinutes != null) {
            body.put("stepTimeoutInMinutes", stepTimeoutMinutes);
        }
        publish("start-next", body);
    }

    /** Reports a status (IN_PROGRESS, SUCCEEDED, FAILED, REJECTED) for the current job with details. */
    public void report(String status, Map<String, String> details, Long stepTimeoutMinutes) {
        Current c = current();
        if (c.jobId() == null) {
            throw new IllegalStateException("There is no job to report on yet: start the next job first.");
        }
        ObjectNode body = JSON.createObjectNode().put("status", status).put("expectedVersion", c.versionNumber())
                .put("includeJobExecutionState", true).put("clientToken", token());
        if (details != null && !details.isEmpty()) {
            ObjectNode d = body.putObject("statusDetails");
            details.forEach(d::put);
        }
        if (stepTimeoutMinutes != null) {
            body.put("stepTimeoutInMinutes", stepTimeoutMinutes);
        }
        publish(c.jobId() + "/update", body);
    }

    private synchronized String token() {
        return "wb-" + (++tokens);
    }

    private void publish(String api, ObjectNode body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            log.accept("→ " + api + " " + new String(bytes, StandardCharsets.UTF_8));
            publisher.accept(prefix() + api, bytes);
        } catch (IOException e) {
            log.accept("✗ " + api + ": " + e.getMessage());
        }
    }

    /** A message arrived on the agent's topics. */
    public void onMessage(String topic, byte[] payload) {
        if (!topic.startsWith(prefix())) {
            return;
        }
        String api = topic.substring(prefix().length());
        JsonNode doc;
        try {
            doc = JSON.readTree(payload);
        } catch (IOException e) {
            log.accept("← " + api + " (not JSON)");
            return;
        }
        if (doc == null || api.endsWith("start-next") || api.endsWith("/update") || api.equals("get")) {
            return;
        }
        log.accept("← " + api + " " + doc);
        JsonNode execution = doc.get("execution");
        synchronized (this) {
            if ((api.equals("start-next/accepted") || api.equals("$next/get/accepted")) && execution != null) {
                current = new Current(execution.path("jobId").asText(), execution.path("status").asText(),
                        execution.path("versionNumber").asLong(), execution.path("jobDocument").toString());
            } else if (api.endsWith("/update/accepted") && doc.has("executionState")) {
                JsonNode s = doc.get("executionState");
                String jobId = api.substring(0, api.indexOf('/'));
                current = new Current(jobId, s.path("status").asText(), s.path("versionNumber").asLong(),
                        current.document());
            } else if (api.endsWith("/update/rejected") && doc.has("executionState")) {
                JsonNode s = doc.get("executionState");
                current = new Current(current.jobId(), s.path("status").asText(), s.path("versionNumber").asLong(),
                        current.document());
            }
        }
    }
}
