package io.iotworkbench.jobs;

import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.DescribeJobResponse;
import software.amazon.awssdk.services.iot.model.JobExecutionSummaryForJob;
import software.amazon.awssdk.services.iot.model.TargetSelection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs operations the Jobs pane needs, over an AWS SDK {@link IotClient} (the Local IoT Core's or a real
 * account's): list with per-status counts, executions with details, create, cancel, delete, and the things and
 * groups a job can target. Blocking: call off the FX thread. Thread-safe (the client is).
 */
public final class JobsClient {

    private final IotClient iot;

    public JobsClient(IotClient iot) {
        this.iot = iot;
    }

    /** Up to {@code limit} jobs, newest first as the service lists them, each with its execution counts. */
    public List<JobSummary> listJobs(int limit) {
        List<JobSummary> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            var page = iot.listJobs(r -> r.maxResults(Math.min(250, limit)).nextToken(t));
            for (var j : page.jobs()) {
                if (out.size() >= limit) {
                    return out;
                }
                DescribeJobResponse d = iot.describeJob(r -> r.jobId(j.jobId()));
                out.add(new JobSummary(j.jobId(), j.statusAsString(), j.targetSelectionAsString(), j.createdAt(),
                        d.job().description(), counts(d)));
            }
            token = page.nextToken();
        } while (token != null && out.size() < limit);
        return out;
    }

    private static Map<String, Integer> counts(DescribeJobResponse d) {
        Map<String, Integer> m = new LinkedHashMap<>();
        var p = d.job().jobProcessDetails();
        if (p == null) {
            return m;
        }
        put(m, "QUEUED", p.numberOfQueuedThings());
        put(m, "IN_PROGRESS", p.numberOfInProgressThings());
        put(m, "SUCCEEDED", p.numberOfSucceededThings());
        put(m, "FAILED", p.numberOfFailedThings());
        put(m, "TIMED_OUT", p.numberOfTimedOutThings());
        put(m, "REJECTED", p.numberOfRejectedThings());
        put(m, "CANCELED", p.numberOfCanceledThings());
        put(m, "REMOVED", p.numberOfRemovedThings());
        return m;
    }

    private static void put(Map<String, Integer> m, String k, Integer v) {
        m.put(k, v == null ? 0 : v);
    }

    /** The job's executions with their status details (one DescribeJobExecution each). */
    public List<ExecutionInfo> executions(String jobId) {
        List<ExecutionInfo> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            var page = iot.listJobExecutionsForJob(r -> r.jobId(jobId).maxResults(250).nextToken(t));
            for (JobExecutionSummaryForJob s : page.executionSummaries()) {
                String thing = s.thingArn().substring(s.thingArn().lastIndexOf('/') + 1);
                var e = iot.describeJobExecution(r -> r.jobId(jobId).thingName(thing)).execution();
                Map<String, String> details = e.statusDetails() == null || e.statusDetails().detailsMap() == null
                        ? Map.of() : e.statusDetails().detailsMap();
                out.add(new ExecutionInfo(thing, e.statusAsString(), e.versionNumber() == null ? 0 : e.versionNumber(),
                        e.executionNumber() == null ? 0 : e.executionNumber(), details,
                        e.lastUpdatedAt() == null ? Instant.EPOCH : e.lastUpdatedAt()));
            }
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    public String create(JobSpec spec) {
        List<String> targets = new ArrayList<>();
        for (String thing : spec.things()) {
            targets.add(iot.describeThing(r -> r.thingName(thing)).thingArn());
        }
        for (String group : spec.groups()) {
            targets.add(iot.describeThingGroup(r -> r.thingGroupName(group)).thingGroupArn());
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one thing or thing group as a target.");
        }
        var response = iot.createJob(r -> {
            r.jobId(spec.jobId()).targets(targets).document(spec.document())
                    .targetSelection(spec.continuous() ? TargetSelection.CONTINUOUS : TargetSelection.SNAPSHOT);
            if (spec.description() != null && !spec.description().isBlank()) {
                r.description(spec.description());
            }
            if (spec.inProgressTimeoutMinutes() != null) {
                r.timeoutConfig(t -> t.inProgressTimeoutInMinutes(spec.inProgressTimeoutMinutes()));
            }
            if (spec.presignedUrlRoleArn() != null && !spec.presignedUrlRoleArn().isBlank()) {
                r.presignedUrlConfig(p -> p.roleArn(spec.presignedUrlRoleArn()).expiresInSec(3600L));
            }
        });
        return response.jobArn();
    }

    public void cancel(String jobId, boolean force) {
        iot.cancelJob(r -> r.jobId(jobId).force(force).comment("Canceled from IoT Workbench"));
    }

    public void delete(String jobId, boolean force) {
        iot.deleteJob(r -> r.jobId(jobId).force(force));
    }

    /** Thing names, up to 250. */
    public List<String> thingNames() {
        return iot.listThings(r -> r.maxResults(250)).things().stream().map(t -> t.thingName()).toList();
    }

    /** Thing group names, up to 250. */
    public List<String> groupNames() {
        return iot.listThingGroups(r -> r.maxResults(250)).thingGroups().stream().map(g -> g.groupName()).toList();
    }
}
