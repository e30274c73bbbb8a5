package io.iotworkbench.localcore.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IAM's evaluation of a set of IoT policies for one request, and its outcome: an explicit Deny in any policy wins,
 * else an Allow in any policy grants, else the request is implicitly denied. {@code policy} and {@code statementIndex}
 * name the statement that decided (the first matching Deny, else the first matching Allow; null and -1 for an implicit
 * deny); {@code allowing} and {@code denying} list every policy with a matching Allow or Deny (TestAuthorization's
 * answer). Immutable.
 */
public record PolicyEvaluation(AccessDecision.Verdict verdict, EffectivePolicy policy, int statementIndex,
                               List<EffectivePolicy> allowing, List<EffectivePolicy> denying) {

    /**
     * Evaluates {@code action} on {@code resourceArn} (a full ARN) for a principal whose policy variables and
     * condition keys have the given values (a key without a value is absent).
     */
    public static PolicyEvaluation of(List<EffectivePolicy> policies, String action, String resourceArn,
                                      Map<String, String> variables) {
        EffectivePolicy allowPolicy = null;
        int allowIndex = -1;
        EffectivePolicy denyPolicy = null;
        int denyIndex = -1;
        Set<EffectivePolicy> allowing = new LinkedHashSet<>();
        Set<EffectivePolicy> denying = new LinkedHashSet<>();
        for (EffectivePolicy p : policies) {
            for (IotPolicy.Statement s : p.policy().statements()) {
                if (s.allow() && allowing.contains(p) || !s.allow() && denying.contains(p)) {
                    continue;
                }
                if (!s.coversAction(action) || !s.coversResource(resourceArn, variables)
                        || !s.conditionsHold(variables)) {
                    continue;
                }
                if (s.allow()) {
                    allowing.add(p);
                    if (allowPolicy == null) {
                        allowPolicy = p;
                        allowIndex = s.index();
                    }
                } else {
                    denying.add(p);
                    if (denyPolicy == null) {
                        denyPolicy = p;
                        denyIndex = s.index();
                    }
                }
            }
        }
        if (denyPolicy != null) {
            return new PolicyEvaluation(AccessDecision.Verdict.EXPLICIT_DENY, denyPolicy, denyIndex,
                    List.copyOf(allowing), List.copyOf(denying));
        }
        if (allowPolicy != null) {
            return new PolicyEvaluation(AccessDecision.Verdict.ALLOWED, allowPolicy, allowIndex, List.copyOf(allowing),
                    List.of());
        }
        return new PolicyEvaluation(AccessDecision.Verdict.IMPLICIT_DENY, null, -1, List.of(), List.of());
    }

    public boolean allowed() {
        return verdict == AccessDecision.Verdict.ALLOWED;
    }

    /**
     * One sentence for the user: "policy P (version 2) statement 3 denies iot:Publish on topic/a", "policy P
     * (version 1) statement 1 allows …", or "no statement of the policies attached (P, Q) allows …".
     */
    public String reason(String action, String resource, List<EffectivePolicy> considered) {
        if (policy != null) {
            return "policy " + policy.name() + " (version " + policy.versionId() + ") statement " + (statementIndex + 1)
                    + (allowed() ? " allows " : " denies ") + action + " on " + resource;
        }
        if (considered.isEmpty()) {
            return "no policy is attached to this certificate (or to its thing's groups), so nothing allows "
                    + action + " on " + resource;
        }
        List<String> names = new ArrayList<>();
        considered.forEach(p -> names.add(p.name()));
        return "no statement of the attached policies (" + String.join(", ", names) + ") allows " + action + " on "
                + resource;
    }
}
