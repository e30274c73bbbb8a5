package io.iotworkbench.localcore.jobs;

import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The jobs service's memory: jobs, executions and thing groups as {@link JobsStore} loaded them, the lookups every
 * part shares, and the one lock. Every change runs through {@link #write}: a {@link JobsTransaction} under the lock,
 * committed to SQLite in one database transaction, and undone in memory when anything fails, so a change is stored
 * and visible completely or not at all; its messages are handed back only after the commit.
 *
 * <p>Threading: every field is guarded by this object's monitor. Lookups expect the caller to hold it (inside
 * {@link #write} or {@link #read}).
 */
final class JobsState {

    /** A committed change: its result and the messages it left to send. */
    record Committed<T>(T value, List<Outgoing> messages) {
    }

    private static final Comparator<JobExecution> BY_NUMBER = Comparator.comparingLong(e -> e.executionNumber);

    final Map<String, Job> jobs = new LinkedHashMap<>();
    final Map<String, JobExecution> executions = new LinkedHashMap<>();
    final Map<String, ThingGroup> groups = new TreeMap<>();
    long lastExecutionNumber;
    private final JobsStore store;

    JobsState(JobsStore store) throws SQLException {
        this.store = store;
        JobsStore.Snapshot snapshot = store.load();
        snapshot.jobs().stream().sorted(Comparator.comparingLong(j -> j.createdAt)).forEach(j -> jobs.put(j.jobId, j));
        snapshot.executions().stream().sorted(BY_NUMBER).forEach(e -> executions.put(key(e.jobId, e.thingName), e));
        snapshot.groups().forEach(g -> groups.put(g.name, g));
        lastExecutionNumber = executions.values().stream().mapToLong(e -> e.executionNumber).max().orElse(0);
    }

    static String key(String jobId, String thingName) {
        return jobId + "\u0000" + thingName;
    }

    /**
     * Runs {@code work} in a transaction and commits it; when {@code work} throws or the commit fails, memory is put
     * back as it was and nothing is to be sent.
     *
     * @throws AwsServiceException INTERNAL_FAILURE when the database refused the commit
     */
    <T> Committed<T> write(Function<JobsTransaction, T> work) {
        synchronized (this) {
            JobsTransaction tx = new JobsTransaction(this);
            try {
                T value = work.apply(tx);
                store.write(tx.changes());
                return new Committed<>(value, tx.messages());
            } catch (SQLException e) {
                tx.rollback();
                throw new AwsServiceException(AwsErrorKind.INTERNAL_FAILURE, "The jobs store failed: "
                        + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                tx.rollback();
                throw e;
            }
        }
    }

    /** Runs {@code work} under the lock (reads only). */
    synchronized <T> T read(Supplier<T> work) {
        return work.get();
    }

    // ---------------------------------------------------------------- lookups (the caller holds the lock)

    JobExecution execution(String jobId, String thingName) {
        return executions.get(key(jobId, thingName));
    }

    /** The job's executions, oldest first. */
    List<JobExecution> executionsOf(String jobId) {
        List<JobExecution> list = new ArrayList<>();
        for (JobExecution e : executions.values()) {
            if (e.jobId.equals(jobId)) {
                list.add(e);
            }
        }
        list.sort(BY_NUMBER);
        return list;
    }

    /** The thing's executions, oldest first. */
    List<JobExecution> executionsOfThing(String thingName) {
        List<JobExecution> list = new ArrayList<>();
        for (JobExecution e : executions.values()) {
            if (e.thingName.equals(thingName)) {
                list.add(e);
            }
        }
        list.sort(BY_NUMBER);
        return list;
    }

    /** The thing's pending executions: IN_PROGRESS first, then QUEUED, each oldest first. */
    List<JobExecution> pending(String thingName) {
        List<JobExecution> list = new ArrayList<>();
        for (JobExecution e : executions.values()) {
            if (e.thingName.equals(thingName) && !e.status.isTerminal()) {
                list.add(e);
            }
        }
        list.sort(Comparator.comparing((JobExecution e) -> e.status != ExecutionStatus.IN_PROGRESS)
                .thenComparingLong(e -> e.queuedAt).thenComparing(BY_NUMBER));
        return list;
    }

    /** The thing's next pending execution (what {@code $next} names), or null. */
    JobExecution next(String thingName) {
        List<JobExecution> p = pending(thingName);
        return p.isEmpty() ? null : p.get(0);
    }

    static String idOf(JobExecution e) {
        return e == null ? null : e.jobId;
    }
}
