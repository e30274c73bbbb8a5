package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.ClientDelivery;
import io.iotworkbench.localcore.MessagePublisher;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.store.LocalCoreDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every change of the jobs service is commit-or-nothing: with SQLite refusing writes to the jobs tables (triggers that
 * RAISE(ABORT), a real database failure), each change fails with an internal error, leaves everything the service
 * shows exactly as it was and sends nothing; once the database accepts writes again the same change succeeds once and
 * survives a restart.
 */
class JobsCommitOrNothingTest {

    static final String DOC = "{\"steps\":[{\"action\":{\"name\":\"Reboot\"}}]}";
    static final String[] TABLES = {"jobs_jobs", "jobs_executions", "jobs_thing_groups"};

    /** Records what the service publishes and delivers (the broker's side, in-process). */
    static final class Outside implements MessagePublisher, ClientDelivery {
        final List<String> published = new CopyOnWriteArrayList<>();
        final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();

        @Override
        public void publish(String topic, byte[] payload, int qos, boolean retain) {
            published.add(topic);
        }

        @Override
        public boolean deliverTo(String clientId, String topic, byte[] payload, int qos) {
            delivered.add(clientId + " " + topic + " " + new String(payload, StandardCharsets.UTF_8));
            return true;
        }
    }

    @TempDir
    Path dir;

    private final AdjustableClock clock = new AdjustableClock();
    private final Outside outside = new Outside();
    private LocalCoreDatabase db;
    private Registry registry;
    private JobsService jobs;

    @BeforeEach
    void open() throws Exception {
        db = LocalCoreDatabase.open(dir);
        registry = new Registry(db, "us-east-1", Registry.DEFAULT_ACCOUNT, clock);
        registry.createThing("dev1", null, Map.of());
        registry.createThing("dev2", null, Map.of());
        jobs = new JobsService(db, registry, outside, outside, clock);
    }

    @AfterEach
    void close() {
        jobs.close();
        db.close();
    }

    private void restart() throws Exception {
        jobs.close();
        jobs = new JobsService(db, registry, outside, outside, clock);
    }

    private void failWrites() throws Exception {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String table : TABLES) {
                    for (String op : new String[] {"INSERT", "UPDATE", "DELETE"}) {
                        s.execute("CREATE TRIGGER fail_" + table + "_" + op + " BEFORE " + op + " ON " + table
                                + " BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
                    }
                }
            }
            return null;
        });
    }

    private void acceptWrites() throws Exception {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String table : TABLES) {
                    for (String op : new String[] {"INSERT", "UPDATE", "DELETE"}) {
                        s.execute("DROP TRIGGER fail_" + table + "_" + op);
                    }
                }
            }
            return null;
        });
    }

    private String arn(String thing) {
        return registry.thingArn(thing);
    }

    private void createJob(String id, List<String> targets, String selection, Long timeout) {
        jobs.createJob(new JobsService.CreateJobRequest(id, targets, DOC, null, selection, timeout, null));
    }

    /** Everything the service shows through its APIs, as one JSON text. */
    private String fingerprint() {
        ObjectNode f = JobsJson.MAPPER.createObjectNode();
        JsonNode list = jobs.listJobs(null, null, null, null, 250);
        f.set("jobs", list);
        for (JsonNode j : list.get("jobs")) {
            String id = j.get("jobId").asText();
            f.set("job " + id, jobs.describeJob(id));
            f.set("document " + id, jobs.getJobDocument(id));
        }
        for (String thing : List.of("dev1", "dev2")) {
            JsonNode executions = jobs.listJobExecutionsForThing(thing, null, null, 250);
            f.set("executions " + thing, executions);
            for (JsonNode e : executions.get("executionSummaries")) {
                String id = e.get("jobId").asText();
                f.set("execution " + thing + " " + id, jobs.describeJobExecution(thing, id, null));
                f.putPOJO("history " + thing + " " + id, jobs.history(thing, id).toString());
            }
            f.set("pending " + thing, jobs.deviceApi().getPendingJobExecutions(thing));
            f.putPOJO("groups of " + thing, jobs.groups().groupsOf(thing));
        }
        JsonNode groups = jobs.groups().listThingGroups(null, null, 250);
        f.set("groups", groups);
        for (JsonNode g : groups.get("thingGroups")) {
            String name = g.get("groupName").asText();
            f.set("group " + name, jobs.groups().describeThingGroup(name));
            f.set("members " + name, jobs.groups().listThingsInThingGroup(name, null, 250));
        }
        return f.toPrettyString();
    }

    /** Fails {@code change} with the database refusing writes, then checks that nothing changed or was sent. */
    private void failsLeavingNothing(Runnable change) throws Exception {
        String before = fingerprint();
        int published = outside.published.size();
        failWrites();
        assertThatThrownBy(change::run).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.kind()).isEqualTo(AwsErrorKind.INTERNAL_FAILURE));
        acceptWrites();
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(outside.published).hasSize(published);
        restart();
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void createJob() throws Exception {
        failsLeavingNothing(() -> createJob("j1", List.of(arn("dev1"), arn("dev2")), null, null));
        createJob("j1", List.of(arn("dev1"), arn("dev2")), null, null);
        assertThat(jobs.describeJobExecution("dev1", "j1", null).at("/execution/executionNumber").asLong())
                .as("the failed create gave its execution numbers back").isEqualTo(1);
        assertThat(outside.published).contains("$aws/things/dev1/jobs/notify-next");
    }

    @Test
    void cancelJobWithForce() throws Exception {
        createJob("j1", List.of(arn("dev1"), arn("dev2")), null, null);
        jobs.deviceApi().startNextPendingJobExecution("dev1", JobsJson.MAPPER.createObjectNode());
        failsLeavingNothing(() -> jobs.cancelJob("j1", true, "FAULTY", "rolled back"));
        jobs.cancelJob("j1", true, "FAULTY", "committed");
        restart();
        assertThat(jobs.describeJob("j1").at("/job/status").asText()).isEqualTo("CANCELED");
        assertThat(jobs.describeJobExecution("dev1", "j1", null).at("/execution/versionNumber").asLong())
                .isEqualTo(3);
    }

    @Test
    void deleteJob() throws Exception {
        createJob("j1", List.of(arn("dev1")), null, null);
        failsLeavingNothing(() -> jobs.deleteJob("j1", true));
        jobs.deleteJob("j1", true);
        restart();
        assertThat(jobs.listJobs(null, null, null, null, 10).get("jobs")).isEmpty();
    }

    @Test
    void cancelJobExecution() throws Exception {
        createJob("j1", List.of(arn("dev1")), null, null);
        failsLeavingNothing(() -> jobs.cancelJobExecution("dev1", "j1", false, 1L, Map.of("why", "test")));
        jobs.cancelJobExecution("dev1", "j1", false, 1L, Map.of("why", "test"));
        assertThat(jobs.describeJob("j1").at("/job/status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void thingGroupChanges() throws Exception {
        failsLeavingNothing(() -> jobs.groups().createThingGroup("pumps", "all pumps"));
        jobs.groups().createThingGroup("pumps", "all pumps");
        createJob("c1", List.of(jobs.groups().thingGroupArn("pumps")), "CONTINUOUS", null);
        failsLeavingNothing(() -> jobs.groups().addThingToThingGroup("pumps", "dev1"));
        jobs.groups().addThingToThingGroup("pumps", "dev1");
        assertThat(jobs.describeJobExecution("dev1", "c1", null).at("/execution/status").asText())
                .isEqualTo("QUEUED");
        failsLeavingNothing(() -> jobs.groups().removeThingFromThingGroup("pumps", "dev1"));
        jobs.groups().removeThingFromThingGroup("pumps", "dev1");
        assertThat(jobs.describeJobExecution("dev1", "c1", null).at("/execution/status").asText())
                .isEqualTo("REMOVED");
        failsLeavingNothing(() -> jobs.groups().deleteThingGroup("pumps"));
        jobs.groups().deleteThingGroup("pumps");
        assertThat(jobs.groups().listThingGroups(null, null, 10).get("thingGroups")).isEmpty();
    }

    @Test
    void deviceUpdatesOverHttps() throws Exception {
        createJob("j1", List.of(arn("dev1")), null, null);
        String before = fingerprint();
        int published = outside.published.size();
        failWrites();
        assertThatThrownBy(() -> jobs.deviceApi().startNextPendingJobExecution("dev1",
                JobsJson.MAPPER.readTree("{\"statusDetails\":{\"step\":\"1\"},\"stepTimeoutInMinutes\":5}")))
                .isInstanceOfSatisfying(JobsRejection.class,
                        e -> assertThat(e.code()).isEqualTo(JobsErrorCode.InternalError));
        assertThatThrownBy(() -> jobs.deviceApi().updateJobExecution("dev1", "j1",
                JobsJson.MAPPER.readTree("{\"status\":\"SUCCEEDED\"}")))
                .isInstanceOfSatisfying(JobsRejection.class,
                        e -> assertThat(e.code()).isEqualTo(JobsErrorCode.InternalError));
        acceptWrites();
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(outside.published).hasSize(published);
        JsonNode done = jobs.deviceApi().updateJobExecution("dev1", "j1",
                JobsJson.MAPPER.readTree("{\"status\":\"SUCCEEDED\",\"includeJobExecutionState\":true}"));
        assertThat(done.at("/executionState/versionNumber").asLong()).isEqualTo(2);
    }

    @Test
    void deviceUpdateOverMqttIsRejectedWithInternalError() throws Exception {
        createJob("j1", List.of(arn("dev1")), null, null);
        String before = fingerprint();
        int published = outside.published.size();
        failWrites();
        jobs.onClientPublish("dev1", "$aws/things/dev1/jobs/j1/update",
                "{\"status\":\"IN_PROGRESS\",\"clientToken\":\"t1\"}".getBytes(StandardCharsets.UTF_8), 1);
        String reply = outside.delivered.poll(60, TimeUnit.SECONDS);
        assertThat(reply).startsWith("dev1 $aws/things/dev1/jobs/j1/update/rejected ")
                .contains("\"code\":\"InternalError\"").contains("\"clientToken\":\"t1\"");
        acceptWrites();
        // the next request is answered after the first one finished on the same thread, publishing included
        jobs.onClientPublish("dev1", "$aws/things/dev1/jobs/get", new byte[0], 1);
        assertThat(outside.delivered.poll(60, TimeUnit.SECONDS)).contains("/jobs/get/accepted");
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(outside.published).hasSize(published);
    }

    @Test
    void timeoutSweepPublishesNothingWhenItCannotCommit() throws Exception {
        createJob("j1", List.of(arn("dev1")), null, 1L);
        jobs.deviceApi().startNextPendingJobExecution("dev1", JobsJson.MAPPER.createObjectNode());
        int published = outside.published.size();
        failWrites();
        clock.advance(Duration.ofMinutes(2));
        // the service's own once-a-second sweep fails here too, and must send nothing either
        String before = fingerprint();
        assertThat(jobs.sweepTimeouts()).isZero();
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(before).contains("\"status\" : \"IN_PROGRESS\"");
        assertThat(outside.published).hasSize(published);
        acceptWrites();
        jobs.sweepTimeouts(); // or the service's own sweep, whichever comes first
        assertThat(jobs.describeJobExecution("dev1", "j1", null).at("/execution/status").asText())
                .isEqualTo("TIMED_OUT");
        assertThat(outside.published).filteredOn("$aws/events/jobExecution/j1/timed_out"::equals).hasSize(1);
        restart();
        assertThat(jobs.describeJobExecution("dev1", "j1", null).at("/execution/status").asText())
                .isEqualTo("TIMED_OUT");
        assertThat(jobs.history("dev1", "j1")).extracting(JobsService.HistoryEntry::status)
                .containsExactly("QUEUED", "IN_PROGRESS", "TIMED_OUT");
    }
}
