package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The undo log's copies ({@link JobsTransaction}) are deep and complete: every stored field of a job, execution and
 * group survives {@code copy()}, and changing the original afterwards leaves the copy alone. A field added to one of
 * them without a value here fails the completeness check, so its copy cannot be forgotten.
 */
class JobsCopiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void assertEveryFieldSet(Object o) throws IllegalAccessException {
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || !Modifier.isPublic(f.getModifiers())) {
                continue;
            }
            Object v = f.get(o);
            assertThat(v).as(o.getClass().getSimpleName() + "." + f.getName() + " has a value in this test")
                    .isNotNull().isNotIn(0, 0L, false, "");
        }
    }

    @Test
    void jobCopies() throws Exception {
        Job j = new Job();
        j.jobId = "j";
        j.jobArn = "arn";
        j.description = "d";
        j.document = "{}";
        j.targets = new java.util.ArrayList<>(List.of("t"));
        j.targetSelection = "CONTINUOUS";
        j.status = JobStatus.CANCELED;
        j.forceCanceled = true;
        j.reasonCode = "R";
        j.comment = "c";
        j.createdAt = 1;
        j.lastUpdatedAt = 2;
        j.completedAt = 3L;
        j.inProgressTimeoutMinutes = 4L;
        j.presignedUrlConfig = JSON.readTree("{\"expiresInSec\":60}");
        j.jobExecutionsRolloutConfig = JSON.readTree("{\"maximumPerMinute\":10}");
        j.abortConfig = JSON.readTree("{\"criteriaList\":[]}");
        j.rolloutPending = new java.util.ArrayList<>(List.of("p"));
        j.rolloutWindowStart = 5;
        j.rolloutNotifiedInWindow = 6;
        j.rolloutRate = 7;
        j.rolloutNotifiedMark = 8;
        j.rolloutSucceededMark = 9;
        assertEveryFieldSet(j);
        Job c = j.copy();
        assertThat(JSON.writeValueAsString(c)).isEqualTo(JSON.writeValueAsString(j));
        j.targets.add("u");
        ((com.fasterxml.jackson.databind.node.ObjectNode) j.presignedUrlConfig).put("expiresInSec", 90);
        j.rolloutPending.add("q");
        ((com.fasterxml.jackson.databind.node.ObjectNode) j.jobExecutionsRolloutConfig).put("maximumPerMinute", 20);
        assertThat(c.targets).containsExactly("t");
        assertThat(c.rolloutPending).containsExactly("p");
        assertThat(c.jobExecutionsRolloutConfig.get("maximumPerMinute").asInt()).isEqualTo(10);
        assertThat(c.presignedUrlConfig.get("expiresInSec").asInt()).isEqualTo(60);
    }

    @Test
    void executionCopies() throws Exception {
        JobExecution e = new JobExecution();
        e.jobId = "j";
        e.thingName = "t";
        e.status = ExecutionStatus.IN_PROGRESS;
        e.statusDetails = new TreeMap<>(Map.of("k", "v"));
        e.queuedAt = 1;
        e.startedAt = 2L;
        e.lastUpdatedAt = 3;
        e.versionNumber = 4;
        e.executionNumber = 5;
        e.forceCanceled = true;
        e.stepDeadline = 6L;
        e.inProgressDeadline = 7L;
        e.record(8);
        assertEveryFieldSet(e);
        JobExecution c = e.copy();
        assertThat(JSON.writeValueAsString(c)).isEqualTo(JSON.writeValueAsString(e));
        e.statusDetails.put("k", "changed");
        e.history.get(0).statusDetails.put("k", "changed");
        e.record(9);
        assertThat(c.statusDetails).containsEntry("k", "v");
        assertThat(c.history).hasSize(1);
        assertThat(c.history.get(0).statusDetails).containsEntry("k", "v");
    }

    @Test
    void groupCopies() throws Exception {
        ThingGroup g = new ThingGroup();
        g.name = "g";
        g.id = "id";
        g.arn = "arn";
        g.description = "d";
        g.createdAt = 1;
        g.version = 2;
        g.things = new TreeSet<>(List.of("t"));
        assertEveryFieldSet(g);
        ThingGroup c = g.copy();
        assertThat(JSON.writeValueAsString(c)).isEqualTo(JSON.writeValueAsString(g));
        g.things.add("u");
        assertThat(c.things).containsExactly("t");
    }
}
