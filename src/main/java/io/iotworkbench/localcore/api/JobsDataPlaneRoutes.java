package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.jobs.JobsDeviceApi;
import io.iotworkbench.localcore.jobs.JobsRejection;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The Jobs HTTPS data plane ({@code iot-jobs-data}, what the AWS SDKs' IoT Jobs data-plane clients and
 * {@code aws iot-jobs-data} call) on the {@link JobsDeviceApi}, the same code the MQTT jobs API runs:
 * GetPendingJobExecutions ({@code GET /things/{thingName}/jobs}), StartNextPendingJobExecution
 * ({@code PUT /things/{thingName}/jobs/$next}), DescribeJobExecution ({@code GET /things/{thingName}/jobs/{jobId}},
 * {@code jobId} may be {@code $next}) and UpdateJobExecution ({@code POST /things/{thingName}/jobs/{jobId}}). Every
 * route is registered for signing service {@value #SERVICE}; the two GET paths are also the control plane's
 * ({@link JobRoutes}, service {@code iot}), and the request's credential scope picks one. A refused request answers
 * with the code's exception ({@link io.iotworkbench.localcore.jobs.JobsErrorCode#httpException()}), with
 * {@code executionState} for InvalidStateTransition and VersionMismatch as over MQTT.
 *
 * <p>Stateless; handlers run on the API server's threads and call the thread-safe device API.
 */
public final class JobsDataPlaneRoutes {

    public static final String SERVICE = "iot-jobs-data";

    private final JobsDeviceApi api;

    public JobsDataPlaneRoutes(JobsDeviceApi api) {
        this.api = api;
    }

    public void register(Router router) {
        router.add("GET", "/things/{thingName}/jobs", SERVICE, r -> answer(
                        () -> api.getPendingJobExecutions(r.label("thingName"))))
                .add("PUT", "/things/{thingName}/jobs/$next", SERVICE, r -> answer(
                        () -> api.startNextPendingJobExecution(r.label("thingName"), r.json())))
                .add("GET", "/things/{thingName}/jobs/{jobId}", SERVICE, r -> answer(
                        () -> api.describeJobExecution(r.label("thingName"), r.label("jobId"),
                                r.queryLong("executionNumber"), r.queryBoolean("includeJobDocument", false))))
                .add("POST", "/things/{thingName}/jobs/{jobId}", SERVICE, r -> answer(
                        () -> api.updateJobExecution(r.label("thingName"), r.label("jobId"), r.json())));
    }

    private static ApiResponse answer(Supplier<ObjectNode> call) {
        try {
            return ApiResponse.json(call.get());
        } catch (JobsRejection e) {
            ObjectNode body = ApiResponse.object().put("__type", e.code().httpException())
                    .put("message", e.getMessage());
            ObjectNode state = e.executionState();
            if (state != null) {
                body.set("executionState", state);
            }
            ApiResponse json = ApiResponse.json(body);
            return new ApiResponse(e.code().httpStatus(), ApiResponse.JSON,
                    Map.of(ApiResponse.ERROR_TYPE_HEADER, e.code().httpException()), json.body());
        }
    }
}
