package io.iotworkbench.cert.aws;

import io.iotworkbench.localcore.policy.AccessDecision;
import io.iotworkbench.localcore.policy.PolicySimulator;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ActionType;
import software.amazon.awssdk.services.iot.model.AuthDecision;
import software.amazon.awssdk.services.iot.model.AuthInfo;
import software.amazon.awssdk.services.iot.model.AuthResult;
import software.amazon.awssdk.services.iot.model.Policy;
import software.amazon.awssdk.services.iot.model.TestAuthorizationRequest;
import software.amazon.awssdk.services.iot.model.TestAuthorizationResponse;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The policy simulator's question asked of an AWS account with {@code IotClient.testAuthorization}: the principal is
 * the certificate's ARN (a thing's first attached certificate when only the thing is named), the resource becomes a
 * full ARN in the certificate's region and account, and AWS's answer (allowed, explicit or implicit deny, with the
 * policies that decided) becomes an {@link AccessDecision} like the Local IoT Core's. AWS does not say which
 * statement decided, so {@code statementIndex} is -1; the deciding policy's document is fetched to show it.
 *
 * <p>Blocking (SDK calls); run on a worker thread. Thread-safe if the client is.
 */
public final class AuthorizationTester {

    private final IotClient iot;
    private final Clock clock;

    public AuthorizationTester(IotClient iot, Clock clock) {
        this.iot = Objects.requireNonNull(iot);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Asks AWS; an IllegalArgumentException with a sentence for a question TestAuthorization cannot answer. */
    public AccessDecision test(PolicySimulator.Question q) {
        String certificateArn = certificateArn(q);
        TestAuthorizationRequest request = request(q, certificateArn);
        TestAuthorizationResponse response = iot.testAuthorization(request);
        if (!response.hasAuthResults() || response.authResults().isEmpty()) {
            throw new IllegalStateException("AWS answered the authorization test without a result.");
        }
        AccessDecision d = decision(q, certificateArn, response.authResults().get(0));
        if (d.policyName() == null) {
            return d;
        }
        String document = iot.getPolicy(b -> b.policyName(d.policyName())).policyDocument();
        return new AccessDecision(d.time(), d.certificateId(), d.clientId(), d.thingName(), d.action(), d.resource(),
                d.verdict(), d.policyName(), d.policyVersionId(), -1, document, d.variables(), d.reason());
    }

    /** The certificate ARN the question names: describe the certificate, or the thing's first certificate. */
    private String certificateArn(PolicySimulator.Question q) {
        if (q.certificateId() != null && !q.certificateId().isBlank()) {
            String id = q.certificateId().trim();
            return id.startsWith("arn:") ? id
                    : iot.describeCertificate(b -> b.certificateId(id)).certificateDescription().certificateArn();
        }
        if (q.thingName() != null && !q.thingName().isBlank()) {
            return iot.listThingPrincipals(b -> b.thingName(q.thingName().trim())).principals().stream()
                    .filter(p -> p.contains(":cert/")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Thing " + q.thingName().trim()
                            + " has no certificate attached, so no policy applies to it."));
        }
        throw new IllegalArgumentException("Name a certificate or a thing to test.");
    }

    /** The TestAuthorization request for {@code q}, the principal being {@code certificateArn}. */
    static TestAuthorizationRequest request(PolicySimulator.Question q, String certificateArn) {
        ActionType type = actionType(q.action());
        String[] arn = certificateArn.split(":", 6);
        if (arn.length < 6) {
            throw new IllegalArgumentException("\"" + certificateArn + "\" is not a certificate ARN.");
        }
        String resourceArn = "arn:" + arn[1] + ":iot:" + arn[3] + ":" + arn[4] + ":" + q.resource();
        TestAuthorizationRequest.Builder b = TestAuthorizationRequest.builder().principal(certificateArn)
                .authInfos(AuthInfo.builder().actionType(type).resources(resourceArn).build());
        if (q.clientId() != null && !q.clientId().isBlank()) {
            b.clientId(q.clientId().trim());
        }
        return b.build();
    }

    static ActionType actionType(String action) {
        String name = action.startsWith("iot:") ? action.substring(4) : action;
        return switch (name) {
            case "Connect" -> ActionType.CONNECT;
            case "Publish" -> ActionType.PUBLISH;
            case "Subscribe" -> ActionType.SUBSCRIBE;
            case "Receive" -> ActionType.RECEIVE;
            default -> throw new IllegalArgumentException("AWS's TestAuthorization tests Connect, Publish, Subscribe "
                    + "and Receive only, not " + action + "; test iot:Publish and read the policy for " + action + ".");
        };
    }

    /** AWS's answer as a decision: the verdict and the first policy that decided it. */
    AccessDecision decision(PolicySimulator.Question q, String certificateArn, AuthResult r) {
        AccessDecision.Verdict verdict = switch (r.authDecision() == null ? AuthDecision.UNKNOWN_TO_SDK_VERSION
                : r.authDecision()) {
            case ALLOWED -> AccessDecision.Verdict.ALLOWED;
            case EXPLICIT_DENY -> AccessDecision.Verdict.EXPLICIT_DENY;
            default -> AccessDecision.Verdict.IMPLICIT_DENY;
        };
        List<Policy> policies = switch (verdict) {
            case ALLOWED -> r.allowed() == null ? List.of() : r.allowed().policies();
            case EXPLICIT_DENY -> r.denied() == null || r.denied().explicitDeny() == null ? List.of()
                    : r.denied().explicitDeny().policies();
            case IMPLICIT_DENY -> List.of();
        };
        String policy = policies.isEmpty() ? null : policies.get(0).policyName();
        String certificateId = certificateArn.substring(certificateArn.lastIndexOf('/') + 1);
        String action = q.action().startsWith("iot:") ? q.action() : "iot:" + q.action();
        String reason = switch (verdict) {
            case ALLOWED -> "AWS: policy " + policy + " allows " + action + " on " + q.resource() + ".";
            case EXPLICIT_DENY -> "AWS: policy " + policy + " denies " + action + " on " + q.resource() + ".";
            case IMPLICIT_DENY -> "AWS: no policy attached to certificate " + shortId(certificateId) + " allows "
                    + action + " on " + q.resource() + ".";
        };
        if (r.hasMissingContextValues() && !r.missingContextValues().isEmpty()) {
            reason += " AWS could not resolve " + String.join(", ", r.missingContextValues()) + ".";
        }
        return new AccessDecision(clock.instant(), certificateId, q.clientId(), q.thingName(), action, q.resource(),
                verdict, policy, null, -1, null, null, reason);
    }

    private static String shortId(String id) {
        return id.length() > 10 ? id.substring(0, 10).toLowerCase(Locale.ROOT) + "…" : id;
    }
}
