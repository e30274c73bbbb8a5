package io.iotworkbench.localcore.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Job rollouts ({@link JobRolloutConfig}): a job's targets wait in {@link Job#rolloutPending} and get their execution
 * (QUEUED, with notify and notify-next) when the rollout releases them, at most the current rate per minute. Minutes
 * are counted from the job's creation on the injected clock; an exponential rate increases at the start of a minute
 * when its criteria were met. A job without a rollout config releases every target at once. The rollout state lives
 * on the {@link Job}, so a restart continues it; {@link JobsThreads} runs {@link #sweep} once a second and tests call
 * it after advancing their clock. Canceling the job drops the targets still waiting.
 *
 * <p>Threading: {@link #release} runs inside a {@link JobsState#write}; {@link #sweep} is one write of its own
 * ({@link JobSweep}).
 */
final class JobRollouts {

    private static final long MINUTE = 60_000;

    private final JobsState state;
    private final JobsLifecycle lifecycle;
    private final JobSweep sweep;

    JobRollouts(JobsState state, JobsLifecycle lifecycle, JobsOutbox outbox) {
        this.state = state;
        this.lifecycle = lifecycle;
        this.sweep = new JobSweep("Job rollout", state, outbox, this::releaseAll);
    }

    /** Adds {@code things} to the job's waiting targets and releases what the rollout allows now. */
    void offer(JobsTransaction tx, Job job, Collection<String> things) {
        tx.edit(job);
        for (String thing : things) {
            if (!job.rolloutPending.contains(thing)) {
                job.rolloutPending.add(thing);
            }
        }
        release(tx, job);
    }

    /** Queues the job's waiting targets the current minute still allows; returns how many. */
    int release(JobsTransaction tx, Job job) {
        if (job.rolloutPending.isEmpty() || job.status != JobStatus.IN_PROGRESS) {
            return 0;
        }
        JobRolloutConfig config = JobRolloutConfig.parse(job.jobExecutionsRolloutConfig);
        long now = lifecycle.now();
        int allowed;
        if (config == null) {
            allowed = job.rolloutPending.size();
        } else {
            if (job.rolloutRate == 0) {
                tx.edit(job);
                job.rolloutRate = config.initialRate();
                job.rolloutWindowStart = job.createdAt;
            }
            if (now - job.rolloutWindowStart >= MINUTE) {
                tx.edit(job);
                job.rolloutWindowStart += (now - job.rolloutWindowStart) / MINUTE * MINUTE;
                job.rolloutNotifiedInWindow = 0;
                increaseIfDue(job, config);
            }
            allowed = Math.max(0, job.rolloutRate - job.rolloutNotifiedInWindow);
        }
        int n = Math.min(allowed, job.rolloutPending.size());
        if (n == 0) {
            return 0;
        }
        tx.edit(job);
        List<String> released = new ArrayList<>(job.rolloutPending.subList(0, n));
        job.rolloutPending.subList(0, n).clear();
        job.rolloutNotifiedInWindow += n;
        for (String thing : released) {
            if (state.execution(job.jobId, thing) == null) {
                lifecycle.queue(tx, job, thing);
            }
        }
        return n;
    }

    private void increaseIfDue(Job job, JobRolloutConfig config) {
        List<JobExecution> executions = state.executionsOf(job.jobId);
        int notified = executions.size();
        int succeeded = (int) executions.stream().filter(e -> e.status == ExecutionStatus.SUCCEEDED).count();
        if (config.increaseDue(notified - job.rolloutNotifiedMark, succeeded - job.rolloutSucceededMark)) {
            job.rolloutRate = config.increased(job.rolloutRate);
            job.rolloutNotifiedMark = notified;
            job.rolloutSucceededMark = succeeded;
        }
    }

    /** Releases what every rolling-out job may release now; returns how many things were notified. */
    int sweep() {
        return sweep.run();
    }

    /** The scheduled sweep: a failure is logged, never thrown into the scheduler (which would stop it). */
    void sweepSafely() {
        sweep.runSafely();
    }

    private int releaseAll(JobsTransaction tx) {
        int count = 0;
        for (Job job : new ArrayList<>(state.jobs.values())) {
            count += release(tx, job);
        }
        return count;
    }
}
