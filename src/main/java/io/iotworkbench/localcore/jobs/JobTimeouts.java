package io.iotworkbench.localcore.jobs;

import java.util.ArrayList;

/**
 * The jobs timers: every execution whose step timer or in-progress timer has run out (its deadline is before the
 * injected clock's now) becomes TIMED_OUT. Timers are deadlines stored on the execution, so they survive a restart;
 * {@link JobsThreads} runs {@link #sweep} once a second and tests call it after advancing their clock. When the
 * commit fails nothing changes and nothing is sent; the next sweep tries again ({@link JobSweep}).
 *
 * <p>Threading: any thread; one sweep is one {@link JobsState#write}.
 */
final class JobTimeouts {

    private final JobsState state;
    private final JobsLifecycle lifecycle;
    private final JobSweep sweep;

    JobTimeouts(JobsState state, JobsLifecycle lifecycle, JobsOutbox outbox) {
        this.state = state;
        this.lifecycle = lifecycle;
        this.sweep = new JobSweep("Timed-out executions", state, outbox, this::timeOutOverdue);
    }

    /** Times out every overdue execution; returns how many (0 when the commit failed). */
    int sweep() {
        return sweep.run();
    }

    /** The scheduled sweep: a failure is logged, never thrown into the scheduler (which would stop it). */
    void sweepSafely() {
        sweep.runSafely();
    }

    private int timeOutOverdue(JobsTransaction tx) {
        long now = lifecycle.now();
        int count = 0;
        for (JobExecution e : new ArrayList<>(state.executions.values())) {
            Long deadline = e.deadline();
            if (e.status == ExecutionStatus.IN_PROGRESS && deadline != null && deadline <= now) {
                lifecycle.move(tx, e, ExecutionStatus.TIMED_OUT, false, x -> { });
                count++;
            }
        }
        return count;
    }
}
