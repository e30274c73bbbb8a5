package io.iotworkbench.localcore.policy;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorizer's cache and recording over an in-memory source: a view is built once per principal and change, an
 * allow is recorded once per (action, statement), every denial each time, and log mode allows what it records.
 */
class PolicyAuthorizerTest {

    private static final String A = "arn:aws:iot:us-east-1:000000000000:";

    /** Policies kept in a list the test changes; counts how often a principal's view is built. */
    private static final class Source implements PolicyAuthorizer.Source {
        final List<EffectivePolicy> policies = new ArrayList<>();
        final AtomicInteger built = new AtomicInteger();

        @Override
        public PolicyAuthorizer.Subject subject(String certificateId, String clientId) {
            built.incrementAndGet();
            return new PolicyAuthorizer.Subject(policies, Map.of("iot:ClientId", clientId), null);
        }

        @Override
        public Optional<EffectivePolicy> policy(String name) {
            return policies.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        @Override
        public Optional<String> certificateOfThing(String thingName) {
            return Optional.empty();
        }

        @Override
        public String resourceArn(String resource) {
            return A + resource;
        }
    }

    private static EffectivePolicy allowPublish(String topicPattern) {
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\","
                + "\"Resource\":\"" + A + "topic/" + topicPattern + "\"}]}";
        return new EffectivePolicy("P", A + "policy/P", "1", doc, IotPolicy.parse(doc), A + "cert/c");
    }

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final Authorizer.Principal who = new Authorizer.Principal("c", "dev");

    @Test
    void cachesPerPrincipalRecordsTheFirstAllowAndEveryDenial() {
        Source source = new Source();
        source.policies.add(allowPublish("a/*"));
        DecisionLog log = new DecisionLog();
        PolicyAuthorizer auth = new PolicyAuthorizer(source, PolicyMode.ENFORCE, log, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(auth.authorize(who, "iot:Publish", "topic/a/1").allowed()).isTrue();
            assertThat(auth.authorize(who, "iot:Publish", "topic/b/1").allowed()).isFalse();
        }
        assertThat(source.built).hasValue(1);
        assertThat(log.snapshot()).extracting(AccessDecision::verdict).containsExactly(
                AccessDecision.Verdict.ALLOWED, AccessDecision.Verdict.IMPLICIT_DENY,
                AccessDecision.Verdict.IMPLICIT_DENY, AccessDecision.Verdict.IMPLICIT_DENY);
        assertThat(log.snapshot().get(0).policyName()).isEqualTo("P");
        assertThat(log.snapshot().get(0).variables()).containsEntry("iot:ClientId", "dev");
    }

    @Test
    void anAllowIsRecordedOncePerStatementNotPerTopic() {
        Source source = new Source();
        source.policies.add(allowPublish("a/*"));
        DecisionLog log = new DecisionLog();
        PolicyAuthorizer auth = new PolicyAuthorizer(source, PolicyMode.ENFORCE, log, clock);
        for (int i = 0; i < 1_000; i++) {
            assertThat(auth.authorize(who, "iot:Publish", "topic/a/" + i).allowed()).isTrue();
        }
        assertThat(log.snapshot()).singleElement().satisfies(d -> {
            assertThat(d.resource()).isEqualTo("topic/a/0");
            assertThat(d.reason()).isEqualTo("policy P (version 1) statement 1 allows iot:Publish on topic/a/0");
        });
        auth.invalidate();
        assertThat(auth.authorize(who, "iot:Publish", "topic/a/x").allowed()).isTrue();
        assertThat(log.total()).as("recorded again after a policy change").isEqualTo(2);
    }

    @Test
    void variablesAndDeniesDecideAsTheEvaluatorDoes() {
        Source source = new Source();
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\","
                + "\"Resource\":\"" + A + "topic/${iot:ClientId}/*\"},{\"Effect\":\"Deny\",\"Action\":"
                + "\"iot:Publish\",\"Resource\":\"arn:aws:iot:*:*:topic/dev/secret\"}]}";
        source.policies.add(new EffectivePolicy("V", A + "policy/V", "3", doc, IotPolicy.parse(doc), A + "cert/c"));
        DecisionLog log = new DecisionLog();
        PolicyAuthorizer auth = new PolicyAuthorizer(source, PolicyMode.ENFORCE, log, clock);
        assertThat(auth.authorize(who, "iot:Publish", "topic/dev/x").allowed()).isTrue();
        assertThat(auth.authorize(who, "iot:Receive", "topic/dev/x").allowed()).isTrue();
        assertThat(auth.authorize(who, "iot:Publish", "topic/other/x").allowed()).isFalse();
        Authorizer.Decision d = auth.authorize(who, "iot:Publish", "topic/dev/secret");
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo("policy V (version 3) statement 2 denies iot:Publish on topic/dev/secret");
        assertThat(log.snapshot()).filteredOn(x -> !x.allowed()).extracting(AccessDecision::verdict).containsExactly(
                AccessDecision.Verdict.IMPLICIT_DENY, AccessDecision.Verdict.EXPLICIT_DENY);
    }

    @Test
    void anInvalidationAppliesToTheNextRequest() {
        Source source = new Source();
        PolicyAuthorizer auth = new PolicyAuthorizer(source, PolicyMode.ENFORCE, new DecisionLog(), clock);
        assertThat(auth.authorize(who, "iot:Publish", "topic/a/1").allowed()).isFalse();
        source.policies.add(allowPublish("a/*"));
        assertThat(auth.authorize(who, "iot:Publish", "topic/a/1").allowed()).as("still cached").isFalse();
        auth.invalidate();
        assertThat(auth.authorize(who, "iot:Publish", "topic/a/1").allowed()).isTrue();
        assertThat(source.built).hasValue(2);
    }

    @Test
    void logModeAllowsAndRecordsTheWouldBeDenial() {
        DecisionLog log = new DecisionLog();
        PolicyAuthorizer auth = new PolicyAuthorizer(new Source(), PolicyMode.LOG, log, clock);
        Authorizer.Decision d = auth.authorize(who, "iot:Connect", "client/dev");
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).startsWith("allowed in log mode, but AWS IoT would refuse it: ");
        assertThat(log.snapshot()).singleElement().satisfies(x -> {
            assertThat(x.verdict()).isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
            assertThat(x.resource()).isEqualTo("client/dev");
        });
    }

    @Test
    void offModeNeitherAsksNorRecords() {
        Source source = new Source();
        DecisionLog log = new DecisionLog();
        PolicyAuthorizer auth = new PolicyAuthorizer(source, PolicyMode.OFF, log, clock);
        assertThat(auth.authorize(who, "iot:Connect", "client/dev").allowed()).isTrue();
        assertThat(source.built).hasValue(0);
        assertThat(log.total()).isZero();
    }

    @Test
    void theSimulatorAnswersWithoutRecording() {
        Source source = new Source();
        source.policies.add(allowPublish("a/*"));
        DecisionLog log = new DecisionLog();
        PolicyAuthorizer auth = new PolicyAuthorizer(source, PolicyMode.ENFORCE, log, clock);
        AccessDecision d = auth.simulate(new PolicySimulator.Question("c", null, "dev", "iot:Publish", "topic/a/x"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.statementIndex()).isZero();
        assertThat(d.policyDocument()).contains("iot:Publish");
        assertThat(log.total()).isZero();
    }
}
