package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.jobs.JobsJson.Dialect;
import io.iotworkbench.localcore.jobs.JobsState.Committed;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Jobs device API, one implementation for both ways a device speaks it: GetPendingJobExecutions,
 * StartNextPendingJobExecution, DescribeJobExecution and UpdateJobExecution (aws-iot-core.md §2.2). The MQTT requests
 * ({@link JobsMqttApi}) and the HTTPS data plane {@code iot-jobs-data} (the public methods, for the REST routes) run
 * the same code; they differ only in the job document's form ({@link Dialect}), in DescribeJobExecution's default for
 * {@code includeJobDocument} (true over MQTT, false over HTTPS), and in how a refusal ({@link JobsRejection}) is
 * answered.
 *
 * <p>Threading: any thread; each request is one {@link JobsState#write} (commit-or-nothing). The public methods send
 * the notifications themselves; the package-private ones hand them back so the MQTT reply can go first.
 */
public final class JobsDeviceApi {

    private static final Set<String> DEVICE_STATUSES = Set.of("IN_PROGRESS", "FAILED", "SUCCEEDED", "REJECTED");

    private final JobsState state;
    private final JobsLifecycle lifecycle;
    private final JobsOutbox outbox;

    JobsDeviceApi(JobsState state, JobsLifecycle lifecycle, JobsOutbox outbox) {
        this.state = state;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
    }

    // ---------------------------------------------------------------- HTTPS data plane

    /** GetPendingJobExecutions: {@code inProgressJobs} and {@code queuedJobs}. */
    public ObjectNode getPendingJobExecutions(String thingName) {
        return sent(getPending(thingName));
    }

    /** StartNextPendingJobExecution with a body of {@code statusDetails} and {@code stepTimeoutInMinutes}. */
    public ObjectNode startNextPendingJobExecution(String thingName, JsonNode body) {
        return sent(startNext(thingName, body, Dialect.HTTP));
    }

    /** DescribeJobExecution ({@code jobId} may be {@code $next}); {@code includeJobDocument} null means false. */
    public ObjectNode describeJobExecution(String thingName, String jobId, Long executionNumber,
                                           Boolean includeJobDocument) {
        return sent(describe(thingName, jobId, executionNumber, Boolean.TRUE.equals(includeJobDocument),
                Dialect.HTTP));
    }

    /** UpdateJobExecution with the request body (status, statusDetails, expectedVersion, ...). */
    public ObjectNode updateJobExecution(String thingName, String jobId, JsonNode body) {
        return sent(update(thingName, jobId, body, Dialect.HTTP));
    }

    private ObjectNode sent(Committed<ObjectNode> committed) {
        outbox.publish(committed.messages());
        return committed.value();
    }

    // ---------------------------------------------------------------- the operations

    Committed<ObjectNode> getPending(String thing) {
        return write(tx -> JobsJson.pending(state.pending(thing)));
    }

    Committed<ObjectNode> startNext(String thing, JsonNode body, Dialect dialect) {
        Map<String, String> details = readDetails(body);
        Long step = readStepTimeout(body, false);
        return write(tx -> {
            ObjectNode n = JobsJson.MAPPER.createObjectNode();
            JobExecution e = state.next(thing);
            if (e == null) {
                return n;
            }
            long now = lifecycle.now();
            if (e.status == ExecutionStatus.QUEUED) {
                lifecycle.move(tx, e, ExecutionStatus.IN_PROGRESS, false, x -> {
                    if (details != null) {
                        x.statusDetails = new TreeMap<>(details);
                    }
                    x.setStepTimer(step, now);
                });
            } else if (step != null) {
                tx.edit(e).setStepTimer(step, now);
                e.touch(now);
            }
            n.set("execution", JobsJson.execution(e, lifecycle.documentFor(e), now, dialect));
            return n;
        });
    }

    Committed<ObjectNode> describe(String thing, String jobId, Long executionNumber, boolean includeDocument,
                                   Dialect dialect) {
        return write(tx -> {
            ObjectNode n = JobsJson.MAPPER.createObjectNode();
            JobExecution e;
            if (JobsTopics.NEXT.equals(jobId)) {
                e = state.next(thing);
                if (e == null) {
                    return n;
                }
            } else {
                e = find(thing, jobId, executionNumber);
                if (e.status.isTerminal()) {
                    throw new JobsRejection(JobsErrorCode.TerminalStateReached, "Job execution " + jobId
                            + " of thing " + thing + " is " + e.status);
                }
            }
            n.set("execution", JobsJson.execution(e, includeDocument ? lifecycle.documentFor(e) : null,
                    lifecycle.now(), dialect));
            return n;
        });
    }

    Committed<ObjectNode> update(String thing, String jobId, JsonNode body, Dialect dialect) {
        JsonNode statusNode = body.get("status");
        if (statusNode == null || !statusNode.isTextual() || !DEVICE_STATUSES.contains(statusNode.asText())) {
            throw new JobsRejection(JobsErrorCode.InvalidRequest,
                    "status is required and must be one of IN_PROGRESS, FAILED, SUCCEEDED, REJECTED");
        }
        ExecutionStatus status = ExecutionStatus.valueOf(statusNode.asText());
        Map<String, String> details = readDetails(body);
        Long step = readStepTimeout(body, true);
        Long expected = readExpectedVersion(body.get("expectedVersion"));
        Long executionNumber = readLong(body.get("executionNumber"));
        boolean includeState = body.path("includeJobExecutionState").asBoolean(false);
        boolean includeDocument = body.path("includeJobDocument").asBoolean(false);
        return write(tx -> {
            JobExecution e = JobsTopics.NEXT.equals(jobId) ? state.next(thing) : find(thing, jobId, executionNumber);
            if (e == null || executionNumber != null && executionNumber != e.executionNumber) {
                throw notFound(thing, jobId);
            }
            String refusal = e.refusal(status, false);
            if (refusal != null) {
                throw new JobsRejection(JobsErrorCode.InvalidStateTransition, refusal, e);
            }
            if (expected != null && expected != e.versionNumber) {
                throw new JobsRejection(JobsErrorCode.VersionMismatch, "expectedVersion " + expected
                        + " does not match the execution's version " + e.versionNumber, e);
            }
            long now = lifecycle.now();
            lifecycle.move(tx, e, status, false, x -> {
                if (details != null) {
                    x.statusDetails = new TreeMap<>(details);
                }
                x.setStepTimer(step, now);
            });
            ObjectNode n = JobsJson.MAPPER.createObjectNode();
            if (includeState) {
                n.set("executionState", JobsJson.state(e));
            }
            String document = includeDocument ? lifecycle.documentFor(e) : null;
            if (document != null) {
                n.set("jobDocument", JobsJson.document(document, dialect));
            }
            return n;
        });
    }

    private JobExecution find(String thing, String jobId, Long executionNumber) {
        JobExecution e = state.execution(jobId, thing);
        if (e == null || executionNumber != null && executionNumber != e.executionNumber) {
            throw notFound(thing, jobId);
        }
        return e;
    }

    private static JobsRejection notFound(String thing, String jobId) {
        return new JobsRejection(JobsErrorCode.ResourceNotFound, "Job execution " + jobId + " of thing " + thing
                + " does not exist");
    }

    /** One request as one transaction; a store failure is the device's InternalError. */
    private <T> Committed<T> write(Function<JobsTransaction, T> work) {
        try {
            return state.write(work);
        } catch (AwsServiceException e) {
            throw new JobsRejection(JobsErrorCode.InternalError, "The jobs service failed: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- request fields

    private static Map<String, String> readDetails(JsonNode body) {
        try {
            return StatusDetails.read(body.get("statusDetails"));
        } catch (IllegalArgumentException e) {
            throw new JobsRejection(JobsErrorCode.InvalidRequest, e.getMessage());
        }
    }

    /** stepTimeoutInMinutes: 1-10080, or -1 (stop the step timer) where {@code allowCancel}; null when absent. */
    private static Long readStepTimeout(JsonNode body, boolean allowCancel) {
        JsonNode n = body.get("stepTimeoutInMinutes");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new JobsRejection(JobsErrorCode.InvalidRequest, "stepTimeoutInMinutes must be an integer");
        }
        long v = n.asLong();
        if (allowCancel && v == -1) {
            return -1L;
        }
        if (v < 1 || v > 10_080) {
            throw new JobsRejection(JobsErrorCode.InvalidRequest, "stepTimeoutInMinutes must be 1-10080"
                    + (allowCancel ? " (or -1 to cancel the step timer)" : ""));
        }
        return v;
    }

    /** expectedVersion as AWS accepts it: an integer, or a string of digits (what the C SDK sends). */
    static Long readExpectedVersion(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().trim());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new JobsRejection(JobsErrorCode.InvalidRequest, "expectedVersion must be an integer or a string of "
                + "digits");
    }

    /** executionNumber: the number when one was given, else null (a value of another type is ignored). */
    static Long readLong(JsonNode n) {
        return n != null && n.canConvertToLong() ? n.asLong() : null;
    }
}
