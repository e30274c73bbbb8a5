package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotworkbench.localcore.jobs.JobsService;
import io.iotworkbench.localcore.jobs.StatusDetails;
import io.iotworkbench.localcore.jobs.ThingGroups;
import io.iotworkbench.localcore.ota.PresignedUrls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jobs and thing-group operations of the AWS IoT control plane (signing service {@code iot}) on the
 * {@link JobsService}: CreateJob, ListJobs, DescribeJob, GetJobDocument, CancelJob, DeleteJob,
 * ListJobExecutionsForJob, ListJobExecutionsForThing, DescribeJobExecution, CancelJobExecution, and CreateThingGroup,
 * DescribeThingGroup, DeleteThingGroup, ListThingGroups, ListThingsInThingGroup, ListThingGroupsForThing,
 * AddThingToThingGroup, RemoveThingFromThingGroup. {@code GET /things/{t}/jobs[/{j}]} are registered for the
 * {@code iot} service only, so the jobs data plane ({@link JobsDataPlaneRoutes}, {@code iot-jobs-data}) can own the
 * same paths.
 * Thread-safe (stateless over the service).
 */
public final class JobRoutes {

    private final JobsService jobs;

    public JobRoutes(JobsService jobs) {
        this.jobs = jobs;
    }

    public void register(Router router) {
        String s = ControlPlaneRoutes.SERVICE;
        ThingGroups groups = jobs.groups();
        router.add("PUT", "/jobs/{jobId}", s, this::createJob)
                .add("GET", "/jobs", s, r -> ApiResponse.json(jobs.listJobs(r.query("status"),
                        r.query("targetSelection"), r.query("thingGroupName"), r.query("nextToken"),
                        r.queryInt("maxResults"))))
                .add("GET", "/jobs/{jobId}", s, r -> ApiResponse.json(jobs.describeJob(r.label("jobId"))))
                .add("GET", "/jobs/{jobId}/job-document", s,
                        r -> ApiResponse.json(jobs.getJobDocument(r.label("jobId"))))
                .add("PUT", "/jobs/{jobId}/cancel", s, r -> ApiResponse.json(jobs.cancelJob(r.label("jobId"),
                        r.queryBoolean("force", false), r.jsonString("reasonCode"), r.jsonString("comment"))))
                .add("DELETE", "/jobs/{jobId}", s, r -> {
                    jobs.deleteJob(r.label("jobId"), r.queryBoolean("force", false));
                    return ApiResponse.empty();
                })
                .add("GET", "/jobs/{jobId}/things", s, r -> ApiResponse.json(jobs.listJobExecutionsForJob(
                        r.label("jobId"), r.query("status"), r.query("nextToken"), r.queryInt("maxResults"))))
                .add("GET", "/things/{thingName}/jobs", s, r -> ApiResponse.json(jobs.listJobExecutionsForThing(
                        r.label("thingName"), r.query("status"), r.query("nextToken"), r.queryInt("maxResults"))))
                .add("GET", "/things/{thingName}/jobs/{jobId}", s, r -> ApiResponse.json(jobs.describeJobExecution(
                        r.label("thingName"), r.label("jobId"), r.queryLong("executionNumber"))))
                .add("PUT", "/things/{thingName}/jobs/{jobId}/cancel", s, this::cancelJobExecution);
        router.add("POST", "/thing-groups/{thingGroupName}", s, r -> ApiResponse.json(groups.createThingGroup(
                        r.label("thingGroupName"), r.json().path("thingGroupProperties")
                                .path("thingGroupDescription").asText(null))))
                .add("GET", "/thing-groups/{thingGroupName}", s,
                        r -> ApiResponse.json(groups.describeThingGroup(r.label("thingGroupName"))))
                .add("DELETE", "/thing-groups/{thingGroupName}", s, r -> {
                    groups.deleteThingGroup(r.label("thingGroupName"));
                    return ApiResponse.empty();
                })
                .add("GET", "/thing-groups", s, r -> ApiResponse.json(groups.listThingGroups(
                        r.query("namePrefixFilter"), r.query("nextToken"), r.queryInt("maxResults"))))
                .add("GET", "/thing-groups/{thingGroupName}/things", s, r -> ApiResponse.json(
                        groups.listThingsInThingGroup(r.label("thingGroupName"), r.query("nextToken"),
                                r.queryInt("maxResults"))))
                .add("GET", "/things/{thingName}/thing-groups", s, r -> ApiResponse.json(
                        groups.listThingGroupsForThing(r.label("thingName"), r.query("nextToken"),
                                r.queryInt("maxResults"))))
                .add("PUT", "/thing-groups/addThingToThingGroup", s, r -> {
                    groups.addThingToThingGroup(groupName(r), thingName(r));
                    return ApiResponse.empty();
                })
                .add("PUT", "/thing-groups/removeThingFromThingGroup", s, r -> {
                    groups.removeThingFromThingGroup(groupName(r), thingName(r));
                    return ApiResponse.empty();
                });
    }

    private ApiResponse createJob(ApiRequest r) {
        JsonNode body = r.json();
        if (body.hasNonNull("documentSource")) {
            throw ControlPlaneJson.invalid("The Local IoT Core has no S3: pass the job document inline in "
                    + "'document' instead of 'documentSource'.");
        }
        List<String> targets = new ArrayList<>();
        JsonNode t = body.get("targets");
        if (t != null && t.isArray()) {
            t.forEach(n -> targets.add(n.asText()));
        }
        JsonNode timeout = body.path("timeoutConfig").get("inProgressTimeoutInMinutes");
        JsonNode presigned = body.get("presignedUrlConfig");
        JsonNode expires = presigned == null ? null : presigned.get("expiresInSec");
        if (expires != null && !expires.isNull() && (!expires.canConvertToLong()
                || expires.asLong() < PresignedUrls.MIN_EXPIRES_SECONDS
                || expires.asLong() > PresignedUrls.MAX_EXPIRES_SECONDS)) {
            throw ControlPlaneJson.invalid("presignedUrlConfig.expiresInSec must be between "
                    + PresignedUrls.MIN_EXPIRES_SECONDS + " and " + PresignedUrls.MAX_EXPIRES_SECONDS + " seconds.");
        }
        return ApiResponse.json(jobs.createJob(new JobsService.CreateJobRequest(r.label("jobId"), targets,
                r.jsonString("document"), r.jsonString("description"), r.jsonString("targetSelection"),
                timeout == null || timeout.isNull() ? null : timeout.asLong(),
                presigned == null || presigned.isNull() ? null : presigned, body.get("jobExecutionsRolloutConfig"),
                body.get("abortConfig"))));
    }

    private ApiResponse cancelJobExecution(ApiRequest r) {
        JsonNode body = r.json();
        JsonNode expected = body.get("expectedVersion");
        Map<String, String> details;
        try {
            details = StatusDetails.read(body.get("statusDetails"));
        } catch (IllegalArgumentException e) {
            throw ControlPlaneJson.invalid(e.getMessage());
        }
        jobs.cancelJobExecution(r.label("thingName"), r.label("jobId"), r.queryBoolean("force", false),
                expected == null || expected.isNull() ? null : expected.asLong(), details);
        return ApiResponse.empty();
    }

    private static String groupName(ApiRequest r) {
        String name = r.jsonString("thingGroupName");
        String arn = r.jsonString("thingGroupArn");
        if (name == null && arn != null) {
            name = arn.substring(arn.lastIndexOf('/') + 1);
        }
        return ControlPlaneJson.required(name, "thingGroupName");
    }

    private static String thingName(ApiRequest r) {
        String name = r.jsonString("thingName");
        String arn = r.jsonString("thingArn");
        if (name == null && arn != null) {
            name = arn.substring(arn.lastIndexOf('/') + 1);
        }
        return ControlPlaneJson.required(name, "thingName");
    }
}
