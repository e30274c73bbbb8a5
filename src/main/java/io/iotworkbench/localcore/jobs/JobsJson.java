package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The JSON shapes of jobs: the MQTT data types (JobExecution, JobExecutionState, JobExecutionSummary with times in
 * epoch seconds, aws-iot-core.md §2.2) and the control plane's (times in epoch seconds with a fraction, §5).
 * Stateless.
 */
final class JobsJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JobsJson() {
    }

    static long seconds(long millis) {
        return millis / 1000;
    }

    static BigDecimal fraction(long millis) {
        return BigDecimal.valueOf(millis).movePointLeft(3);
    }

    static ObjectNode details(Map<String, String> map) {
        ObjectNode node = MAPPER.createObjectNode();
        map.forEach(node::put);
        return node;
    }

    /** The stored document as a JSON value (an object for every document CreateJob accepted). */
    static JsonNode document(Job job) {
        try {
            return MAPPER.readTree(job.document);
        } catch (IOException e) {
            return MAPPER.getNodeFactory().textNode(job.document);
        }
    }

    static ObjectNode execution(JobExecution e, Job job, boolean includeDocument, long now) {
        ObjectNode n = MAPPER.createObjectNode().put("jobId", e.jobId).put("thingName", e.thingName);
        if (includeDocument && job != null) {
            n.set("jobDocument", document(job));
        }
        n.put("status", e.status.name());
        n.set("statusDetails", details(e.statusDetails));
        n.put("queuedAt", seconds(e.queuedAt));
        if (e.startedAt != null) {
            n.put("startedAt", seconds(e.startedAt));
        }
        n.put("lastUpdatedAt", seconds(e.lastUpdatedAt));
        Long deadline = e.deadline();
        if (deadline != null) {
            n.put("approximateSecondsBeforeTimedOut", Math.max(0, (deadline - now) / 1000));
        }
        return n.put("versionNumber", e.versionNumber).put("executionNumber", e.executionNumber);
    }

    static ObjectNode state(JobExecution e) {
        ObjectNode n = MAPPER.createObjectNode().put("status", e.status.name());
        n.set("statusDetails", details(e.statusDetails));
        return n.put("versionNumber", e.versionNumber);
    }

    static ObjectNode summary(JobExecution e) {
        ObjectNode n = MAPPER.createObjectNode().put("jobId", e.jobId).put("queuedAt", seconds(e.queuedAt));
        if (e.startedAt != null) {
            n.put("startedAt", seconds(e.startedAt));
        }
        return n.put("lastUpdatedAt", seconds(e.lastUpdatedAt)).put("versionNumber", e.versionNumber)
                .put("executionNumber", e.executionNumber);
    }

    /** The control plane's JobExecutionSummary. */
    static ObjectNode controlSummary(JobExecution e) {
        ObjectNode n = MAPPER.createObjectNode().put("status", e.status.name())
                .put("queuedAt", fraction(e.queuedAt));
        if (e.startedAt != null) {
            n.put("startedAt", fraction(e.startedAt));
        }
        return n.put("lastUpdatedAt", fraction(e.lastUpdatedAt)).put("executionNumber", e.executionNumber)
                .put("retryAttempt", 0);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
