package io.iotworkbench.localcore.jobs;

import io.iotworkbench.localcore.registry.Registry;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The service side of an execution's life, shared by every part that changes one (control plane, thing groups,
 * device API, timeout sweep): queue an execution; move one to a new status with everything that follows (its
 * {@code $aws/events/jobExecution/...} event when terminal, the snapshot job's completion, {@code notify} and
 * {@code notify-next}); the job events; the document a device receives. The messages go into the transaction and
 * are sent only after it committed.
 *
 * <p>Threading: called inside {@link JobsState#write}, under the state's lock. Stateless itself.
 */
final class JobsLifecycle {

    /** The reasonCode of a job its abort config canceled (decision 0018). */
    static final String ABORT_REASON = "ABORT_CRITERIA_MET";

    private final JobsState state;
    private final Registry registry;
    private final Clock clock;
    private final JobDocumentResolver documents;

    JobsLifecycle(JobsState state, Registry registry, Clock clock, JobDocumentResolver documents) {
        this.state = state;
        this.registry = registry;
        this.clock = clock;
        this.documents = documents;
    }

    long now() {
        return clock.millis();
    }

    /** The job document {@code e}'s thing receives (see {@link JobDocumentResolver}); null when the job is gone. */
    String documentFor(JobExecution e) {
        Job job = state.jobs.get(e.jobId);
        return job == null ? null : documents.forDevice(job.jobId, job.document, job.presignedUrlConfig,
                e.thingName);
    }

    /** Queues a new execution of {@code job} on {@code thing} and tells the thing. */
    JobExecution queue(JobsTransaction tx, Job job, String thing) {
        String before = JobsState.idOf(state.next(thing));
        long now = now();
        JobExecution e = new JobExecution();
        e.jobId = job.jobId;
        e.thingName = thing;
        e.queuedAt = now;
        e.lastUpdatedAt = now;
        e.executionNumber = tx.nextExecutionNumber();
        e.record(now);
        tx.add(e);
        announce(tx, thing, before, true);
        return e;
    }

    /**
     * Moves {@code e} to {@code to} ({@link JobExecution#transition}); {@code alsoChange} may set details or the
     * step timer first. Then: the execution event when terminal, the job's completion, notify (when the status
     * changed) and notify-next (when the thing's next job changed).
     */
    void move(JobsTransaction tx, JobExecution e, ExecutionStatus to, boolean force,
              Consumer<JobExecution> alsoChange) {
        String before = JobsState.idOf(state.next(e.thingName));
        boolean changed = e.status != to;
        Job job = state.jobs.get(e.jobId);
        tx.edit(e);
        alsoChange.accept(e);
        e.transition(to, force, now(), job);
        if (to.isTerminal()) {
            executionEvent(tx, e, to.eventOperation());
            abortIfDue(tx, job);
            completeIfDone(tx, job);
        }
        announce(tx, e.thingName, before, changed);
    }

    /** A snapshot job whose targets were all notified and whose executions are all terminal is COMPLETED. */
    void completeIfDone(JobsTransaction tx, Job job) {
        if (job == null || job.isContinuous() || job.status != JobStatus.IN_PROGRESS
                || !job.rolloutPending.isEmpty()) {
            return;
        }
        for (JobExecution e : state.executionsOf(job.jobId)) {
            if (!e.status.isTerminal()) {
                return;
            }
        }
        long now = now();
        tx.edit(job);
        job.status = JobStatus.COMPLETED;
        job.completedAt = now;
        job.lastUpdatedAt = now;
        jobEvent(tx, job, job.status, "completed");
    }

    /** Cancels the job (its abort action) when one of its abort criteria fires ({@link JobAbortConfig}). */
    void abortIfDue(JobsTransaction tx, Job job) {
        JobAbortConfig config = job == null ? null : JobAbortConfig.parse(job.abortConfig);
        if (config == null || job.status != JobStatus.IN_PROGRESS) {
            return;
        }
        String why = config.firing(state.executionsOf(job.jobId));
        if (why != null) {
            cancel(tx, job, false, ABORT_REASON, why);
        }
    }

    /**
     * CancelJob: the job becomes CANCELED, its QUEUED executions (and with {@code force} its IN_PROGRESS ones) too,
     * and the targets its rollout had not notified yet never are.
     */
    void cancel(JobsTransaction tx, Job job, boolean force, String reasonCode, String comment) {
        boolean wasCanceled = job.status == JobStatus.CANCELED;
        tx.edit(job);
        job.status = JobStatus.CANCELED;
        job.forceCanceled = job.forceCanceled || force;
        job.reasonCode = reasonCode != null ? reasonCode : job.reasonCode;
        job.comment = comment != null ? comment : job.comment;
        job.lastUpdatedAt = now();
        job.rolloutPending.clear();
        for (JobExecution e : state.executionsOf(job.jobId)) {
            if (e.status == ExecutionStatus.QUEUED || e.status == ExecutionStatus.IN_PROGRESS && force) {
                move(tx, e, ExecutionStatus.CANCELED, force, x -> { });
            }
        }
        if (!wasCanceled) {
            jobEvent(tx, job, job.status, "canceled");
        }
    }

    /** Publishes {@code notify} when statuses changed and {@code notify-next} when the next job is another one. */
    void announce(JobsTransaction tx, String thing, String nextBefore, boolean statusChanged) {
        long now = now();
        if (statusChanged) {
            List<JobExecution> pending = state.pending(thing);
            tx.publish(JobsTopics.prefix(thing) + "notify", JobsJson.bytes(JobsJson.notify(pending, now)));
        }
        JobExecution next = state.next(thing);
        if (!Objects.equals(nextBefore, JobsState.idOf(next))) {
            tx.publish(JobsTopics.prefix(thing) + "notify-next", JobsJson.bytes(
                    JobsJson.notifyNext(next, next == null ? null : documentFor(next), now)));
        }
    }

    void executionEvent(JobsTransaction tx, JobExecution e, String operation) {
        tx.publish("$aws/events/jobExecution/" + e.jobId + "/" + operation, JobsJson.bytes(
                JobsJson.executionEvent(e, operation, registry.thingArn(e.thingName), now())));
    }

    /** The job event; {@code status} is what it reports (DELETION_IN_PROGRESS for a job already gone). */
    void jobEvent(JobsTransaction tx, Job job, JobStatus status, String operation) {
        tx.publish("$aws/events/job/" + job.jobId + "/" + operation, JobsJson.bytes(JobsJson.jobEvent(job, status,
                operation, JobsJson.processDetails(state.executionsOf(job.jobId)), now())));
    }
}
