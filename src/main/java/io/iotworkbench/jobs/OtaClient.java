package io.iotworkbench.jobs;

import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.JobExecutionStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * OTA updates through the AWS SDK {@link IotClient} (the Local IoT Core's control plane or a real account, the same
 * calls): resolves targets to ARNs, creates the update, reads the job's executions, cancels a device's execution or
 * the whole update.
 *
 * <p>Blocking; call off the FX thread. Thread-safe as the {@link IotClient} is.
 */
public final class OtaClient {

    private final IotClient iot;
    private final JobsClient jobs;

    public OtaClient(IotClient iot) {
        this.iot = iot;
        this.jobs = new JobsClient(iot);
    }

    /** Thing and thing-group names to their ARNs (DescribeThing, DescribeThingGroup). */
    public List<String> targetArns(List<String> things, List<String> groups) {
        List<String> out = new ArrayList<>();
        for (String t : things) {
            out.add(iot.describeThing(r -> r.thingName(t)).thingArn());
        }
        for (String g : groups) {
            out.add(iot.describeThingGroup(r -> r.thingGroupName(g)).thingGroupArn());
        }
        return out;
    }

    /** CreateOTAUpdate; returns the job id AWS made for it. */
    public String create(OtaUpdatePlan plan) {
        return iot.createOTAUpdate(plan.toRequest()).awsIotJobId();
    }

    /** The update's status (CREATE_PENDING, CREATE_IN_PROGRESS, CREATE_COMPLETE, CREATE_FAILED) and any error. */
    public String status(String otaUpdateId) {
        var info = iot.getOTAUpdate(r -> r.otaUpdateId(otaUpdateId)).otaUpdateInfo();
        String status = info.otaUpdateStatusAsString();
        return info.errorInfo() == null || info.errorInfo().message() == null ? status
                : status + ": " + info.errorInfo().message();
    }

    /** The update's job: its status and, when canceled or aborted, why (DescribeJob). */
    public OtaJobState jobState(String jobId) {
        var job = iot.describeJob(r -> r.jobId(jobId)).job();
        return new OtaJobState(job.statusAsString(), job.reasonCode(), job.comment());
    }

    public List<ExecutionInfo> executions(String jobId) {
        return jobs.executions(jobId);
    }

    /** Cancels one device's execution (force when it is in progress, as AWS requires). */
    public void cancelDevice(String jobId, String thingName, boolean inProgress) {
        iot.cancelJobExecution(r -> r.jobId(jobId).thingName(thingName).force(inProgress));
    }

    /** Cancels the update's job, in-progress executions too. */
    public void cancelUpdate(String jobId) {
        jobs.cancel(jobId, true);
    }

    /** Whether the status is one AWS lets a device still change. */
    public static boolean active(String status) {
        return JobExecutionStatus.QUEUED.toString().equals(status)
                || JobExecutionStatus.IN_PROGRESS.toString().equals(status);
    }

    public List<String> thingNames() {
        return jobs.thingNames();
    }

    public List<String> groupNames() {
        return jobs.groupNames();
    }
}
