package io.iotworkbench.localcore.jobs;

import io.iotworkbench.localcore.LocalIoTCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.InvalidStateTransitionException;
import software.amazon.awssdk.services.iot.model.JobExecutionStatus;
import software.amazon.awssdk.services.iot.model.JobStatus;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.TargetSelection;
import software.amazon.awssdk.services.iot.model.VersionConflictException;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every jobs and thing-group control-plane operation through the unmodified SDK IotClient, including errors. */
@Tag("integration")
class JobsControlPlaneSdkTest {

    static final String DOC = "{\"steps\":[{\"action\":{\"name\":\"Reboot\"}}]}";

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private IotClient iot;
    private String arnPrefix;

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false));
        iot = IotClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "s")))
                .endpointOverride(URI.create(core.apiEndpoint())).httpClient(new io.iotworkbench.aws.JdkHttpTransport())
                .build();
        iot.createThing(r -> r.thingName("pump1"));
        iot.createThing(r -> r.thingName("pump2"));
        arnPrefix = "arn:aws:iot:us-east-1:000000000000:";
    }

    @AfterEach
    void stop() {
        iot.close();
        core.close();
    }

    @Test
    void createDescribeListAndDocument() {
        var created = iot.createJob(r -> r.jobId("j1").targets(arnPrefix + "thing/pump1", arnPrefix + "thing/pump2")
                .document(DOC).description("reboot").timeoutConfig(t -> t.inProgressTimeoutInMinutes(5L)));
        assertThat(created.jobArn()).isEqualTo(arnPrefix + "job/j1");
        assertThat(created.description()).isEqualTo("reboot");

        var job = iot.describeJob(r -> r.jobId("j1")).job();
        assertThat(job.status()).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(job.targetSelection()).isEqualTo(TargetSelection.SNAPSHOT);
        assertThat(job.targets()).hasSize(2);
        assertThat(job.jobProcessDetails().numberOfQueuedThings()).isEqualTo(2);
        assertThat(job.timeoutConfig().inProgressTimeoutInMinutes()).isEqualTo(5L);
        assertThat(job.createdAt()).isNotNull();

        assertThat(iot.getJobDocument(r -> r.jobId("j1")).document()).isEqualTo(DOC);
        assertThat(iot.listJobs(r -> r.maxResults(10)).jobs()).extracting(j -> j.jobId()).containsExactly("j1");
        assertThat(iot.listJobs(r -> r.status(JobStatus.COMPLETED)).jobs()).isEmpty();

        var forJob = iot.listJobExecutionsForJob(r -> r.jobId("j1")).executionSummaries();
        assertThat(forJob).extracting(s -> s.thingArn())
                .containsExactlyInAnyOrder(arnPrefix + "thing/pump1", arnPrefix + "thing/pump2");
        assertThat(forJob.get(0).jobExecutionSummary().status()).isEqualTo(JobExecutionStatus.QUEUED);
        var forThing = iot.listJobExecutionsForThing(r -> r.thingName("pump1")).executionSummaries();
        assertThat(forThing).extracting(s -> s.jobId()).containsExactly("j1");

        var exec = iot.describeJobExecution(r -> r.jobId("j1").thingName("pump1")).execution();
        assertThat(exec.status()).isEqualTo(JobExecutionStatus.QUEUED);
        assertThat(exec.versionNumber()).isEqualTo(1L);
        assertThat(exec.executionNumber()).isPositive();
        assertThat(exec.thingArn()).isEqualTo(arnPrefix + "thing/pump1");
    }

    @Test
    void pagingOfJobs() {
        for (int i = 0; i < 3; i++) {
            String id = "p" + i;
            iot.createJob(r -> r.jobId(id).targets(arnPrefix + "thing/pump1").document(DOC));
        }
        var first = iot.listJobs(r -> r.maxResults(2));
        assertThat(first.jobs()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        var second = iot.listJobs(r -> r.maxResults(2).nextToken(first.nextToken()));
        assertThat(second.jobs()).hasSize(1);
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void createErrors() {
        iot.createJob(r -> r.jobId("dup").targets(arnPrefix + "thing/pump1").document(DOC));
        assertThatThrownBy(() -> iot.createJob(r -> r.jobId("dup").targets(arnPrefix + "thing/pump1").document(DOC)))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThatThrownBy(() -> iot.createJob(r -> r.jobId("bad").targets(arnPrefix + "thing/pump1")
                .document("{not json")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> iot.createJob(r -> r.jobId("nothing").targets(arnPrefix + "thing/ghost")
                .document(DOC))).isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("ghost");
        assertThatThrownBy(() -> iot.createJob(r -> r.jobId("nogroup").targets(arnPrefix + "thinggroup/none")
                .document(DOC))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.createJob(r -> r.jobId("has space").targets(arnPrefix + "thing/pump1")
                .document(DOC))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> iot.createJob(r -> r.jobId("s3").targets(arnPrefix + "thing/pump1")
                .documentSource("https://bucket.s3.amazonaws.com/doc.json")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("inline");
        assertThatThrownBy(() -> iot.describeJob(r -> r.jobId("missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.describeJobExecution(r -> r.jobId("dup").thingName("pump2")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void cancelJobExecutionAndCancelJobAndDelete() {
        iot.createJob(r -> r.jobId("c1").targets(arnPrefix + "thing/pump1", arnPrefix + "thing/pump2").document(DOC));
        assertThatThrownBy(() -> iot.cancelJobExecution(r -> r.jobId("c1").thingName("pump1").expectedVersion(7L)))
                .isInstanceOf(VersionConflictException.class);
        iot.cancelJobExecution(r -> r.jobId("c1").thingName("pump1").statusDetails(Map.of("why", "test")));
        var exec = iot.describeJobExecution(r -> r.jobId("c1").thingName("pump1")).execution();
        assertThat(exec.status()).isEqualTo(JobExecutionStatus.CANCELED);
        assertThat(exec.statusDetails().detailsMap()).containsEntry("why", "test");
        assertThatThrownBy(() -> iot.cancelJobExecution(r -> r.jobId("c1").thingName("pump1")))
                .isInstanceOf(InvalidStateTransitionException.class).hasMessageContaining("terminal");

        assertThatThrownBy(() -> iot.deleteJob(r -> r.jobId("c1")))
                .isInstanceOf(InvalidStateTransitionException.class);
        var canceled = iot.cancelJob(r -> r.jobId("c1").reasonCode("OPERATOR").comment("enough"));
        assertThat(canceled.jobId()).isEqualTo("c1");
        var job = iot.describeJob(r -> r.jobId("c1")).job();
        assertThat(job.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(job.reasonCode()).isEqualTo("OPERATOR");
        assertThat(job.jobProcessDetails().numberOfCanceledThings()).isEqualTo(2);
        assertThatThrownBy(() -> iot.cancelJob(r -> r.jobId("c1").reasonCode("lower case")))
                .isInstanceOf(InvalidRequestException.class);

        iot.deleteJob(r -> r.jobId("c1"));
        assertThatThrownBy(() -> iot.describeJob(r -> r.jobId("c1"))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(iot.listJobExecutionsForThing(r -> r.thingName("pump1")).executionSummaries()).isEmpty();
        assertThatThrownBy(() -> iot.deleteJob(r -> r.jobId("c1"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void forceDeleteOfAnActiveJob() {
        iot.createJob(r -> r.jobId("f1").targets(arnPrefix + "thing/pump1").document(DOC));
        iot.deleteJob(r -> r.jobId("f1").force(true));
        assertThat(iot.listJobs(r -> r.maxResults(10)).jobs()).isEmpty();
    }

    @Test
    void thingGroupsAndContinuousJobs() {
        var group = iot.createThingGroup(r -> r.thingGroupName("pumps")
                .thingGroupProperties(p -> p.thingGroupDescription("all pumps")));
        assertThat(group.thingGroupArn()).isEqualTo(arnPrefix + "thinggroup/pumps");
        iot.createThingGroup(r -> r.thingGroupName("valves"));
        assertThat(iot.listThingGroups(r -> r.maxResults(10)).thingGroups()).extracting(g -> g.groupName())
                .containsExactly("pumps", "valves");
        iot.addThingToThingGroup(r -> r.thingGroupName("pumps").thingName("pump1"));
        assertThat(iot.listThingsInThingGroup(r -> r.thingGroupName("pumps")).things()).containsExactly("pump1");
        assertThat(iot.listThingGroupsForThing(r -> r.thingName("pump1")).thingGroups())
                .extracting(g -> g.groupName()).containsExactly("pumps");
        assertThat(iot.describeThingGroup(r -> r.thingGroupName("pumps")).thingGroupProperties()
                .thingGroupDescription()).isEqualTo("all pumps");
        assertThatThrownBy(() -> iot.addThingToThingGroup(r -> r.thingGroupName("none").thingName("pump1")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.addThingToThingGroup(r -> r.thingGroupName("pumps").thingName("ghost")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.listThingsInThingGroup(r -> r.thingGroupName("none")))
                .isInstanceOf(ResourceNotFoundException.class);

        iot.createJob(r -> r.jobId("snap").targets(group.thingGroupArn()).document(DOC));
        iot.createJob(r -> r.jobId("cont").targets(group.thingGroupArn()).document(DOC)
                .targetSelection(TargetSelection.CONTINUOUS));
        assertThat(iot.listJobs(r -> r.thingGroupName("pumps")).jobs()).hasSize(2);
        iot.addThingToThingGroup(r -> r.thingGroupArn(group.thingGroupArn()).thingName("pump2"));
        assertThat(iot.listJobExecutionsForJob(r -> r.jobId("cont")).executionSummaries()).hasSize(2);
        assertThat(iot.listJobExecutionsForJob(r -> r.jobId("snap")).executionSummaries()).hasSize(1);

        iot.removeThingFromThingGroup(r -> r.thingGroupName("pumps").thingName("pump2"));
        assertThat(iot.describeJobExecution(r -> r.jobId("cont").thingName("pump2")).execution().status())
                .isEqualTo(JobExecutionStatus.REMOVED);
        iot.deleteThingGroup(r -> r.thingGroupName("valves"));
        assertThat(iot.listThingGroups(r -> r.maxResults(10)).thingGroups()).hasSize(1);
    }
}
