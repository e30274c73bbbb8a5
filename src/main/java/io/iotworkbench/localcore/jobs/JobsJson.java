package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every JSON shape of jobs: the device API's data types (JobExecution, JobExecutionState, JobExecutionSummary, times
 * in epoch seconds, aws-iot-core.md §2.2) in its two dialects, the notify/notify-next and {@code $aws/events/...}
 * payloads, the MQTT rejected document, and the control plane's shapes (times in epoch seconds with a fraction, §5).
 * Stateless.
 */
final class JobsJson {

    /** How the device API is spoken: over MQTT the job document is a JSON object, over HTTPS a string. */
    enum Dialect { MQTT, HTTP }

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Map<ExecutionStatus, String> COUNT_NAMES = new EnumMap<>(Map.of(
            ExecutionStatus.CANCELED, "numberOfCanceledThings", ExecutionStatus.SUCCEEDED, "numberOfSucceededThings",
            ExecutionStatus.FAILED, "numberOfFailedThings", ExecutionStatus.REJECTED, "numberOfRejectedThings",
            ExecutionStatus.QUEUED, "numberOfQueuedThings", ExecutionStatus.IN_PROGRESS, "numberOfInProgressThings",
            ExecutionStatus.REMOVED, "numberOfRemovedThings", ExecutionStatus.TIMED_OUT, "numberOfTimedOutThings"));

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

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- device API

    /** A job document as the dialect sends it (CreateJob only accepts JSON objects, so MQTT gets an object). */
    static JsonNode document(String document, Dialect dialect) {
        if (dialect == Dialect.HTTP) {
            return MAPPER.getNodeFactory().textNode(document);
        }
        try {
            return MAPPER.readTree(document);
        } catch (IOException e) {
            return MAPPER.getNodeFactory().textNode(document);
        }
    }

    /** JobExecution; {@code document} null leaves {@code jobDocument} out. */
    static ObjectNode execution(JobExecution e, String document, long now, Dialect dialect) {
        ObjectNode n = MAPPER.createObjectNode().put("jobId", e.jobId).put("thingName", e.thingName);
        if (document != null) {
            n.set("jobDocument", document(document, dialect));
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

    /** JobExecutionState. */
    static ObjectNode state(JobExecution e) {
        ObjectNode n = MAPPER.createObjectNode().put("status", e.status.name());
        n.set("statusDetails", details(e.statusDetails));
        return n.put("versionNumber", e.versionNumber);
    }

    /** JobExecutionSummary. */
    static ObjectNode summary(JobExecution e) {
        ObjectNode n = MAPPER.createObjectNode().put("jobId", e.jobId).put("queuedAt", seconds(e.queuedAt));
        if (e.startedAt != null) {
            n.put("startedAt", seconds(e.startedAt));
        }
        return n.put("lastUpdatedAt", seconds(e.lastUpdatedAt)).put("versionNumber", e.versionNumber)
                .put("executionNumber", e.executionNumber);
    }

    /** GetPendingJobExecutions' answer for the thing's pending executions (IN_PROGRESS first). */
    static ObjectNode pending(List<JobExecution> pending) {
        ObjectNode n = MAPPER.createObjectNode();
        ArrayNode inProgress = n.putArray("inProgressJobs");
        ArrayNode queued = n.putArray("queuedJobs");
        for (JobExecution e : pending) {
            (e.status == ExecutionStatus.IN_PROGRESS ? inProgress : queued).add(summary(e));
        }
        return n;
    }

    /** The MQTT rejected document; {@code executionState} only for InvalidStateTransition and VersionMismatch. */
    static ObjectNode rejected(JobsRejection r, String clientToken, long now) {
        ObjectNode n = MAPPER.createObjectNode().put("code", r.code().name()).put("message", r.getMessage());
        if (clientToken != null) {
            n.put("clientToken", clientToken);
        }
        n.put("timestamp", seconds(now));
        if (r.executionState() != null) {
            n.set("executionState", r.executionState());
        }
        return n;
    }

    // ---------------------------------------------------------------- notifications and events

    /** JobExecutionsChanged on {@code notify}: at most 10 pending executions grouped by status. */
    static ObjectNode notify(List<JobExecution> pending, long now) {
        ObjectNode n = MAPPER.createObjectNode().put("timestamp", seconds(now));
        ObjectNode byStatus = n.putObject("jobs");
        for (JobExecution e : pending.subList(0, Math.min(10, pending.size()))) {
            JsonNode list = byStatus.get(e.status.name());
            (list == null ? byStatus.putArray(e.status.name()) : (ArrayNode) list).add(summary(e));
        }
        return n;
    }

    /** NextJobExecutionChanged on {@code notify-next}; {@code next} null when nothing is pending. */
    static ObjectNode notifyNext(JobExecution next, String document, long now) {
        ObjectNode n = MAPPER.createObjectNode().put("timestamp", seconds(now));
        if (next != null) {
            n.set("execution", execution(next, document, now, Dialect.MQTT));
        }
        return n;
    }

    static ObjectNode executionEvent(JobExecution e, String operation, String thingArn, long now) {
        ObjectNode n = MAPPER.createObjectNode().put("eventType", "JOB_EXECUTION")
                .put("eventId", UUID.randomUUID().toString()).put("timestamp", seconds(now))
                .put("operation", operation).put("jobId", e.jobId).put("thingArn", thingArn)
                .put("status", e.status.name());
        n.set("statusDetails", details(e.statusDetails));
        return n;
    }

    static ObjectNode jobEvent(Job job, JobStatus status, String operation, ObjectNode processDetails, long now) {
        ObjectNode n = MAPPER.createObjectNode().put("eventType", "JOB")
                .put("eventId", UUID.randomUUID().toString()).put("timestamp", seconds(now))
                .put("operation", operation).put("jobId", job.jobId).put("status", status.name())
                .put("targetSelection", job.targetSelection);
        ArrayNode targets = n.putArray("targets");
        job.targets.forEach(targets::add);
        if (job.description != null) {
            n.put("description", job.description);
        }
        n.put("createdAt", seconds(job.createdAt)).put("lastUpdatedAt", seconds(job.lastUpdatedAt));
        if (job.completedAt != null) {
            n.put("completedAt", seconds(job.completedAt));
        }
        n.set("jobProcessDetails", processDetails);
        return n;
    }

    /** JobProcessDetails: how many of the job's executions are in each status. */
    static ObjectNode processDetails(Collection<JobExecution> executions) {
        Map<ExecutionStatus, Integer> counts = new EnumMap<>(ExecutionStatus.class);
        for (JobExecution e : executions) {
            counts.merge(e.status, 1, Integer::sum);
        }
        ObjectNode d = MAPPER.createObjectNode();
        d.putArray("processingTargets");
        COUNT_NAMES.forEach((status, name) -> d.put(name, counts.getOrDefault(status, 0)));
        return d;
    }

    // ---------------------------------------------------------------- control plane

    /** CreateJob's and CancelJob's answer. */
    static ObjectNode jobArn(Job job) {
        ObjectNode n = MAPPER.createObjectNode().put("jobArn", job.jobArn).put("jobId", job.jobId);
        if (job.description != null) {
            n.put("description", job.description);
        }
        return n;
    }

    /** DescribeJob's {@code job}. */
    static ObjectNode job(Job job, ObjectNode processDetails) {
        ObjectNode j = MAPPER.createObjectNode().put("jobArn", job.jobArn).put("jobId", job.jobId)
                .put("targetSelection", job.targetSelection).put("status", job.status.name())
                .put("forceCanceled", job.forceCanceled);
        if (job.reasonCode != null) {
            j.put("reasonCode", job.reasonCode);
        }
        if (job.comment != null) {
            j.put("comment", job.comment);
        }
        ArrayNode targets = j.putArray("targets");
        job.targets.forEach(targets::add);
        if (job.description != null) {
            j.put("description", job.description);
        }
        if (job.presignedUrlConfig != null) {
            j.set("presignedUrlConfig", job.presignedUrlConfig);
        }
        if (job.jobExecutionsRolloutConfig != null && !job.jobExecutionsRolloutConfig.isNull()) {
            j.set("jobExecutionsRolloutConfig", job.jobExecutionsRolloutConfig);
        }
        if (job.abortConfig != null && !job.abortConfig.isNull()) {
            j.set("abortConfig", job.abortConfig);
        }
        j.put("createdAt", fraction(job.createdAt)).put("lastUpdatedAt", fraction(job.lastUpdatedAt));
        if (job.completedAt != null) {
            j.put("completedAt", fraction(job.completedAt));
        }
        j.set("jobProcessDetails", processDetails);
        if (job.inProgressTimeoutMinutes != null) {
            j.putObject("timeoutConfig").put("inProgressTimeoutInMinutes", job.inProgressTimeoutMinutes);
        }
        return j;
    }

    /** ListJobs' JobSummary. */
    static ObjectNode jobSummary(Job job) {
        ObjectNode j = MAPPER.createObjectNode().put("jobArn", job.jobArn).put("jobId", job.jobId)
                .put("targetSelection", job.targetSelection).put("status", job.status.name())
                .put("createdAt", fraction(job.createdAt)).put("lastUpdatedAt", fraction(job.lastUpdatedAt))
                .put("isConcurrent", false);
        if (job.completedAt != null) {
            j.put("completedAt", fraction(job.completedAt));
        }
        return j;
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

    /** The control plane's DescribeJobExecution answer. */
    static ObjectNode controlExecution(JobExecution e, String thingArn, long now) {
        ObjectNode n = MAPPER.createObjectNode();
        ObjectNode x = n.putObject("execution").put("jobId", e.jobId).put("status", e.status.name())
                .put("forceCanceled", e.forceCanceled);
        x.putObject("statusDetails").set("detailsMap", details(e.statusDetails));
        x.put("thingArn", thingArn).put("queuedAt", fraction(e.queuedAt));
        if (e.startedAt != null) {
            x.put("startedAt", fraction(e.startedAt));
        }
        x.put("lastUpdatedAt", fraction(e.lastUpdatedAt)).put("executionNumber", e.executionNumber)
                .put("versionNumber", e.versionNumber);
        Long deadline = e.deadline();
        if (deadline != null) {
            x.put("approximateSecondsBeforeTimedOut", Math.max(0, (deadline - now) / 1000));
        }
        return n;
    }

    /** DescribeThingGroup's answer. */
    static ObjectNode group(ThingGroup g) {
        ObjectNode n = MAPPER.createObjectNode().put("thingGroupName", g.name).put("thingGroupId", g.id)
                .put("thingGroupArn", g.arn).put("version", g.version);
        ObjectNode props = n.putObject("thingGroupProperties");
        if (g.description != null) {
            props.put("thingGroupDescription", g.description);
        }
        n.putObject("thingGroupMetadata").put("creationDate", fraction(g.createdAt));
        return n;
    }
}
