package io.iotworkbench.localcore.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The headless core's {@code decisions.ndjson}: one JSON line per denial, allowed decisions skipped, rotation. */
class DecisionFileTest {

    @TempDir
    Path dir;

    private static AccessDecision decision(AccessDecision.Verdict verdict, String resource) {
        return new AccessDecision(Instant.parse("2026-01-01T00:00:00Z"), "abc", "dev", "dev", "iot:Publish",
                resource, verdict, verdict == AccessDecision.Verdict.IMPLICIT_DENY ? null : "P", "1", 0,
                "{\"Statement\":[]}", Map.of("iot:ClientId", "dev"), "why");
    }

    @Test
    void writesOneLinePerDenialAndRotates() throws Exception {
        DecisionLog log = new DecisionLog();
        Path file = dir.resolve("decisions.ndjson");
        try (DecisionFile f = DecisionFile.follow(log, file, 600)) {
            log.record(decision(AccessDecision.Verdict.ALLOWED, "topic/ok"));
            log.record(decision(AccessDecision.Verdict.EXPLICIT_DENY, "topic/a"));
            log.record(decision(AccessDecision.Verdict.IMPLICIT_DENY, "topic/b"));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file)
                    && Files.readAllLines(file).size() >= 2);
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(2);
            JsonNode first = new ObjectMapper().readTree(lines.get(0));
            assertThat(first.get("decision").asText()).isEqualTo("EXPLICIT_DENY");
            assertThat(first.get("resource").asText()).isEqualTo("topic/a");
            assertThat(first.get("statement").asInt()).isEqualTo(1);
            assertThat(first.at("/variables/iot:ClientId").asText()).isEqualTo("dev");
            for (int i = 0; i < 5; i++) {
                log.record(decision(AccessDecision.Verdict.IMPLICIT_DENY, "topic/c" + i));
                final int n = i;
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file) && Files.readString(file)
                        .contains("topic/c" + n));
            }
        }
        assertThat(dir.resolve("decisions.ndjson.1")).exists();
        assertThat(Files.size(file)).isLessThan(1_200);
    }
}
