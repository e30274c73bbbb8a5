package io.iotworkbench.cert.aws;

import io.iotworkbench.localcore.policy.AccessDecision;
import io.iotworkbench.localcore.policy.PolicySimulator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.model.ActionType;
import software.amazon.awssdk.services.iot.model.Allowed;
import software.amazon.awssdk.services.iot.model.AuthDecision;
import software.amazon.awssdk.services.iot.model.AuthResult;
import software.amazon.awssdk.services.iot.model.Denied;
import software.amazon.awssdk.services.iot.model.ExplicitDeny;
import software.amazon.awssdk.services.iot.model.Policy;
import software.amazon.awssdk.services.iot.model.TestAuthorizationRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulator's question as AWS's TestAuthorization request, and AWS's answer as a decision. (The Local IoT Core
 * gains TestAuthorization with the policy work; until then the SDK call itself is not exercised here.)
 */
class AuthorizationTesterTest {

    private static final String CERT_ARN = "arn:aws:iot:eu-west-1:123456789012:cert/"
            + "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private static PolicySimulator.Question question(String action, String resource) {
        return new PolicySimulator.Question("a1b2", null, "sensor-1", action, resource);
    }

    @Test
    void requestNamesTheCertificateArnClientIdAndAFullResourceArn() {
        TestAuthorizationRequest r = AuthorizationTester.request(question("iot:Publish", "topic/sensor-1/data"),
                CERT_ARN);
        assertThat(r.principal()).isEqualTo(CERT_ARN);
        assertThat(r.clientId()).isEqualTo("sensor-1");
        assertThat(r.authInfos()).hasSize(1);
        assertThat(r.authInfos().get(0).actionType()).isEqualTo(ActionType.PUBLISH);
        assertThat(r.authInfos().get(0).resources())
                .containsExactly("arn:aws:iot:eu-west-1:123456789012:topic/sensor-1/data");

        TestAuthorizationRequest sub = AuthorizationTester.request(new PolicySimulator.Question(null, "t", null,
                "iot:Subscribe", "topicfilter/a/#"), CERT_ARN.replace("arn:aws:", "arn:aws-cn:"));
        assertThat(sub.clientId()).isNull();
        assertThat(sub.authInfos().get(0).actionType()).isEqualTo(ActionType.SUBSCRIBE);
        assertThat(sub.authInfos().get(0).resources())
                .containsExactly("arn:aws-cn:iot:eu-west-1:123456789012:topicfilter/a/#");
        assertThat(AuthorizationTester.actionType("iot:Connect")).isEqualTo(ActionType.CONNECT);
        assertThat(AuthorizationTester.actionType("Receive")).isEqualTo(ActionType.RECEIVE);
    }

    @Test
    void retainPublishAndBadArnsAreRefusedInWords() {
        assertThatThrownBy(() -> AuthorizationTester.request(question("iot:RetainPublish", "topic/a"), CERT_ARN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not iot:RetainPublish");
        assertThatThrownBy(() -> AuthorizationTester.request(question("iot:Publish", "topic/a"), "cert-123"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a certificate ARN");
    }

    @Test
    void answersBecomeDecisionsNamingThePolicy() {
        AuthorizationTester t = new AuthorizationTester(
                software.amazon.awssdk.services.iot.IotClient.builder()
                        .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider
                                .create()).build(),
                Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC));
        PolicySimulator.Question q = question("iot:Publish", "topic/x");
        AccessDecision allowed = t.decision(q, CERT_ARN, AuthResult.builder().authDecision(AuthDecision.ALLOWED)
                .allowed(Allowed.builder().policies(Policy.builder().policyName("dev").build()).build()).build());
        assertThat(allowed.verdict()).isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(allowed.policyName()).isEqualTo("dev");
        assertThat(allowed.statementIndex()).isEqualTo(-1);
        assertThat(allowed.certificateId()).startsWith("a1b2c3d4");
        assertThat(allowed.reason()).isEqualTo("AWS: policy dev allows iot:Publish on topic/x.");

        AccessDecision denied = t.decision(q, CERT_ARN, AuthResult.builder().authDecision(AuthDecision.EXPLICIT_DENY)
                .denied(Denied.builder().explicitDeny(ExplicitDeny.builder()
                        .policies(Policy.builder().policyName("lockdown").build()).build()).build()).build());
        assertThat(denied.verdict()).isEqualTo(AccessDecision.Verdict.EXPLICIT_DENY);
        assertThat(denied.reason()).contains("policy lockdown denies");

        AccessDecision none = t.decision(q, CERT_ARN, AuthResult.builder().authDecision(AuthDecision.IMPLICIT_DENY)
                .missingContextValues("iot:Connection.Thing.ThingName").build());
        assertThat(none.verdict()).isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        assertThat(none.policyName()).isNull();
        assertThat(none.reason()).contains("no policy attached").contains("could not resolve iot:Connection");
    }
}
