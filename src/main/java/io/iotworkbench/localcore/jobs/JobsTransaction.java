package io.iotworkbench.localcore.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One change of the jobs service in the making: it records what each touched object looked like before (the undo log),
 * which rows to write or delete (the write set) and the messages to send once the change is committed. Every
 * mutation of a job, execution or group goes through {@link #edit}, {@link #add} or a remove method first, so the
 * write set cannot miss an object and {@link #rollback()} can put memory back exactly as it was.
 *
 * <p>Not thread-safe: lives inside one {@link JobsState#write} call, under the state's lock.
 */
final class JobsTransaction {

    private final JobsState state;
    private final long lastExecutionNumberBefore;
    /** Key → the object's copy before this transaction, or null when it did not exist. */
    private final Map<String, Job> jobsBefore = new LinkedHashMap<>();
    private final Map<String, JobExecution> executionsBefore = new LinkedHashMap<>();
    private final Map<String, ThingGroup> groupsBefore = new LinkedHashMap<>();
    private final List<String> deletedJobs = new ArrayList<>();
    private final List<String> deletedGroups = new ArrayList<>();
    private final List<Outgoing> messages = new ArrayList<>();

    JobsTransaction(JobsState state) {
        this.state = state;
        this.lastExecutionNumberBefore = state.lastExecutionNumber;
    }

    /** Call before changing {@code job}; returns it. */
    Job edit(Job job) {
        remember(jobsBefore, job.jobId, state.jobs, Job::copy);
        return job;
    }

    /** Call before changing {@code e}; returns it. */
    JobExecution edit(JobExecution e) {
        remember(executionsBefore, JobsState.key(e.jobId, e.thingName), state.executions, JobExecution::copy);
        return e;
    }

    /** Call before changing {@code group}; returns it. */
    ThingGroup edit(ThingGroup group) {
        remember(groupsBefore, group.name, state.groups, ThingGroup::copy);
        return group;
    }

    void add(Job job) {
        remember(jobsBefore, job.jobId, state.jobs, Job::copy);
        state.jobs.put(job.jobId, job);
    }

    void add(JobExecution e) {
        String key = JobsState.key(e.jobId, e.thingName);
        remember(executionsBefore, key, state.executions, JobExecution::copy);
        state.executions.put(key, e);
    }

    void add(ThingGroup group) {
        remember(groupsBefore, group.name, state.groups, ThingGroup::copy);
        state.groups.put(group.name, group);
    }

    /** Removes the job and its executions from memory and deletes their rows. */
    void removeJob(Job job) {
        for (JobExecution e : state.executionsOf(job.jobId)) {
            String key = JobsState.key(e.jobId, e.thingName);
            remember(executionsBefore, key, state.executions, JobExecution::copy);
            state.executions.remove(key);
        }
        remember(jobsBefore, job.jobId, state.jobs, Job::copy);
        state.jobs.remove(job.jobId);
        deletedJobs.add(job.jobId);
    }

    void removeGroup(ThingGroup group) {
        remember(groupsBefore, group.name, state.groups, ThingGroup::copy);
        state.groups.remove(group.name);
        deletedGroups.add(group.name);
    }

    /** The next execution number (they count up across the whole service); given back on rollback. */
    long nextExecutionNumber() {
        return ++state.lastExecutionNumber;
    }

    /** Sends {@code payload} on {@code topic} after the commit (and never when it fails). */
    void publish(String topic, byte[] payload) {
        messages.add(new Outgoing(topic, payload));
    }

    List<Outgoing> messages() {
        return List.copyOf(messages);
    }

    /** The rows to write: every touched object that still exists, and the deletions. */
    JobsStore.Changes changes() {
        JobsStore.Changes c = new JobsStore.Changes();
        c.deletedJobs.addAll(deletedJobs);
        c.deletedGroups.addAll(deletedGroups);
        collect(jobsBefore, state.jobs, c.jobs);
        collect(executionsBefore, state.executions, c.executions);
        collect(groupsBefore, state.groups, c.groups);
        return c;
    }

    /** Puts memory back as it was before the transaction and forgets its messages. */
    void rollback() {
        restore(jobsBefore, state.jobs);
        restore(executionsBefore, state.executions);
        restore(groupsBefore, state.groups);
        state.lastExecutionNumber = lastExecutionNumberBefore;
        messages.clear();
    }

    private static <T> void remember(Map<String, T> before, String key, Map<String, T> live, UnaryOperator<T> copy) {
        if (!before.containsKey(key)) {
            T current = live.get(key);
            before.put(key, current == null ? null : copy.apply(current));
        }
    }

    private static <T> void collect(Map<String, T> before, Map<String, T> live, List<T> into) {
        for (String key : before.keySet()) {
            T now = live.get(key);
            if (now != null) {
                into.add(now);
            }
        }
    }

    private static <T> void restore(Map<String, T> before, Map<String, T> live) {
        before.forEach((key, old) -> {
            if (old == null) {
                live.remove(key);
            } else {
                live.put(key, old);
            }
        });
    }
}
