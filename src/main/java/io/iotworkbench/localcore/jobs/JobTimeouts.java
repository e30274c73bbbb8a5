package io.iotworkbench.localcore.jobs;

import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.jobs.JobsState.Committed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;

/**
 * The jobs timers: every execution whose step timer or in-progress timer has run out (its deadline is before the
 * injected clock's now) becomes TIMED_OUT. Timers are deadlines stored on the execution, so they survive a restart;
 * {@link JobsThreads} runs {@link #sweep} once a second and tests call it after advancing their clock. When the
 * commit fails nothing changes and nothing is sent; the next sweep tries again.
 *
 * <p>Threading: any thread; one sweep is one {@link JobsState#write}.
 */
final class JobTimeouts {

    private static final Logger LOG = LoggerFactory.getLogger(JobTimeouts.class);

    private final JobsState state;
    private final JobsLifecycle lifecycle;
    private final JobsOutbox outbox;

    JobTimeouts(JobsState state, JobsLifecycle lifecycle, JobsOutbox outbox) {
        this.state = state;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
    }

    /** Times out every overdue execution; returns how many (0 when the commit failed). */
    int sweep() {
        Committed<Integer> done;
        try {
            done = state.write(tx -> {
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
            });
        } catch (AwsServiceException e) {
            LOG.warn("Timed-out executions not stored, tried again in a second: {}", e.getMessage());
            return 0;
        }
        outbox.publish(done.messages());
        return done.value();
    }

    /** The scheduled sweep: a failure is logged, never thrown into the scheduler (which would stop it). */
    void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("Jobs timer sweep failed: {}", e.getMessage(), e);
        }
    }
}
