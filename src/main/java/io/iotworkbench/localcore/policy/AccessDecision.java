package io.iotworkbench.localcore.policy;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One authorization decision of the Local IoT Core with why it was made: who asked (certificate, client id, thing),
 * for what (action, resource without the ARN prefix), the verdict, and the policy, version and statement that decided
 * ({@code policyName} null and {@code statementIndex} -1 when no statement allowed it). {@code variables} holds the
 * policy variables as they resolved for this connection. Immutable; made on whatever thread decided.
 */
public record AccessDecision(Instant time, String certificateId, String clientId, String thingName, String action,
                             String resource, Verdict verdict, String policyName, String policyVersionId,
                             int statementIndex, String policyDocument, Map<String, String> variables, String reason) {

    /** AWS's three outcomes (TestAuthorization's allowed / explicitDeny / implicitDeny). */
    public enum Verdict { ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY }

    public AccessDecision {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(verdict, "verdict");
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        reason = reason == null ? "" : reason;
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOWED;
    }
}
