package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.ClientDelivery;
import io.iotworkbench.localcore.MessagePublisher;
import io.iotworkbench.localcore.jobs.JobsState.Committed;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.store.LocalCoreDatabase;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import static io.iotworkbench.localcore.jobs.ControlPlaneSupport.invalid;
import static io.iotworkbench.localcore.jobs.ControlPlaneSupport.invalidTransition;
import static io.iotworkbench.localcore.jobs.ControlPlaneSupport.notFound;
import static io.iotworkbench.localcore.jobs.ControlPlaneSupport.page;

/**
 * The Local IoT Core's Jobs service: the control plane of jobs and their executions (CreateJob, DescribeJob,
 * GetJobDocument, ListJobs, CancelJob, DeleteJob, ListJobExecutionsForJob/ForThing, DescribeJobExecution,
 * CancelJobExecution; aws-iot-core.md §5), and the owner of the other parts: {@link ThingGroups}, the device API
 * ({@link JobsDeviceApi}, over MQTT through {@link JobsMqttApi} and over HTTPS through the REST routes), the timeout
 * sweep ({@link JobTimeouts}) and the threads ({@link JobsThreads}).
 *
 * <p>Every change is commit-or-nothing ({@link JobsState#write}): it is written to SQLite in one transaction, memory is
 * unchanged and nothing is sent when that fails, and replies, notifications and events go out only after it
 * committed. Rules where AWS is silent: see {@link JobExecution#refusal}; execution numbers count up across the whole
 * service; DescribeJobExecution of a terminal execution over the device API is TerminalStateReached.
 *
 * <p>Threading: control-plane calls run on the caller's thread under the state's lock; see {@link JobsThreads} for
 * the service's own threads.
 */
public final class JobsService implements AutoCloseable {

    private static final Pattern JOB_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final int MAX_DOCUMENT = 32_768;

    /** The parameters of CreateJob the Local IoT Core supports. */
    public record CreateJobRequest(String jobId, List<String> targets, String document, String description,
                                   String targetSelection, Long inProgressTimeoutMinutes,
                                   JsonNode presignedUrlConfig, JsonNode jobExecutionsRolloutConfig,
                                   JsonNode abortConfig) {
        /** A request without rollout and abort configs. */
        public CreateJobRequest(String jobId, List<String> targets, String document, String description,
                                String targetSelection, Long inProgressTimeoutMinutes, JsonNode presignedUrlConfig) {
            this(jobId, targets, document, description, targetSelection, inProgressTimeoutMinutes,
                    presignedUrlConfig, null, null);
        }
    }

    /** One history entry of an execution, for the Jobs pane (not an AWS shape). */
    public record HistoryEntry(String status, long atMillis, Map<String, String> statusDetails) {
    }

    private final Registry registry;
    private final JobsState state;
    private final JobsLifecycle lifecycle;
    private final JobsOutbox outbox;
    private final ThingGroups groups;
    private final JobsDeviceApi deviceApi;
    private final JobsMqttApi mqtt;
    private final JobTimeouts timeouts;
    private final JobRollouts rollouts;
    private final JobsThreads threads = new JobsThreads();

    /** Devices receive job documents as stored. */
    public JobsService(LocalCoreDatabase database, Registry registry, MessagePublisher publisher,
                       ClientDelivery delivery, Clock clock) throws SQLException {
        this(database, registry, publisher, delivery, clock, JobDocumentResolver.AS_STORED);
    }

    /**
     * Loads the stored jobs and starts the timers.
     *
     * @param publisher notifications and events (to subscribers)
     * @param delivery  replies to the requesting client only
     * @param documents what a device receives of a job document
     */
    public JobsService(LocalCoreDatabase database, Registry registry, MessagePublisher publisher,
                       ClientDelivery delivery, Clock clock, JobDocumentResolver documents) throws SQLException {
        this.registry = registry;
        this.state = new JobsState(new JobsStore(database));
        this.outbox = new JobsOutbox(publisher, delivery);
        this.lifecycle = new JobsLifecycle(state, registry, clock, documents);
        this.rollouts = new JobRollouts(state, lifecycle, outbox);
        this.groups = new ThingGroups(state, lifecycle, rollouts, outbox, registry);
        this.deviceApi = new JobsDeviceApi(state, lifecycle, outbox);
        this.mqtt = new JobsMqttApi(deviceApi, outbox, threads, clock);
        this.timeouts = new JobTimeouts(state, lifecycle, outbox);
        threads.everySecond(timeouts::sweepSafely);
        threads.everySecond(rollouts::sweepSafely);
    }

    /** Static thing groups (jobs target them). */
    public ThingGroups groups() {
        return groups;
    }

    /** The device API, for the HTTPS data plane ({@code iot-jobs-data}). */
    public JobsDeviceApi deviceApi() {
        return deviceApi;
    }

    /**
     * A client published to {@code topic} (jobs requests are answered later, on the service's thread).
     *
     * @param clientId the publishing MQTT client, which alone gets the reply; null for a publish without a
     *                 connection (HTTPS), whose reply goes nowhere
     * @param qos      the request's QoS, which the reply gets
     */
    public void onClientPublish(String clientId, String topic, byte[] payload, int qos) {
        mqtt.onClientPublish(clientId, topic, payload, qos);
    }

    /** Moves every execution whose step or in-progress deadline has passed to TIMED_OUT; returns how many. */
    public int sweepTimeouts() {
        return timeouts.sweep();
    }

    /** Notifies the targets that job rollouts release by now; returns how many. */
    public int sweepRollouts() {
        return rollouts.sweep();
    }

    // ---------------------------------------------------------------- jobs

    public ObjectNode createJob(CreateJobRequest r) {
        if (r.jobId() == null || !JOB_ID.matcher(r.jobId()).matches()) {
            throw invalid("The jobId must be 1-64 characters of a-z, A-Z, 0-9, '_' or '-'.");
        }
        if (r.targets() == null || r.targets().isEmpty()) {
            throw invalid("The parameter targets is required: give thing or thing group ARNs.");
        }
        if (r.document() == null || r.document().isEmpty()) {
            throw invalid("The parameter document is required (the Local IoT Core has no S3 for documentSource).");
        }
        if (r.document().length() > MAX_DOCUMENT) {
            throw invalid("The job document is longer than " + MAX_DOCUMENT + " characters.");
        }
        try {
            JsonNode doc = JobsJson.MAPPER.readTree(r.document());
            if (doc == null || !doc.isObject()) {
                throw invalid("The job document must be a JSON object.");
            }
        } catch (IOException e) {
            throw invalid("The job document is not valid JSON.");
        }
        String selection = r.targetSelection() == null ? "SNAPSHOT" : r.targetSelection();
        if (!selection.equals("SNAPSHOT") && !selection.equals("CONTINUOUS")) {
            throw invalid("The targetSelection must be SNAPSHOT or CONTINUOUS.");
        }
        Long timeout = r.inProgressTimeoutMinutes();
        if (timeout != null && (timeout < 1 || timeout > 10_080)) {
            throw invalid("The timeoutConfig.inProgressTimeoutInMinutes must be 1-10080.");
        }
        if (r.description() != null && r.description().length() > 2028) {
            throw invalid("The description is longer than 2028 characters.");
        }
        JobRolloutConfig rollout;
        JobAbortConfig abort;
        try {
            rollout = JobRolloutConfig.parse(r.jobExecutionsRolloutConfig());
            abort = JobAbortConfig.parse(r.abortConfig());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return change(tx -> {
            if (state.jobs.containsKey(r.jobId())) {
                throw new AwsServiceException(AwsErrorKind.RESOURCE_ALREADY_EXISTS, "Job " + r.jobId()
                        + " already exists.");
            }
            Set<String> things = new LinkedHashSet<>();
            for (String target : r.targets()) {
                things.addAll(resolveTarget(target));
            }
            long now = lifecycle.now();
            Job job = new Job();
            job.jobId = r.jobId();
            job.jobArn = ControlPlaneSupport.arn(registry, "job/" + r.jobId());
            job.description = r.description();
            job.document = r.document();
            job.targets = new ArrayList<>(r.targets());
            job.targetSelection = selection;
            job.createdAt = now;
            job.lastUpdatedAt = now;
            job.inProgressTimeoutMinutes = timeout;
            job.presignedUrlConfig = r.presignedUrlConfig();
            job.jobExecutionsRolloutConfig = rollout == null ? null : rollout.toJson();
            job.abortConfig = abort == null ? null : abort.toJson();
            tx.add(job);
            rollouts.offer(tx, job, things);
            lifecycle.completeIfDone(tx, job);
            return JobsJson.jobArn(job);
        });
    }

    /** The things a target ARN names: one thing, or a thing group's members. */
    private Set<String> resolveTarget(String target) {
        String thingPrefix = ControlPlaneSupport.arn(registry, "thing/");
        String groupPrefix = ControlPlaneSupport.arn(registry, "thinggroup/");
        if (target.startsWith(thingPrefix)) {
            String name = target.substring(thingPrefix.length());
            if (registry.findThing(name).isEmpty()) {
                throw notFound("Thing " + name + " of target " + target + " does not exist.");
            }
            return Set.of(name);
        }
        if (target.startsWith(groupPrefix)) {
            return new LinkedHashSet<>(groups.group(target.substring(groupPrefix.length())).things);
        }
        throw invalid("The target " + target + " is not a thing or thing group ARN of this account and region ("
                + thingPrefix + "... or " + groupPrefix + "...).");
    }

    private Job job(String jobId) {
        Job job = state.jobs.get(jobId);
        if (job == null) {
            throw notFound("Job " + jobId + " does not exist.");
        }
        return job;
    }

    public ObjectNode describeJob(String jobId) {
        return state.read(() -> {
            Job job = job(jobId);
            ObjectNode n = JobsJson.MAPPER.createObjectNode();
            n.set("job", JobsJson.job(job, JobsJson.processDetails(state.executionsOf(jobId))));
            return n;
        });
    }

    public ObjectNode getJobDocument(String jobId) {
        return state.read(() -> JobsJson.MAPPER.createObjectNode().put("document", job(jobId).document));
    }

    public ObjectNode listJobs(String status, String targetSelection, String thingGroupName, String nextToken,
                               Integer maxResults) {
        JobStatus statusFilter;
        try {
            statusFilter = JobStatus.filter(status);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        String groupArn = thingGroupName == null ? null : groups.thingGroupArn(thingGroupName);
        return state.read(() -> {
            List<Job> matching = new ArrayList<>();
            for (Job job : state.jobs.values()) {
                if ((statusFilter == null || statusFilter == job.status)
                        && (targetSelection == null || targetSelection.equals(job.targetSelection))
                        && (groupArn == null || job.targets.contains(groupArn))) {
                    matching.add(job);
                }
            }
            matching.sort(Comparator.comparingLong((Job j) -> j.createdAt).reversed());
            ObjectNode n = JobsJson.MAPPER.createObjectNode();
            ArrayNode list = n.putArray("jobs");
            page(matching, nextToken, maxResults, n, job -> list.add(JobsJson.jobSummary(job)));
            return n;
        });
    }

    private static ExecutionStatus executionStatusFilter(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        try {
            return ExecutionStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw invalid("The status '" + status + "' is not a job execution status.");
        }
    }

    public ObjectNode listJobExecutionsForJob(String jobId, String status, String nextToken, Integer maxResults) {
        ExecutionStatus filter = executionStatusFilter(status);
        return state.read(() -> {
            job(jobId);
            List<JobExecution> list = state.executionsOf(jobId).stream()
                    .filter(e -> filter == null || e.status == filter).toList();
            ObjectNode n = JobsJson.MAPPER.createObjectNode();
            ArrayNode summaries = n.putArray("executionSummaries");
            page(list, nextToken, maxResults, n, e -> summaries.addObject()
                    .put("thingArn", registry.thingArn(e.thingName))
                    .set("jobExecutionSummary", JobsJson.controlSummary(e)));
            return n;
        });
    }

    public ObjectNode listJobExecutionsForThing(String thingName, String status, String nextToken,
                                                Integer maxResults) {
        ExecutionStatus filter = executionStatusFilter(status);
        return state.read(() -> {
            List<JobExecution> list = state.executionsOfThing(thingName).stream()
                    .filter(e -> filter == null || e.status == filter).toList();
            ObjectNode n = JobsJson.MAPPER.createObjectNode();
            ArrayNode summaries = n.putArray("executionSummaries");
            page(list, nextToken, maxResults, n, e -> summaries.addObject().put("jobId", e.jobId)
                    .set("jobExecutionSummary", JobsJson.controlSummary(e)));
            return n;
        });
    }

    private JobExecution execution(String thingName, String jobId) {
        JobExecution e = state.execution(jobId, thingName);
        if (e == null) {
            throw notFound("Job execution " + jobId + " of thing " + thingName + " does not exist.");
        }
        return e;
    }

    public ObjectNode describeJobExecution(String thingName, String jobId, Long executionNumber) {
        return state.read(() -> {
            JobExecution e = execution(thingName, jobId);
            if (executionNumber != null && executionNumber != e.executionNumber) {
                throw notFound("Job execution " + jobId + " of thing " + thingName + " has no execution number "
                        + executionNumber + ".");
            }
            return JobsJson.controlExecution(e, registry.thingArn(e.thingName), lifecycle.now());
        });
    }

    /** The execution's recorded status changes and progress reports, oldest first; empty when unknown. */
    public List<HistoryEntry> history(String thingName, String jobId) {
        return state.read(() -> {
            JobExecution e = state.execution(jobId, thingName);
            return e == null ? List.<HistoryEntry>of() : e.history.stream()
                    .map(h -> new HistoryEntry(h.status, h.at, Map.copyOf(h.statusDetails))).toList();
        });
    }

    public ObjectNode cancelJob(String jobId, boolean force, String reasonCode, String comment) {
        if (reasonCode != null && !reasonCode.matches("[\\p{Upper}\\p{Digit}_]{1,128}")) {
            throw invalid("The reasonCode must be up to 128 upper-case letters, digits or '_'.");
        }
        if (comment != null && comment.length() > 2028) {
            throw invalid("The comment is longer than 2028 characters.");
        }
        return change(tx -> {
            Job job = job(jobId);
            if (job.status == JobStatus.COMPLETED) {
                throw invalidTransition("Job " + jobId + " is COMPLETED and cannot be canceled.");
            }
            lifecycle.cancel(tx, job, force, reasonCode, comment);
            return JobsJson.jobArn(job);
        });
    }

    public void cancelJobExecution(String thingName, String jobId, boolean force, Long expectedVersion,
                                   Map<String, String> statusDetails) {
        if (statusDetails != null) {
            try {
                StatusDetails.check(statusDetails);
            } catch (IllegalArgumentException ex) {
                throw invalid(ex.getMessage());
            }
        }
        change(tx -> {
            JobExecution e = execution(thingName, jobId);
            String refusal = e.refusal(ExecutionStatus.CANCELED, force);
            if (refusal != null) {
                throw invalidTransition(refusal);
            }
            if (expectedVersion != null && expectedVersion != e.versionNumber) {
                throw new AwsServiceException(AwsErrorKind.VERSION_CONFLICT, "expectedVersion " + expectedVersion
                        + " does not match the execution's version " + e.versionNumber + ".");
            }
            lifecycle.move(tx, e, ExecutionStatus.CANCELED, force, x -> {
                if (statusDetails != null) {
                    x.statusDetails = new TreeMap<>(statusDetails);
                }
            });
            return null;
        });
    }

    public void deleteJob(String jobId, boolean force) {
        change(tx -> {
            Job job = job(jobId);
            List<JobExecution> list = state.executionsOf(jobId);
            boolean active = list.stream().anyMatch(e -> !e.status.isTerminal());
            if (!force && (job.status == JobStatus.IN_PROGRESS || active)) {
                throw invalidTransition("Job " + jobId + " is " + job.status + (active ? " with executions still "
                        + "pending" : "") + "; cancel it first or delete it with force=true.");
            }
            Map<String, String> nextBefore = new TreeMap<>();
            for (JobExecution e : list) {
                nextBefore.put(e.thingName, JobsState.idOf(state.next(e.thingName)));
            }
            tx.removeJob(job);
            for (JobExecution e : list) {
                lifecycle.executionEvent(tx, e, "deleted");
            }
            lifecycle.jobEvent(tx, job, JobStatus.DELETION_IN_PROGRESS, "deleted");
            for (JobExecution e : list) {
                if (!e.status.isTerminal()) {
                    lifecycle.announce(tx, e.thingName, nextBefore.get(e.thingName), true);
                }
            }
            return null;
        });
    }

    /** Runs one change (commit-or-nothing) and sends its messages after the commit. */
    private <T> T change(Function<JobsTransaction, T> work) {
        Committed<T> done = state.write(work);
        outbox.publish(done.messages());
        return done.value();
    }

    @Override
    public void close() {
        threads.close();
    }
}
