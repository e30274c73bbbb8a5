package io.iotworkbench.localcore.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One job execution (a job on one thing) as stored in {@code jobs_executions}: status, details, version, the two
 * timers' deadlines (epoch ms, null when not running) and a short history of status changes for the Jobs pane.
 * {@link #refusal} and {@link #transition} are the execution state machine (aws-iot-core.md §2.3), the only place
 * that changes {@link #status}.
 *
 * <p>Mutable; only touched under the {@link JobsState} lock, after {@link JobsTransaction#edit(JobExecution)} so that
 * a failed commit can restore it.
 */
final class JobExecution {
    /** At most this many history entries are kept per execution. */
    static final int MAX_HISTORY = 50;

    /** One status change or progress report. */
    public static final class HistoryEntry {
        public String status;
        public long at;
        public Map<String, String> statusDetails = new TreeMap<>();
    }

    public String jobId;
    public String thingName;
    public ExecutionStatus status = ExecutionStatus.QUEUED;
    public Map<String, String> statusDetails = new TreeMap<>();
    public long queuedAt;
    public Long startedAt;
    public long lastUpdatedAt;
    public long versionNumber = 1;
    public long executionNumber;
    public boolean forceCanceled;
    public Long stepDeadline;
    public Long inProgressDeadline;
    public List<HistoryEntry> history = new ArrayList<>();

    /** The earlier of the two deadlines, or null. */
    Long deadline() {
        Long step = stepDeadline;
        Long job = inProgressDeadline;
        if (step == null) {
            return job;
        }
        return job == null ? step : Math.min(step, job);
    }

    /**
     * Why this execution may not move to {@code to}, or null when it may. Terminal statuses are final; an
     * IN_PROGRESS execution is canceled only with force; only QUEUED executions are removed (their thing left the
     * group); only IN_PROGRESS ones time out (timers run only then); nothing goes back to QUEUED. QUEUED may go
     * straight to SUCCEEDED, FAILED or REJECTED (undocumented on AWS; the WM jobs_demo relies on it).
     */
    String refusal(ExecutionStatus to, boolean force) {
        String name = "Job execution " + jobId + " of thing " + thingName;
        if (status.isTerminal()) {
            return name + " is " + status + " (terminal) and cannot change to " + to + ".";
        }
        return switch (to) {
            case QUEUED -> name + " is " + status + " and cannot go back to QUEUED.";
            case CANCELED -> status == ExecutionStatus.IN_PROGRESS && !force
                    ? name + " is IN_PROGRESS; cancel it with force=true." : null;
            case REMOVED -> status != ExecutionStatus.QUEUED ? name + " is " + status + "; only QUEUED executions "
                    + "are removed." : null;
            case TIMED_OUT -> status != ExecutionStatus.IN_PROGRESS ? name + " is " + status + "; only IN_PROGRESS "
                    + "executions time out." : null;
            case IN_PROGRESS, SUCCEEDED, FAILED, REJECTED -> null;
        };
    }

    /**
     * Moves to {@code to} (which may be the current IN_PROGRESS, a progress report): starts the job's in-progress
     * timer on QUEUED → IN_PROGRESS, stops both timers on a terminal status, counts the version up and records the
     * change in the history.
     *
     * @param job the execution's job, for its in-progress timeout (null when unknown)
     * @throws IllegalStateException when {@link #refusal} refuses; callers check first and answer in their protocol
     */
    void transition(ExecutionStatus to, boolean force, long now, Job job) {
        String refusal = refusal(to, force);
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
        if (to == ExecutionStatus.IN_PROGRESS && status == ExecutionStatus.QUEUED) {
            startedAt = now;
            if (job != null && job.inProgressTimeoutMinutes != null) {
                inProgressDeadline = now + job.inProgressTimeoutMinutes * 60_000;
            }
        }
        if (to == ExecutionStatus.CANCELED) {
            forceCanceled = force;
        }
        status = to;
        if (to.isTerminal()) {
            stepDeadline = null;
            inProgressDeadline = null;
        }
        touch(now);
        record(now);
    }

    /** Sets the step timer to {@code minutes} from now, or stops it for -1; null leaves it as it is. */
    void setStepTimer(Long minutes, long now) {
        if (minutes != null) {
            stepDeadline = minutes == -1 ? null : now + minutes * 60_000;
        }
    }

    /** Counts the version up for a change that is not a status change (a new step timer on StartNext). */
    void touch(long now) {
        versionNumber++;
        lastUpdatedAt = now;
    }

    /** Adds the current status and details to the history, keeping the newest {@link #MAX_HISTORY}. */
    void record(long now) {
        HistoryEntry e = new HistoryEntry();
        e.status = status.name();
        e.at = now;
        e.statusDetails = new TreeMap<>(statusDetails);
        history.add(e);
        if (history.size() > MAX_HISTORY) {
            history.remove(0);
        }
    }

    /** A deep copy, for the transaction's undo log. */
    JobExecution copy() {
        JobExecution c = new JobExecution();
        c.jobId = jobId;
        c.thingName = thingName;
        c.status = status;
        c.statusDetails = new TreeMap<>(statusDetails);
        c.queuedAt = queuedAt;
        c.startedAt = startedAt;
        c.lastUpdatedAt = lastUpdatedAt;
        c.versionNumber = versionNumber;
        c.executionNumber = executionNumber;
        c.forceCanceled = forceCanceled;
        c.stepDeadline = stepDeadline;
        c.inProgressDeadline = inProgressDeadline;
        for (HistoryEntry h : history) {
            HistoryEntry k = new HistoryEntry();
            k.status = h.status;
            k.at = h.at;
            k.statusDetails = new TreeMap<>(h.statusDetails);
            c.history.add(k);
        }
        return c;
    }
}
