package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.jobs.JobsState.Committed;
import io.iotworkbench.localcore.registry.Registry;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.iotworkbench.localcore.jobs.ControlPlaneSupport.invalid;
import static io.iotworkbench.localcore.jobs.ControlPlaneSupport.notFound;
import static io.iotworkbench.localcore.jobs.ControlPlaneSupport.page;

/**
 * Static thing groups, what jobs target: CreateThingGroup, DescribeThingGroup, DeleteThingGroup, ListThingGroups,
 * ListThingsInThingGroup, ListThingGroupsForThing, AddThingToThingGroup (a continuous job on the group queues an
 * execution for the new member) and RemoveThingFromThingGroup (its QUEUED executions of such jobs become REMOVED).
 *
 * <p>Threading: any thread; reads hold the {@link JobsState} lock, changes are one {@link JobsState#write} each
 * (commit-or-nothing) and send their messages after the commit. Membership changes then tell the registry's access
 * listeners (policies attached to a group apply to its things), outside the lock.
 */
public final class ThingGroups {

    private static final Pattern GROUP_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");

    private final JobsState state;
    private final JobsLifecycle lifecycle;
    private final JobRollouts rollouts;
    private final JobsOutbox outbox;
    private final Registry registry;

    ThingGroups(JobsState state, JobsLifecycle lifecycle, JobRollouts rollouts, JobsOutbox outbox,
                Registry registry) {
        this.rollouts = rollouts;
        this.state = state;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.registry = registry;
    }

    public String thingGroupArn(String name) {
        return ControlPlaneSupport.arn(registry, "thinggroup/" + name);
    }

    /** The group; the caller holds the state lock. */
    ThingGroup group(String name) {
        ThingGroup g = state.groups.get(name);
        if (g == null) {
            throw notFound("Thing group " + name + " does not exist.");
        }
        return g;
    }

    public ObjectNode createThingGroup(String name, String description) {
        if (name == null || !GROUP_NAME.matcher(name).matches()) {
            throw invalid("The thingGroupName must be 1-128 characters of a-z, A-Z, 0-9, ':', '_' or '-'.");
        }
        ThingGroup g = state.write(tx -> {
            ThingGroup existing = state.groups.get(name);
            if (existing != null) {
                if (!Objects.equals(existing.description, description)) {
                    throw new AwsServiceException(AwsErrorKind.RESOURCE_ALREADY_EXISTS, "Thing group " + name
                            + " already exists with different properties.");
                }
                return existing;
            }
            ThingGroup created = new ThingGroup();
            created.name = name;
            created.id = UUID.randomUUID().toString();
            created.arn = thingGroupArn(name);
            created.description = description;
            created.createdAt = lifecycle.now();
            tx.add(created);
            return created;
        }).value();
        return JobsJson.MAPPER.createObjectNode().put("thingGroupName", g.name).put("thingGroupArn", g.arn)
                .put("thingGroupId", g.id);
    }

    public ObjectNode describeThingGroup(String name) {
        return state.read(() -> JobsJson.group(group(name)));
    }

    /** Deletes the group (nothing happens when it does not exist, as on AWS). */
    public void deleteThingGroup(String name) {
        state.write(tx -> {
            ThingGroup g = state.groups.get(name);
            if (g != null) {
                tx.removeGroup(g);
            }
            return null;
        });
        registry.accessChanged();
    }

    public ObjectNode listThingGroups(String namePrefix, String nextToken, Integer maxResults) {
        return state.read(() -> {
            List<ThingGroup> list = state.groups.values().stream()
                    .filter(g -> namePrefix == null || g.name.startsWith(namePrefix)).toList();
            return groupList(list, nextToken, maxResults);
        });
    }

    public ObjectNode listThingsInThingGroup(String name, String nextToken, Integer maxResults) {
        return state.read(() -> {
            List<String> list = group(name).things.stream().filter(t -> registry.findThing(t).isPresent()).toList();
            ObjectNode n = JobsJson.MAPPER.createObjectNode();
            ArrayNode arr = n.putArray("things");
            page(list, nextToken, maxResults, n, arr::add);
            return n;
        });
    }

    public ObjectNode listThingGroupsForThing(String thingName, String nextToken, Integer maxResults) {
        return state.read(() -> groupList(state.groups.values().stream().filter(g -> g.things.contains(thingName))
                .toList(), nextToken, maxResults));
    }

    private static ObjectNode groupList(List<ThingGroup> list, String nextToken, Integer maxResults) {
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        ArrayNode arr = n.putArray("thingGroups");
        page(list, nextToken, maxResults, n, g -> arr.addObject().put("groupName", g.name).put("groupArn", g.arn));
        return n;
    }

    /** Whether a group of that name exists. */
    public boolean exists(String groupName) {
        return state.read(() -> state.groups.containsKey(groupName));
    }

    /** The names of the groups a thing belongs to. */
    public List<String> groupsOf(String thingName) {
        return state.read(() -> state.groups.values().stream().filter(g -> g.things.contains(thingName))
                .map(g -> g.name).toList());
    }

    /** Adds the thing to the group; continuous jobs targeting the group queue an execution for it. */
    public void addThingToThingGroup(String groupName, String thingName) {
        Committed<Void> done = state.write(tx -> {
            ThingGroup g = group(groupName);
            if (registry.findThing(thingName).isEmpty()) {
                throw notFound("Thing " + thingName + " does not exist.");
            }
            if (g.things.contains(thingName)) {
                return null;
            }
            tx.edit(g).things.add(thingName);
            g.version++;
            for (Job job : List.copyOf(state.jobs.values())) {
                if (job.isContinuous() && job.status == JobStatus.IN_PROGRESS && job.targets.contains(g.arn)
                        && state.execution(job.jobId, thingName) == null) {
                    rollouts.offer(tx, job, List.of(thingName));
                }
            }
            return null;
        });
        outbox.publish(done.messages());
        registry.accessChanged();
    }

    /** Removes the thing from the group; its QUEUED executions of continuous jobs on the group become REMOVED. */
    public void removeThingFromThingGroup(String groupName, String thingName) {
        Committed<Void> done = state.write(tx -> {
            ThingGroup g = group(groupName);
            if (!g.things.contains(thingName)) {
                return null;
            }
            tx.edit(g).things.remove(thingName);
            g.version++;
            for (Job job : List.copyOf(state.jobs.values())) {
                JobExecution e = state.execution(job.jobId, thingName);
                if (job.isContinuous() && job.targets.contains(g.arn) && e != null
                        && e.status == ExecutionStatus.QUEUED) {
                    lifecycle.move(tx, e, ExecutionStatus.REMOVED, false, x -> { });
                }
                if (job.isContinuous() && job.targets.contains(g.arn) && job.rolloutPending.contains(thingName)) {
                    tx.edit(job).rolloutPending.remove(thingName);
                }
            }
            return null;
        });
        outbox.publish(done.messages());
        registry.accessChanged();
    }
}
