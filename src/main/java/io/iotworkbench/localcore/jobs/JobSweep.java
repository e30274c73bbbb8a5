package io.iotworkbench.localcore.jobs;

import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.jobs.JobsState.Committed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Function;

/**
 * One of the jobs' periodic sweeps ({@link JobTimeouts}, {@link JobRollouts}): its changes are one
 * {@link JobsState#write}, and their messages go out only after that commit; when the commit fails nothing changes
 * and nothing is sent, and the next sweep tries again. {@link #runSafely} is what {@link JobsThreads} runs once a
 * second: a failure is logged, never thrown into the scheduler (which would stop it).
 *
 * <p>Threading: any thread.
 */
final class JobSweep {

    private static final Logger LOG = LoggerFactory.getLogger(JobSweep.class);

    private final String what;
    private final JobsState state;
    private final JobsOutbox outbox;
    private final Function<JobsTransaction, Integer> work;

    /**
     * @param what  what the sweep stores, for the log ("Timed-out executions")
     * @param work  the sweep inside the write; returns how many things it changed
     */
    JobSweep(String what, JobsState state, JobsOutbox outbox, Function<JobsTransaction, Integer> work) {
        this.what = Objects.requireNonNull(what);
        this.state = Objects.requireNonNull(state);
        this.outbox = Objects.requireNonNull(outbox);
        this.work = Objects.requireNonNull(work);
    }

    /** Runs the sweep now; returns what it counted (0 when the commit failed). */
    int run() {
        Committed<Integer> done;
        try {
            done = state.write(work);
        } catch (AwsServiceException e) {
            LOG.warn("{} not stored, tried again in a second: {}", what, e.getMessage());
            return 0;
        }
        outbox.publish(done.messages());
        return done.value();
    }

    /** The scheduled sweep: a failure is logged, never thrown. */
    void runSafely() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("{} sweep failed: {}", what, e.getMessage(), e);
        }
    }
}
