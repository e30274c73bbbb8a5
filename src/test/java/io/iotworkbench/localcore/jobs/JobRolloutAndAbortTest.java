package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.store.LocalCoreDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Job rollouts and aborts acted on, on an advancing clock (no sleeps): a constant rate notifies at most
 * maximumPerMinute things a minute, an exponential rate grows by its factor when its criteria are met and stops at
 * maximumPerMinute, abort criteria cancel the job (its queued executions and the targets not notified yet) with the
 * reason, the rollout survives a restart, and bad configs are refused with one sentence.
 */
class JobRolloutAndAbortTest {

    static final String DOC = "{\"steps\":[{\"action\":{\"name\":\"Reboot\"}}]}";
    static final int THINGS = 7;

    @TempDir
    Path dir;

    private final AdjustableClock clock = new AdjustableClock();
    private final JobsCommitOrNothingTest.Outside outside = new JobsCommitOrNothingTest.Outside();
    private LocalCoreDatabase db;
    private Registry registry;
    private JobsService jobs;

    @BeforeEach
    void open() throws Exception {
        db = LocalCoreDatabase.open(dir);
        registry = new Registry(db, "us-east-1", Registry.DEFAULT_ACCOUNT, clock);
        for (int i = 1; i <= THINGS; i++) {
            registry.createThing("dev" + i, null, Map.of());
        }
        jobs = new JobsService(db, registry, outside, outside, clock);
    }

    @AfterEach
    void close() {
        jobs.close();
        db.close();
    }

    private List<String> targets(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(registry.thingArn("dev" + i));
        }
        return out;
    }

    private static JsonNode json(String s) throws Exception {
        return JobsJson.MAPPER.readTree(s);
    }

    private void create(String id, int things, String rollout, String abort) throws Exception {
        jobs.createJob(new JobsService.CreateJobRequest(id, targets(things), DOC, null, null, null, null,
                rollout == null ? null : json(rollout), abort == null ? null : json(abort)));
    }

    private int notified(String jobId) {
        return jobs.listJobExecutionsForJob(jobId, null, null, 250).path("executionSummaries").size();
    }

    /** Moves the clock on and lets the rollout release what it may. */
    private int after(Duration d, String jobId) {
        clock.advance(d);
        jobs.sweepRollouts();
        return notified(jobId);
    }

    private String status(String jobId, String thing) {
        return jobs.describeJobExecution(thing, jobId, null).path("execution").path("status").asText();
    }

    private void device(String thing, String jobId, String status) throws Exception {
        jobs.deviceApi().updateJobExecution(thing, jobId, json("{\"status\":\"" + status + "\"}"));
    }

    @Test
    void constantRateNotifiesAtMostMaximumPerMinute() throws Exception {
        create("const", 5, "{\"maximumPerMinute\":2}", null);

        assertThat(notified("const")).isEqualTo(2);
        assertThat(outside.published).filteredOn(t -> t.endsWith("/notify-next")).hasSize(2);
        assertThat(after(Duration.ofSeconds(30), "const")).as("still the first minute").isEqualTo(2);
        assertThat(after(Duration.ofSeconds(30), "const")).isEqualTo(4);
        assertThat(after(Duration.ofSeconds(59), "const")).isEqualTo(4);
        assertThat(after(Duration.ofSeconds(1), "const")).isEqualTo(5);

        ObjectNode job = jobs.describeJob("const");
        assertThat(job.path("job").path("jobExecutionsRolloutConfig").path("maximumPerMinute").asInt()).isEqualTo(2);
        assertThat(job.path("job").path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void snapshotJobCompletesOnlyOnceEveryTargetWasNotified() throws Exception {
        create("wait", 2, "{\"maximumPerMinute\":1}", null);
        device("dev1", "wait", "SUCCEEDED");
        assertThat(jobs.describeJob("wait").path("job").path("status").asText())
                .as("dev2 has not been notified yet").isEqualTo("IN_PROGRESS");

        after(Duration.ofMinutes(1), "wait");
        device("dev2", "wait", "SUCCEEDED");
        assertThat(jobs.describeJob("wait").path("job").path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void exponentialRateGrowsWithNotifiedThingsUpToTheMaximum() throws Exception {
        create("exp", THINGS, "{\"maximumPerMinute\":3,\"exponentialRate\":{\"baseRatePerMinute\":1,"
                + "\"incrementFactor\":2,\"rateIncreaseCriteria\":{\"numberOfNotifiedThings\":1}}}", null);

        assertThat(notified("exp")).isEqualTo(1);
        assertThat(after(Duration.ofMinutes(1), "exp")).as("rate 2").isEqualTo(3);
        assertThat(after(Duration.ofMinutes(1), "exp")).as("rate 4, capped at 3").isEqualTo(6);
        assertThat(after(Duration.ofMinutes(1), "exp")).isEqualTo(7);
    }

    @Test
    void exponentialRateGrowsOnlyWhenThingsSucceed() throws Exception {
        create("succ", THINGS, "{\"exponentialRate\":{\"baseRatePerMinute\":1,\"incrementFactor\":1.5,"
                + "\"rateIncreaseCriteria\":{\"numberOfSucceededThings\":1}}}", null);

        assertThat(notified("succ")).isEqualTo(1);
        assertThat(after(Duration.ofMinutes(1), "succ")).as("nothing succeeded: still 1 a minute").isEqualTo(2);
        device("dev1", "succ", "SUCCEEDED");
        assertThat(after(Duration.ofMinutes(1), "succ")).as("1 x 1.5 rounded up: 2 a minute").isEqualTo(4);
        assertThat(after(Duration.ofMinutes(1), "succ")).as("no new success: still 2").isEqualTo(6);
    }

    @Test
    void abortCriteriaCancelTheJobWithTheReason() throws Exception {
        create("abort", 4, null, "{\"criteriaList\":[{\"failureType\":\"FAILED\",\"action\":\"CANCEL\","
                + "\"thresholdPercentage\":50,\"minNumberOfExecutedThings\":2}]}");
        jobs.deviceApi().startNextPendingJobExecution("dev4", json("{}"));

        device("dev1", "abort", "FAILED");
        assertThat(jobs.describeJob("abort").path("job").path("status").asText())
                .as("1 executed thing is below the minimum of 2").isEqualTo("IN_PROGRESS");
        device("dev2", "abort", "SUCCEEDED");

        JsonNode job = jobs.describeJob("abort").path("job");
        assertThat(job.path("status").asText()).isEqualTo("CANCELED");
        assertThat(job.path("reasonCode").asText()).isEqualTo(JobsLifecycle.ABORT_REASON);
        assertThat(job.path("comment").asText()).contains("1 of 2 executed things failed").contains("50% threshold");
        assertThat(job.path("abortConfig").path("criteriaList").get(0).path("failureType").asText())
                .isEqualTo("FAILED");
        assertThat(status("abort", "dev3")).isEqualTo("CANCELED");
        assertThat(status("abort", "dev4")).as("in progress, not forced").isEqualTo("IN_PROGRESS");
        assertThat(outside.published).contains("$aws/events/job/abort/canceled");
    }

    @Test
    void allCountsRejectionsAndBelowTheThresholdNothingHappens() throws Exception {
        create("all", 4, null, "{\"criteriaList\":[{\"failureType\":\"ALL\",\"action\":\"CANCEL\","
                + "\"thresholdPercentage\":66.67,\"minNumberOfExecutedThings\":3}]}");
        device("dev1", "all", "REJECTED");
        device("dev2", "all", "SUCCEEDED");
        device("dev3", "all", "SUCCEEDED");
        assertThat(jobs.describeJob("all").path("job").path("status").asText()).as("33% < 66.67%")
                .isEqualTo("IN_PROGRESS");
        device("dev4", "all", "FAILED");
        assertThat(jobs.describeJob("all").path("job").path("status").asText()).as("50% < 66.67%")
                .isEqualTo("COMPLETED");
    }

    @Test
    void anAbortDropsTheTargetsTheRolloutHasNotNotified() throws Exception {
        create("both", THINGS, "{\"maximumPerMinute\":2}", "{\"criteriaList\":[{\"failureType\":\"REJECTED\","
                + "\"action\":\"CANCEL\",\"thresholdPercentage\":100,\"minNumberOfExecutedThings\":1}]}");
        device("dev1", "both", "REJECTED");

        assertThat(jobs.describeJob("both").path("job").path("status").asText()).isEqualTo("CANCELED");
        assertThat(after(Duration.ofMinutes(5), "both")).as("nobody else is notified").isEqualTo(2);
        assertThat(status("both", "dev2")).isEqualTo("CANCELED");
    }

    @Test
    void theRolloutContinuesAfterARestart() throws Exception {
        create("durable", 3, "{\"maximumPerMinute\":1}", null);
        jobs.close();
        jobs = new JobsService(db, registry, outside, outside, clock);

        assertThat(notified("durable")).isEqualTo(1);
        assertThat(after(Duration.ofMinutes(1), "durable")).isEqualTo(2);
        assertThat(jobs.describeJob("durable").path("job").path("jobExecutionsRolloutConfig").path(
                "maximumPerMinute").asInt()).isEqualTo(1);
    }

    @Test
    void badConfigsAreRefusedWithOneSentence() {
        assertThatThrownBy(() -> create("b1", 1, "{\"maximumPerMinute\":0}", null))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AwsErrorKind.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("maximumPerMinute must be a whole number from 1 to 1000");
                });
        assertThatThrownBy(() -> create("b2", 1, "{\"exponentialRate\":{\"baseRatePerMinute\":5,"
                + "\"incrementFactor\":1.55,\"rateIncreaseCriteria\":{\"numberOfNotifiedThings\":1}}}", null))
                .hasMessageContaining("incrementFactor");
        assertThatThrownBy(() -> create("b3", 1, null, "{\"criteriaList\":[{\"failureType\":\"FAILED\","
                + "\"action\":\"STOP\",\"thresholdPercentage\":5,\"minNumberOfExecutedThings\":1}]}"))
                .hasMessageContaining("action must be CANCEL");
        assertThatThrownBy(() -> create("b4", 1, null, "{\"criteriaList\":[{\"failureType\":\"FAILED\","
                + "\"action\":\"CANCEL\",\"thresholdPercentage\":10.999,\"minNumberOfExecutedThings\":1}]}"))
                .hasMessageContaining("thresholdPercentage");
        assertThat(jobs.listJobs(null, null, null, null, null).path("jobs")).isEmpty();
    }
}
