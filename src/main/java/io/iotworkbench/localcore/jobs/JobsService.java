package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.MessagePublisher;
import io.iotworkbench.localcore.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The Local IoT Core's Jobs service: jobs, their executions on things, static thing groups, the device MQTT API
 * (aws-iot-core.md §2) and the control-plane operations the REST routes call (§5).
 *
 * <p>Replies: AWS delivers {@code accepted}/{@code rejected} only to the requesting client. The Local IoT Core
 * publishes them on the reply topic through the broker instead, so every client subscribed to that topic (normally
 * just the device, which subscribes to {@code .../jobs/.../+} or the exact reply topic) receives them; a client that
 * did not subscribe gets nothing. Notifications go to {@code notify}/{@code notify-next}, events to
 * {@code $aws/events/job/{jobId}/{op}} and {@code $aws/events/jobExecution/{jobId}/{op}}.
 *
 * <p>Rules where the spec is silent: a QUEUED execution may go straight to SUCCEEDED/FAILED (the WM jobs_demo does
 * this after notify-next); DescribeJobExecution of a terminal execution is TerminalStateReached; execution numbers
 * count up across the whole service; {@code ${aws:iot:s3-presigned-url:...}} placeholders are delivered unchanged.
 *
 * <p>Threading: all state sits under this object's lock. Each change is written to SQLite in one transaction
 * before any reply or notification is published. MQTT requests wait in a bounded queue (full: RequestThrottled) for
 * the one "jobs-service" thread; control-plane calls run on the caller's thread. Timers are deadlines checked by
 * {@link #sweepTimeouts()}, which a scheduler runs once a second against the injected clock (tests call it
 * directly after advancing their clock).
 */
public final class JobsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobsService.class);
    private static final Pattern JOB_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern GROUP_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");
    private static final Set<String> DEVICE_STATUSES = Set.of("IN_PROGRESS", "FAILED", "SUCCEEDED", "REJECTED");
    private static final int MAX_DOCUMENT = 32_768;
    private static final int QUEUE_CAPACITY = 10_000;

    /** A message to publish once the change is committed. */
    private record Outgoing(String topic, byte[] payload) {
    }

    private final JobsStore store;
    private final Registry registry;
    private final MessagePublisher publisher;
    private final Clock clock;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, JobExecution> executions = new LinkedHashMap<>();
    private final Map<String, ThingGroup> groups = new TreeMap<>();
    private final ThreadPoolExecutor worker;
    private final ScheduledExecutorService timers;
    private long lastExecutionNumber;

    public JobsService(io.iotworkbench.localcore.store.LocalCoreDatabase database, Registry registry,
                       MessagePublisher publisher, Clock clock) throws SQLException {
        this.store = new JobsStore(database);
        this.registry = registry;
        this.publisher = publisher;
        this.clock = clock;
        JobsStore.Snapshot snapshot = store.load();
        snapshot.jobs().stream().sorted(Comparator.comparingLong(j -> j.createdAt)).forEach(j -> jobs.put(j.jobId, j));
        snapshot.executions().stream().sorted(Comparator.comparingLong(e -> e.executionNumber))
                .forEach(e -> executions.put(key(e.jobId, e.thingName), e));
        snapshot.groups().forEach(g -> groups.put(g.name, g));
        lastExecutionNumber = executions.values().stream().mapToLong(e -> e.executionNumber).max().orElse(0);
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                r -> daemon(r, "jobs-service"));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "jobs-timers"));
        timers.scheduleWithFixedDelay(this::sweepSafely, 1, 1, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static String key(String jobId, String thingName) {
        return jobId + "\u0000" + thingName;
    }

    private long now() {
        return clock.millis();
    }

    // ---------------------------------------------------------------- MQTT device API

    /** A client published to {@code topic}; jobs requests are answered later on the service thread. */
    public void onClientPublish(String topic, byte[] payload) {
        Optional<JobsTopics.Request> parsed = JobsTopics.parse(topic);
        if (parsed.isEmpty()) {
            return;
        }
        JobsTopics.Request request = parsed.get();
        try {
            worker.execute(() -> handle(request, payload));
        } catch (RejectedExecutionException e) {
            publishNow(List.of(rejected(request, null, new JobsRejection(JobsErrorCode.RequestThrottled,
                    "Too many jobs requests are waiting; try again shortly")))); 
        }
    }

    private void handle(JobsTopics.Request request, byte[] payload) {
        List<Outgoing> out = new ArrayList<>();
        String clientToken = null;
        try {
            JsonNode body = parse(payload);
            JsonNode token = body.get("clientToken");
            clientToken = token != null && token.isTextual() ? token.asText() : null;
            synchronized (this) {
                JobsStore.Changes changes = new JobsStore.Changes();
                ObjectNode reply = switch (request.kind()) {
                    case GET_PENDING -> getPending(request.thingName());
                    case START_NEXT -> startNext(request.thingName(), body, changes, out);
                    case DESCRIBE -> describe(request.thingName(), request.jobId(), body);
                    case UPDATE -> update(request.thingName(), request.jobId(), body, changes, out);
                    case INVALID_TOPIC -> throw new JobsRejection(JobsErrorCode.InvalidTopic,
                            "The topic " + request.topic() + " is not a jobs API topic");
                };
                commit(changes);
                reply.put("timestamp", JobsJson.seconds(now()));
                if (clientToken != null) {
                    reply.put("clientToken", clientToken);
                }
                out.add(0, new Outgoing(request.accepted(), JobsJson.bytes(reply)));
            }
        } catch (JobsRejection e) {
            out.clear();
            out.add(rejected(request, clientToken, e));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Jobs request on {} failed: {}", request.topic(), e.getMessage(), e);
            out.clear();
            out.add(rejected(request, clientToken, new JobsRejection(JobsErrorCode.InternalError,
                    "The jobs service failed: " + e.getMessage())));
        }
        publishNow(out);
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
        ObjectNode n = JobsJson.MAPPER.createObjectNode().put("code", e.code().name()).put("message", e.getMessage());
        if (clientToken != null) {
            n.put("clientToken", clientToken);
        }
        n.put("timestamp", JobsJson.seconds(now()));
        if (e.state() != null) {
            n.set("executionState", JobsJson.state(e.state()));
        }
        return new Outgoing(request.rejected(), JobsJson.bytes(n));
    }

    private ObjectNode getPending(String thing) {
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        ArrayNode inProgress = n.putArray("inProgressJobs");
        ArrayNode queued = n.putArray("queuedJobs");
        for (JobExecution e : pending(thing)) {
            (e.status == ExecutionStatus.IN_PROGRESS ? inProgress : queued).add(JobsJson.summary(e));
        }
        return n;
    }

    /** The thing's pending executions: IN_PROGRESS first, then QUEUED, each oldest first. */
    private List<JobExecution> pending(String thing) {
        List<JobExecution> list = new ArrayList<>();
        for (JobExecution e : executions.values()) {
            if (e.thingName.equals(thing) && !e.status.isTerminal()) {
                list.add(e);
            }
        }
        list.sort(Comparator.comparing((JobExecution e) -> e.status != ExecutionStatus.IN_PROGRESS)
                .thenComparingLong(e -> e.queuedAt).thenComparingLong(e -> e.executionNumber));
        return list;
    }

    private JobExecution next(String thing) {
        List<JobExecution> p = pending(thing);
        return p.isEmpty() ? null : p.get(0);
    }

    private ObjectNode startNext(String thing, JsonNode body, JobsStore.Changes changes, List<Outgoing> out) {
        Map<String, String> details = readDetails(body);
        Long step = readStepTimeout(body, false);
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        JobExecution e = next(thing);
        if (e == null) {
            return n;
        }
        long now = now();
        if (e.status == ExecutionStatus.QUEUED) {
            String before = idOf(e);
            setStatus(e, ExecutionStatus.IN_PROGRESS, now);
            if (details != null) {
                e.statusDetails = new TreeMap<>(details);
            }
            if (step != null) {
                e.stepDeadline = now + step * 60_000;
            }
            e.versionNumber++;
            e.lastUpdatedAt = now;
            e.record(now);
            changes.executions.add(e);
            announce(thing, before, true, out);
        } else if (step != null) {
            e.stepDeadline = now + step * 60_000;
            e.versionNumber++;
            e.lastUpdatedAt = now;
            changes.executions.add(e);
        }
        n.set("execution", JobsJson.execution(e, jobs.get(e.jobId), true, now));
        return n;
    }

    private ObjectNode describe(String thing, String jobId, JsonNode body) {
        JsonNode executionNumber = body.get("executionNumber");
        boolean includeDocument = body.path("includeJobDocument").asBoolean(true);
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        JobExecution e;
        if (JobsTopics.NEXT.equals(jobId)) {
            e = next(thing);
            if (e == null) {
                return n;
            }
        } else {
            e = executions.get(key(jobId, thing));
            if (e == null || executionNumber != null && executionNumber.canConvertToLong()
                    && executionNumber.asLong() != e.executionNumber) {
                throw new JobsRejection(JobsErrorCode.ResourceNotFound, "Job execution " + jobId + " of thing "
                        + thing + " does not exist");
            }
            if (e.status.isTerminal()) {
                throw new JobsRejection(JobsErrorCode.TerminalStateReached, "Job execution " + jobId + " of thing "
                        + thing + " is " + e.status);
            }
        }
        n.set("execution", JobsJson.execution(e, jobs.get(e.jobId), includeDocument, now()));
        return n;
    }

    private ObjectNode update(String thing, String jobId, JsonNode body, JobsStore.Changes changes,
                              List<Outgoing> out) {
        JsonNode statusNode = body.get("status");
        if (statusNode == null || !statusNode.isTextual() || !DEVICE_STATUSES.contains(statusNode.asText())) {
            throw new JobsRejection(JobsErrorCode.InvalidRequest,
                    "status is required and must be one of IN_PROGRESS, FAILED, SUCCEEDED, REJECTED");
        }
        ExecutionStatus status = ExecutionStatus.valueOf(statusNode.asText());
        Map<String, String> details = readDetails(body);
        Long step = readStepTimeout(body, true);
        Long expected = readExpectedVersion(body.get("expectedVersion"));
        JobExecution e = JobsTopics.NEXT.equals(jobId) ? next(thing) : executions.get(key(jobId, thing));
        JsonNode executionNumber = body.get("executionNumber");
        if (e == null || executionNumber != null && executionNumber.canConvertToLong()
                && executionNumber.asLong() != e.executionNumber) {
            throw new JobsRejection(JobsErrorCode.ResourceNotFound, "Job execution " + jobId + " of thing " + thing
                    + " does not exist");
        }
        if (e.status.isTerminal()) {
            throw new JobsRejection(JobsErrorCode.InvalidStateTransition, "Job execution " + e.jobId + " is "
                    + e.status + " (terminal) and cannot change to " + status, e);
        }
        if (expected != null && expected != e.versionNumber) {
            throw new JobsRejection(JobsErrorCode.VersionMismatch, "expectedVersion " + expected
                    + " does not match the execution's version " + e.versionNumber, e);
        }
        long now = now();
        String before = idOf(next(thing));
        boolean statusChanged = e.status != status;
        setStatus(e, status, now);
        if (details != null) {
            e.statusDetails = new TreeMap<>(details);
        }
        if (step != null && !status.isTerminal()) {
            e.stepDeadline = step == -1 ? null : now + step * 60_000;
        }
        e.versionNumber++;
        e.lastUpdatedAt = now;
        e.record(now);
        changes.executions.add(e);
        Job job = jobs.get(e.jobId);
        if (status.isTerminal()) {
            out.add(executionEvent(e, status.eventOperation()));
            completeIfDone(job, changes, out);
        }
        announce(thing, before, statusChanged, out);
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        if (body.path("includeJobExecutionState").asBoolean(false)) {
            n.set("executionState", JobsJson.state(e));
        }
        if (body.path("includeJobDocument").asBoolean(false) && job != null) {
            n.set("jobDocument", JobsJson.document(job));
        }
        return n;
    }

    private static Map<String, String> readDetails(JsonNode body) {
        try {
            return StatusDetails.read(body.get("statusDetails"));
        } catch (IllegalArgumentException e) {
            throw new JobsRejection(JobsErrorCode.InvalidRequest, e.getMessage());
        }
    }

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

    private void setStatus(JobExecution e, ExecutionStatus status, long now) {
        if (status == ExecutionStatus.IN_PROGRESS && e.status == ExecutionStatus.QUEUED) {
            e.startedAt = now;
            Job job = jobs.get(e.jobId);
            if (job != null && job.inProgressTimeoutMinutes != null) {
                e.inProgressDeadline = now + job.inProgressTimeoutMinutes * 60_000;
            }
        }
        e.status = status;
        if (status.isTerminal()) {
            e.stepDeadline = null;
            e.inProgressDeadline = null;
        }
    }

    private static String idOf(JobExecution e) {
        return e == null ? null : e.jobId;
    }

    /** Publishes {@code notify} when statuses changed and {@code notify-next} when the next job is another one. */
    private void announce(String thing, String nextBefore, boolean statusChanged, List<Outgoing> out) {
        long now = now();
        if (statusChanged) {
            ObjectNode n = JobsJson.MAPPER.createObjectNode().put("timestamp", JobsJson.seconds(now));
            ObjectNode byStatus = n.putObject("jobs");
            List<JobExecution> pending = pending(thing);
            for (JobExecution e : pending.subList(0, Math.min(10, pending.size()))) {
                ArrayNode list = byStatus.has(e.status.name()) ? (ArrayNode) byStatus.get(e.status.name())
                        : byStatus.putArray(e.status.name());
                list.add(JobsJson.summary(e));
            }
            out.add(new Outgoing(JobsTopics.prefix(thing) + "notify", JobsJson.bytes(n)));
        }
        JobExecution next = next(thing);
        if (!Objects.equals(nextBefore, idOf(next))) {
            ObjectNode n = JobsJson.MAPPER.createObjectNode().put("timestamp", JobsJson.seconds(now));
            if (next != null) {
                n.set("execution", JobsJson.execution(next, jobs.get(next.jobId), true, now));
            }
            out.add(new Outgoing(JobsTopics.prefix(thing) + "notify-next", JobsJson.bytes(n)));
        }
    }

    private Outgoing executionEvent(JobExecution e, String operation) {
        ObjectNode n = JobsJson.MAPPER.createObjectNode().put("eventType", "JOB_EXECUTION")
                .put("eventId", UUID.randomUUID().toString()).put("timestamp", JobsJson.seconds(now()))
                .put("operation", operation).put("jobId", e.jobId).put("thingArn", registry.thingArn(e.thingName))
                .put("status", e.status.name());
        n.set("statusDetails", JobsJson.details(e.statusDetails));
        return new Outgoing("$aws/events/jobExecution/" + e.jobId + "/" + operation, JobsJson.bytes(n));
    }

    private Outgoing jobEvent(Job job, String operation) {
        ObjectNode n = JobsJson.MAPPER.createObjectNode().put("eventType", "JOB")
                .put("eventId", UUID.randomUUID().toString()).put("timestamp", JobsJson.seconds(now()))
                .put("operation", operation).put("jobId", job.jobId).put("status", job.status)
                .put("targetSelection", job.targetSelection);
        ArrayNode targets = n.putArray("targets");
        job.targets.forEach(targets::add);
        if (job.description != null) {
            n.put("description", job.description);
        }
        n.put("createdAt", JobsJson.seconds(job.createdAt)).put("lastUpdatedAt", JobsJson.seconds(job.lastUpdatedAt));
        if (job.completedAt != null) {
            n.put("completedAt", JobsJson.seconds(job.completedAt));
        }
        n.set("jobProcessDetails", processDetails(job));
        return new Outgoing("$aws/events/job/" + job.jobId + "/" + operation, JobsJson.bytes(n));
    }

    /** A snapshot job whose executions are all terminal is COMPLETED. */
    private void completeIfDone(Job job, JobsStore.Changes changes, List<Outgoing> out) {
        if (job == null || job.isContinuous() || !"IN_PROGRESS".equals(job.status)) {
            return;
        }
        for (JobExecution e : executionsOf(job.jobId)) {
            if (!e.status.isTerminal()) {
                return;
            }
        }
        long now = now();
        job.status = "COMPLETED";
        job.completedAt = now;
        job.lastUpdatedAt = now;
        changes.jobs.add(job);
        out.add(jobEvent(job, "completed"));
    }

    private List<JobExecution> executionsOf(String jobId) {
        List<JobExecution> list = new ArrayList<>();
        for (JobExecution e : executions.values()) {
            if (e.jobId.equals(jobId)) {
                list.add(e);
            }
        }
        return list;
    }

    private void commit(JobsStore.Changes changes) throws SQLException {
        store.write(changes);
    }

    private void publishNow(List<Outgoing> out) {
        for (Outgoing o : out) {
            try {
                publisher.publish(o.topic(), o.payload(), 1, false);
            } catch (RuntimeException e) {
                LOG.warn("Jobs message to {} not published: {}", o.topic(), e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- timers

    private void sweepSafely() {
        try {
            sweepTimeouts();
        } catch (RuntimeException e) {
            LOG.warn("Jobs timer sweep failed: {}", e.getMessage(), e);
        }
    }

    /** Moves every execution whose step or in-progress deadline has passed to TIMED_OUT; returns how many. */
    public int sweepTimeouts() {
        List<Outgoing> out = new ArrayList<>();
        int count = 0;
        synchronized (this) {
            long now = now();
            JobsStore.Changes changes = new JobsStore.Changes();
            for (JobExecution e : new ArrayList<>(executions.values())) {
                Long deadline = e.deadline();
                if (e.status.isTerminal() || deadline == null || deadline > now) {
                    continue;
                }
                String before = idOf(next(e.thingName));
                setStatus(e, ExecutionStatus.TIMED_OUT, now);
                e.versionNumber++;
                e.lastUpdatedAt = now;
                e.record(now);
                changes.executions.add(e);
                out.add(executionEvent(e, "timed_out"));
                completeIfDone(jobs.get(e.jobId), changes, out);
                announce(e.thingName, before, true, out);
                count++;
            }
            if (count == 0) {
                return 0;
            }
            try {
                commit(changes);
            } catch (SQLException ex) {
                LOG.warn("Timed-out executions not stored: {}", ex.getMessage());
            }
        }
        publishNow(out);
        return count;
    }

    // ---------------------------------------------------------------- control plane: jobs

    /** The parameters of CreateJob the Local IoT Core supports. */
    public record CreateJobRequest(String jobId, List<String> targets, String document, String description,
                                   String targetSelection, Long inProgressTimeoutMinutes,
                                   JsonNode presignedUrlConfig) {
    }

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
        List<Outgoing> out = new ArrayList<>();
        ObjectNode result;
        synchronized (this) {
            if (jobs.containsKey(r.jobId())) {
                throw new AwsServiceException(AwsErrorKind.RESOURCE_ALREADY_EXISTS, "Job " + r.jobId()
                        + " already exists.");
            }
            Set<String> things = new LinkedHashSet<>();
            for (String target : r.targets()) {
                things.addAll(resolveTarget(target));
            }
            long now = now();
            Job job = new Job();
            job.jobId = r.jobId();
            job.jobArn = arn("job/" + r.jobId());
            job.description = r.description();
            job.document = r.document();
            job.targets = new ArrayList<>(r.targets());
            job.targetSelection = selection;
            job.createdAt = now;
            job.lastUpdatedAt = now;
            job.inProgressTimeoutMinutes = timeout;
            job.presignedUrlConfig = r.presignedUrlConfig();
            jobs.put(job.jobId, job);
            JobsStore.Changes changes = new JobsStore.Changes();
            changes.jobs.add(job);
            for (String thing : things) {
                queue(job, thing, changes, out);
            }
            completeIfDone(job, changes, out);
            try {
                commit(changes);
            } catch (SQLException e) {
                jobs.remove(job.jobId);
                things.forEach(t -> executions.remove(key(job.jobId, t)));
                throw internal(e);
            }
            result = JobsJson.MAPPER.createObjectNode().put("jobArn", job.jobArn).put("jobId", job.jobId);
            if (job.description != null) {
                result.put("description", job.description);
            }
        }
        publishNow(out);
        return result;
    }

    private void queue(Job job, String thing, JobsStore.Changes changes, List<Outgoing> out) {
        String before = idOf(next(thing));
        long now = now();
        JobExecution e = new JobExecution();
        e.jobId = job.jobId;
        e.thingName = thing;
        e.queuedAt = now;
        e.lastUpdatedAt = now;
        e.executionNumber = ++lastExecutionNumber;
        e.record(now);
        executions.put(key(job.jobId, thing), e);
        changes.executions.add(e);
        announce(thing, before, true, out);
    }

    /** The things a target ARN names: one thing, or a thing group's members. */
    private Set<String> resolveTarget(String target) {
        String thingPrefix = arn("thing/");
        String groupPrefix = arn("thinggroup/");
        if (target.startsWith(thingPrefix)) {
            String name = target.substring(thingPrefix.length());
            if (registry.findThing(name).isEmpty()) {
                throw notFound("Thing " + name + " of target " + target + " does not exist.");
            }
            return Set.of(name);
        }
        if (target.startsWith(groupPrefix)) {
            return new LinkedHashSet<>(group(target.substring(groupPrefix.length())).things);
        }
        throw invalid("The target " + target + " is not a thing or thing group ARN of this account and region ("
                + thingPrefix + "... or " + groupPrefix + "...).");
    }

    private String arn(String resource) {
        return "arn:aws:iot:" + registry.region() + ":" + registry.accountId() + ":" + resource;
    }

    private Job job(String jobId) {
        Job job = jobs.get(jobId);
        if (job == null) {
            throw notFound("Job " + jobId + " does not exist.");
        }
        return job;
    }

    public synchronized ObjectNode describeJob(String jobId) {
        Job job = job(jobId);
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        ObjectNode j = n.putObject("job").put("jobArn", job.jobArn).put("jobId", job.jobId)
                .put("targetSelection", job.targetSelection).put("status", job.status)
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
        j.put("createdAt", JobsJson.fraction(job.createdAt)).put("lastUpdatedAt", JobsJson.fraction(job.lastUpdatedAt));
        if (job.completedAt != null) {
            j.put("completedAt", JobsJson.fraction(job.completedAt));
        }
        j.set("jobProcessDetails", processDetails(job));
        if (job.inProgressTimeoutMinutes != null) {
            j.putObject("timeoutConfig").put("inProgressTimeoutInMinutes", job.inProgressTimeoutMinutes);
        }
        return n;
    }

    private ObjectNode processDetails(Job job) {
        Map<ExecutionStatus, Integer> counts = new java.util.EnumMap<>(ExecutionStatus.class);
        for (JobExecution e : executionsOf(job.jobId)) {
            counts.merge(e.status, 1, Integer::sum);
        }
        ObjectNode d = JobsJson.MAPPER.createObjectNode();
        d.putArray("processingTargets");
        String[][] names = {{"CANCELED", "numberOfCanceledThings"}, {"SUCCEEDED", "numberOfSucceededThings"},
            {"FAILED", "numberOfFailedThings"}, {"REJECTED", "numberOfRejectedThings"},
            {"QUEUED", "numberOfQueuedThings"}, {"IN_PROGRESS", "numberOfInProgressThings"},
            {"REMOVED", "numberOfRemovedThings"}, {"TIMED_OUT", "numberOfTimedOutThings"}};
        for (String[] pair : names) {
            d.put(pair[1], counts.getOrDefault(ExecutionStatus.valueOf(pair[0]), 0));
        }
        return d;
    }

    public synchronized ObjectNode getJobDocument(String jobId) {
        return JobsJson.MAPPER.createObjectNode().put("document", job(jobId).document);
    }

    public synchronized ObjectNode listJobs(String status, String targetSelection, String thingGroupName,
                                            String nextToken, Integer maxResults) {
        String groupArn = thingGroupName == null ? null : arn("thinggroup/" + thingGroupName);
        List<Job> matching = new ArrayList<>();
        for (Job job : jobs.values()) {
            if ((status == null || status.equals(job.status))
                    && (targetSelection == null || targetSelection.equals(job.targetSelection))
                    && (groupArn == null || job.targets.contains(groupArn))) {
                matching.add(job);
            }
        }
        matching.sort(Comparator.comparingLong((Job j) -> j.createdAt).reversed());
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        ArrayNode list = n.putArray("jobs");
        page(matching, nextToken, maxResults, n, job -> {
            ObjectNode j = list.addObject().put("jobArn", job.jobArn).put("jobId", job.jobId)
                    .put("targetSelection", job.targetSelection).put("status", job.status)
                    .put("createdAt", JobsJson.fraction(job.createdAt))
                    .put("lastUpdatedAt", JobsJson.fraction(job.lastUpdatedAt)).put("isConcurrent", false);
            if (job.completedAt != null) {
                j.put("completedAt", JobsJson.fraction(job.completedAt));
            }
        });
        return n;
    }

    /** Offset paging: nextToken is the decimal offset of the next item. */
    private static <T> void page(List<T> items, String nextToken, Integer maxResults, ObjectNode into,
                                 java.util.function.Consumer<T> add) {
        int max = maxResults == null ? 50 : maxResults;
        if (max < 1 || max > 250) {
            throw invalid("The maxResults must be 1-250.");
        }
        int from = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            try {
                from = Integer.parseInt(nextToken);
            } catch (NumberFormatException e) {
                throw invalid("The nextToken '" + nextToken + "' is not valid: pass the value a previous page "
                        + "returned.");
            }
        }
        int to = Math.min(items.size(), from + max);
        for (int i = from; i < to; i++) {
            add.accept(items.get(i));
        }
        if (to < items.size()) {
            into.put("nextToken", Integer.toString(to));
        }
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

    public synchronized ObjectNode listJobExecutionsForJob(String jobId, String status, String nextToken,
                                                           Integer maxResults) {
        job(jobId);
        ExecutionStatus filter = executionStatusFilter(status);
        List<JobExecution> list = executionsOf(jobId).stream().filter(e -> filter == null || e.status == filter)
                .toList();
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        ArrayNode summaries = n.putArray("executionSummaries");
        page(list, nextToken, maxResults, n, e -> summaries.addObject()
                .put("thingArn", registry.thingArn(e.thingName)).set("jobExecutionSummary",
                        JobsJson.controlSummary(e)));
        return n;
    }

    public synchronized ObjectNode listJobExecutionsForThing(String thingName, String status, String nextToken,
                                                             Integer maxResults) {
        ExecutionStatus filter = executionStatusFilter(status);
        List<JobExecution> list = executions.values().stream().filter(e -> e.thingName.equals(thingName))
                .filter(e -> filter == null || e.status == filter).toList();
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        ArrayNode summaries = n.putArray("executionSummaries");
        page(list, nextToken, maxResults, n, e -> summaries.addObject().put("jobId", e.jobId)
                .set("jobExecutionSummary", JobsJson.controlSummary(e)));
        return n;
    }

    private JobExecution execution(String thingName, String jobId) {
        JobExecution e = executions.get(key(jobId, thingName));
        if (e == null) {
            throw notFound("Job execution " + jobId + " of thing " + thingName + " does not exist.");
        }
        return e;
    }

    public synchronized ObjectNode describeJobExecution(String thingName, String jobId, Long executionNumber) {
        JobExecution e = execution(thingName, jobId);
        if (executionNumber != null && executionNumber != e.executionNumber) {
            throw notFound("Job execution " + jobId + " of thing " + thingName + " has no execution number "
                    + executionNumber + ".");
        }
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        ObjectNode x = n.putObject("execution").put("jobId", e.jobId).put("status", e.status.name())
                .put("forceCanceled", e.forceCanceled);
        x.putObject("statusDetails").set("detailsMap", JobsJson.details(e.statusDetails));
        x.put("thingArn", registry.thingArn(e.thingName)).put("queuedAt", JobsJson.fraction(e.queuedAt));
        if (e.startedAt != null) {
            x.put("startedAt", JobsJson.fraction(e.startedAt));
        }
        x.put("lastUpdatedAt", JobsJson.fraction(e.lastUpdatedAt)).put("executionNumber", e.executionNumber)
                .put("versionNumber", e.versionNumber);
        Long deadline = e.deadline();
        if (deadline != null) {
            x.put("approximateSecondsBeforeTimedOut", Math.max(0, (deadline - now()) / 1000));
        }
        return n;
    }

    /** One history entry of an execution, for the Jobs pane (not an AWS shape). */
    public record HistoryEntry(String status, long atMillis, Map<String, String> statusDetails) {
    }

    /** The execution's recorded status changes and progress reports, oldest first; empty when unknown. */
    public synchronized List<HistoryEntry> history(String thingName, String jobId) {
        JobExecution e = executions.get(key(jobId, thingName));
        if (e == null) {
            return List.of();
        }
        return e.history.stream().map(h -> new HistoryEntry(h.status, h.at, Map.copyOf(h.statusDetails))).toList();
    }

    public ObjectNode cancelJob(String jobId, boolean force, String reasonCode, String comment) {
        if (reasonCode != null && !reasonCode.matches("[\\p{Upper}\\p{Digit}_]{1,128}")) {
            throw invalid("The reasonCode must be up to 128 upper-case letters, digits or '_'.");
        }
        if (comment != null && comment.length() > 2028) {
            throw invalid("The comment is longer than 2028 characters.");
        }
        List<Outgoing> out = new ArrayList<>();
        ObjectNode result;
        synchronized (this) {
            Job job = job(jobId);
            if ("COMPLETED".equals(job.status)) {
                throw new AwsServiceException(AwsErrorKind.INVALID_STATE_TRANSITION, "Job " + jobId
                        + " is COMPLETED and cannot be canceled.");
            }
            long now = now();
            JobsStore.Changes changes = new JobsStore.Changes();
            boolean wasCanceled = "CANCELED".equals(job.status);
            job.status = "CANCELED";
            job.forceCanceled = job.forceCanceled || force;
            job.reasonCode = reasonCode != null ? reasonCode : job.reasonCode;
            job.comment = comment != null ? comment : job.comment;
            job.lastUpdatedAt = now;
            changes.jobs.add(job);
            for (JobExecution e : executionsOf(jobId)) {
                if (e.status == ExecutionStatus.QUEUED || e.status == ExecutionStatus.IN_PROGRESS && force) {
                    cancelExecution(e, force, now, changes, out);
                }
            }
            if (!wasCanceled) {
                out.add(jobEvent(job, "canceled"));
            }
            try {
                commit(changes);
            } catch (SQLException e) {
                throw internal(e);
            }
            result = JobsJson.MAPPER.createObjectNode().put("jobArn", job.jobArn).put("jobId", job.jobId);
            if (job.description != null) {
                result.put("description", job.description);
            }
        }
        publishNow(out);
        return result;
    }

    private void cancelExecution(JobExecution e, boolean force, long now, JobsStore.Changes changes,
                                 List<Outgoing> out) {
        String before = idOf(next(e.thingName));
        setStatus(e, ExecutionStatus.CANCELED, now);
        e.forceCanceled = force;
        e.versionNumber++;
        e.lastUpdatedAt = now;
        e.record(now);
        changes.executions.add(e);
        out.add(executionEvent(e, "canceled"));
        announce(e.thingName, before, true, out);
    }

    public void cancelJobExecution(String thingName, String jobId, boolean force, Long expectedVersion,
                                   Map<String, String> statusDetails) {
        List<Outgoing> out = new ArrayList<>();
        synchronized (this) {
            JobExecution e = execution(thingName, jobId);
            if (e.status.isTerminal()) {
                throw new AwsServiceException(AwsErrorKind.INVALID_STATE_TRANSITION, "Job execution " + jobId
                        + " of thing " + thingName + " is " + e.status + " (terminal) and cannot be canceled.");
            }
            if (e.status == ExecutionStatus.IN_PROGRESS && !force) {
                throw new AwsServiceException(AwsErrorKind.INVALID_STATE_TRANSITION, "Job execution " + jobId
                        + " of thing " + thingName + " is IN_PROGRESS; cancel it with force=true.");
            }
            if (expectedVersion != null && expectedVersion != e.versionNumber) {
                throw new AwsServiceException(AwsErrorKind.VERSION_CONFLICT, "expectedVersion " + expectedVersion
                        + " does not match the execution's version " + e.versionNumber + ".");
            }
            if (statusDetails != null) {
                try {
                    StatusDetails.check(statusDetails);
                } catch (IllegalArgumentException ex) {
                    throw invalid(ex.getMessage());
                }
                e.statusDetails = new TreeMap<>(statusDetails);
            }
            JobsStore.Changes changes = new JobsStore.Changes();
            cancelExecution(e, force, now(), changes, out);
            completeIfDone(jobs.get(jobId), changes, out);
            try {
                commit(changes);
            } catch (SQLException ex) {
                throw internal(ex);
            }
        }
        publishNow(out);
    }

    public void deleteJob(String jobId, boolean force) {
        List<Outgoing> out = new ArrayList<>();
        synchronized (this) {
            Job job = job(jobId);
            List<JobExecution> list = executionsOf(jobId);
            boolean active = list.stream().anyMatch(e -> !e.status.isTerminal());
            if (!force && ("IN_PROGRESS".equals(job.status) || active)) {
                throw new AwsServiceException(AwsErrorKind.INVALID_STATE_TRANSITION, "Job " + jobId + " is "
                        + job.status + (active ? " with executions still pending" : "")
                        + "; cancel it first or delete it with force=true.");
            }
            JobsStore.Changes changes = new JobsStore.Changes();
            changes.deletedJobs.add(jobId);
            Map<String, String> nextBefore = new LinkedHashMap<>();
            for (JobExecution e : list) {
                nextBefore.put(e.thingName, idOf(next(e.thingName)));
            }
            for (JobExecution e : list) {
                executions.remove(key(jobId, e.thingName));
                out.add(executionEvent(e, "deleted"));
            }
            jobs.remove(jobId);
            job.status = "DELETION_IN_PROGRESS";
            out.add(jobEvent(job, "deleted"));
            try {
                commit(changes);
            } catch (SQLException ex) {
                throw internal(ex);
            }
            for (JobExecution e : list) {
                if (!e.status.isTerminal()) {
                    announce(e.thingName, nextBefore.get(e.thingName), true, out);
                }
            }
        }
        publishNow(out);
    }

    // ---------------------------------------------------------------- control plane: thing groups

    private ThingGroup group(String name) {
        ThingGroup g = groups.get(name);
        if (g == null) {
            throw notFound("Thing group " + name + " does not exist.");
        }
        return g;
    }

    public String thingGroupArn(String name) {
        return arn("thinggroup/" + name);
    }

    public synchronized ObjectNode createThingGroup(String name, String description) {
        if (name == null || !GROUP_NAME.matcher(name).matches()) {
            throw invalid("The thingGroupName must be 1-128 characters of a-z, A-Z, 0-9, ':', '_' or '-'.");
        }
        ThingGroup g = groups.get(name);
        if (g != null && !Objects.equals(g.description, description)) {
            throw new AwsServiceException(AwsErrorKind.RESOURCE_ALREADY_EXISTS, "Thing group " + name
                    + " already exists with different properties.");
        }
        if (g == null) {
            g = new ThingGroup();
            g.name = name;
            g.id = UUID.randomUUID().toString();
            g.arn = thingGroupArn(name);
            g.description = description;
            g.createdAt = now();
            JobsStore.Changes changes = new JobsStore.Changes();
            changes.groups.add(g);
            try {
                commit(changes);
            } catch (SQLException e) {
                throw internal(e);
            }
            groups.put(name, g);
        }
        return JobsJson.MAPPER.createObjectNode().put("thingGroupName", g.name).put("thingGroupArn", g.arn)
                .put("thingGroupId", g.id);
    }

    public synchronized ObjectNode describeThingGroup(String name) {
        ThingGroup g = group(name);
        ObjectNode n = JobsJson.MAPPER.createObjectNode().put("thingGroupName", g.name).put("thingGroupId", g.id)
                .put("thingGroupArn", g.arn).put("version", g.version);
        ObjectNode props = n.putObject("thingGroupProperties");
        if (g.description != null) {
            props.put("thingGroupDescription", g.description);
        }
        n.putObject("thingGroupMetadata").put("creationDate", JobsJson.fraction(g.createdAt));
        return n;
    }

    public synchronized void deleteThingGroup(String name) {
        if (!groups.containsKey(name)) {
            return;
        }
        JobsStore.Changes changes = new JobsStore.Changes();
        changes.deletedGroups.add(name);
        try {
            commit(changes);
        } catch (SQLException e) {
            throw internal(e);
        }
        groups.remove(name);
    }

    public synchronized ObjectNode listThingGroups(String namePrefix, String nextToken, Integer maxResults) {
        List<ThingGroup> list = groups.values().stream()
                .filter(g -> namePrefix == null || g.name.startsWith(namePrefix)).toList();
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        ArrayNode arr = n.putArray("thingGroups");
        page(list, nextToken, maxResults, n, g -> arr.addObject().put("groupName", g.name).put("groupArn", g.arn));
        return n;
    }

    public synchronized ObjectNode listThingsInThingGroup(String name, String nextToken, Integer maxResults) {
        ThingGroup g = group(name);
        List<String> list = g.things.stream().filter(t -> registry.findThing(t).isPresent()).toList();
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        ArrayNode arr = n.putArray("things");
        page(list, nextToken, maxResults, n, arr::add);
        return n;
    }

    public synchronized ObjectNode listThingGroupsForThing(String thingName, String nextToken, Integer maxResults) {
        List<ThingGroup> list = groups.values().stream().filter(g -> g.things.contains(thingName)).toList();
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        ArrayNode arr = n.putArray("thingGroups");
        page(list, nextToken, maxResults, n, g -> arr.addObject().put("groupName", g.name).put("groupArn", g.arn));
        return n;
    }

    /** The group names a thing belongs to, for the Things pane. */
    public synchronized List<String> groupsOf(String thingName) {
        return groups.values().stream().filter(g -> g.things.contains(thingName)).map(g -> g.name).toList();
    }

    /** Adds the thing to the group; continuous jobs targeting the group queue an execution for it. */
    public void addThingToThingGroup(String groupName, String thingName) {
        List<Outgoing> out = new ArrayList<>();
        synchronized (this) {
            ThingGroup g = group(groupName);
            if (registry.findThing(thingName).isEmpty()) {
                throw notFound("Thing " + thingName + " does not exist.");
            }
            JobsStore.Changes changes = new JobsStore.Changes();
            if (g.things.add(thingName)) {
                g.version++;
                changes.groups.add(g);
                for (Job job : jobs.values()) {
                    if (job.isContinuous() && "IN_PROGRESS".equals(job.status) && job.targets.contains(g.arn)
                            && !executions.containsKey(key(job.jobId, thingName))) {
                        queue(job, thingName, changes, out);
                    }
                }
            }
            try {
                commit(changes);
            } catch (SQLException e) {
                throw internal(e);
            }
        }
        publishNow(out);
    }

    /** Removes the thing from the group; its QUEUED executions of continuous jobs on the group become REMOVED. */
    public void removeThingFromThingGroup(String groupName, String thingName) {
        List<Outgoing> out = new ArrayList<>();
        synchronized (this) {
            ThingGroup g = group(groupName);
            JobsStore.Changes changes = new JobsStore.Changes();
            if (g.things.remove(thingName)) {
                g.version++;
                changes.groups.add(g);
                long now = now();
                for (Job job : jobs.values()) {
                    JobExecution e = executions.get(key(job.jobId, thingName));
                    if (job.isContinuous() && job.targets.contains(g.arn) && e != null
                            && e.status == ExecutionStatus.QUEUED) {
                        String before = idOf(next(thingName));
                        setStatus(e, ExecutionStatus.REMOVED, now);
                        e.versionNumber++;
                        e.lastUpdatedAt = now;
                        e.record(now);
                        changes.executions.add(e);
                        out.add(executionEvent(e, "removed"));
                        announce(thingName, before, true, out);
                    }
                }
            }
            try {
                commit(changes);
            } catch (SQLException e) {
                throw internal(e);
            }
        }
        publishNow(out);
    }

    private static AwsServiceException invalid(String message) {
        return new AwsServiceException(AwsErrorKind.INVALID_REQUEST, message);
    }

    private static AwsServiceException notFound(String message) {
        return new AwsServiceException(AwsErrorKind.RESOURCE_NOT_FOUND, message);
    }

    private static AwsServiceException internal(SQLException e) {
        return new AwsServiceException(AwsErrorKind.INTERNAL_FAILURE, "The jobs store failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
