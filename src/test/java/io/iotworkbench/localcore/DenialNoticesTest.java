package io.iotworkbench.localcore;

import io.iotworkbench.localcore.policy.AccessDecision;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DenialNoticesTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final DenialNotices notices = new DenialNotices(clock);

    private AccessDecision denial(String client, String action, String resource, AccessDecision.Verdict v,
                                  String policy) {
        return new AccessDecision(clock.now, "c0ffee", client, client, action, resource, v, policy, "1",
                policy == null ? -1 : 0, null, Map.of(), "");
    }

    @Test
    void aStormCostsOneLinePerIntervalAndTheNextLineCountsTheRest() {
        assertThat(notices.record(denial("t1", "iot:Publish", "topic/a", AccessDecision.Verdict.IMPLICIT_DENY,
                null))).contains("Access denied: client t1 iot:Publish on topic/a — no policy attached to its "
                + "certificate allows iot:Publish on topic/a");
        for (int i = 0; i < 500; i++) {
            assertThat(notices.record(denial("t1", "iot:Publish", "topic/a", AccessDecision.Verdict.IMPLICIT_DENY,
                    null))).isEmpty();
        }
        clock.now = clock.now.plus(DenialNotices.INTERVAL);
        assertThat(notices.record(denial("t2", "iot:Subscribe", "topicfilter/#",
                AccessDecision.Verdict.EXPLICIT_DENY, "lockdown"))).contains("Access denied: client t2 "
                + "iot:Subscribe on topicfilter/# — policy lockdown denies iot:Subscribe on topicfilter/# (statement 1)"
                + " (and 500 more denials before it; see the Access tab)");
        AccessDecision allowed = new AccessDecision(clock.now, "c", "t1", "t1", "iot:Connect", "client/t1",
                AccessDecision.Verdict.ALLOWED, "p", "1", 0, null, null, null);
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(notices.record(allowed)).isEmpty();
    }

    @Test
    void theReasonOfADroppedConnectionNamesTheRecentPublishOrConnectDenial() {
        assertThat(notices.reasonFor("t1")).isEmpty();
        notices.record(denial("t1", "iot:Publish", "topic/other/x", AccessDecision.Verdict.IMPLICIT_DENY, "dev"));
        assertThat(notices.reasonFor("t1"))
                .contains("disconnected: policy dev does not allow iot:Publish on topic/other/x");
        assertThat(notices.reasonFor("t2")).isEmpty();
        clock.now = clock.now.plus(DenialNotices.DROP_WINDOW).plusMillis(1);
        assertThat(notices.reasonFor("t1")).as("too old to be the cause").isEmpty();

        notices.record(denial("t1", "iot:Connect", "client/t1", AccessDecision.Verdict.IMPLICIT_DENY, null));
        assertThat(notices.reasonFor("t1")).contains("not authorized: no policy attached to its certificate allows "
                + "iot:Connect on client/t1");
        notices.record(denial("t1", "iot:Subscribe", "topicfilter/#", AccessDecision.Verdict.IMPLICIT_DENY, null));
        assertThat(notices.reasonFor("t1")).as("AWS answers a denied subscribe with SUBACK 0x80, not a drop")
                .isEqualTo(Optional.empty());
    }
}
