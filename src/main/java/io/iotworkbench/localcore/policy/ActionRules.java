package io.iotworkbench.localcore.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statements of one principal's policies that concern one action, compiled for that principal: its policy
 * variables are resolved into the resource patterns, its conditions are decided once (they depend on the connection
 * only), statements that cannot apply are dropped. {@link #deciding} then matches a resource against a few encoded
 * patterns, as "ARN prefix" + "resource" without building the ARN: no allocation, no regex, no map. It gives the same
 * verdict and deciding statement as {@link PolicyEvaluation#of} (the first matching Deny, else the first matching
 * Allow, in policy and statement order).
 *
 * <p>Built once per principal, action and policy change (by {@link PolicyAuthorizer}); immutable apart from each
 * rule's "allow recorded" flag. Thread-safe.
 */
final class ActionRules {

    /** One statement of one policy for this action and principal. */
    static final class Rule {
        final EffectivePolicy policy;
        final int statementIndex;
        final boolean allow;
        /** Encoded patterns matched against the resource alone (their ARN prefix was the account's own). */
        private final String[] local;
        /** Encoded patterns matched against the full ARN. */
        private final String[] full;
        private final boolean notResource;
        /** The answer handed out for every request this rule allows (its reason names no resource). */
        final Authorizer.Decision allowDecision;
        /** Whether an allow by this rule was recorded in the decision log (once per principal and policy change). */
        volatile boolean recorded;

        Rule(EffectivePolicy policy, int statementIndex, boolean allow, String[] local, String[] full,
             boolean notResource, String action) {
            this.policy = policy;
            this.statementIndex = statementIndex;
            this.allow = allow;
            this.local = local;
            this.full = full;
            this.notResource = notResource;
            this.allowDecision = Authorizer.Decision.allow("policy " + policy.name() + " (version "
                    + policy.versionId() + ") statement " + (statementIndex + 1) + " allows " + action);
        }

        boolean covers(String arnPrefix, String resource) {
            boolean any = false;
            for (String p : local) {
                if (Wildcards.matches(p, resource, false)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                for (String p : full) {
                    if (Wildcards.matches(p, arnPrefix, resource)) {
                        any = true;
                        break;
                    }
                }
            }
            return any != notResource;
        }
    }

    private static final String[] NONE = new String[0];

    private final String arnPrefix;
    private final Rule[] denies;
    private final Rule[] allows;

    private ActionRules(String arnPrefix, Rule[] denies, Rule[] allows) {
        this.arnPrefix = arnPrefix;
        this.denies = denies;
        this.allows = allows;
    }

    /**
     * Compiles what applies to {@code action} for a principal with these variables; {@code arnPrefix} is the ARN of
     * the account's resources up to the resource type ({@code arn:aws:iot:region:account:}).
     */
    static ActionRules compile(List<EffectivePolicy> policies, String action, Map<String, String> variables,
                               String arnPrefix) {
        List<Rule> denies = new ArrayList<>();
        List<Rule> allows = new ArrayList<>();
        for (EffectivePolicy p : policies) {
            for (IotPolicy.Statement s : p.policy().statements()) {
                if (!s.coversAction(action) || !s.conditionsHold(variables)) {
                    continue;
                }
                List<String> local = new ArrayList<>();
                List<String> full = new ArrayList<>();
                for (PolicyTemplate t : s.resources()) {
                    String pattern = t.resolve(variables);
                    if (pattern == null) {
                        continue; // a variable without a value: this resource matches nothing
                    }
                    if (pattern.startsWith(arnPrefix) && !arnPrefix.isEmpty()) {
                        local.add(pattern.substring(arnPrefix.length()));
                    } else {
                        full.add(pattern);
                    }
                }
                if (local.isEmpty() && full.isEmpty() && !s.notResource()) {
                    continue; // matches no resource
                }
                Rule r = new Rule(p, s.index(), s.allow(), local.toArray(NONE), full.toArray(NONE), s.notResource(),
                        action);
                (s.allow() ? allows : denies).add(r);
            }
        }
        return new ActionRules(arnPrefix, denies.toArray(new Rule[0]), allows.toArray(new Rule[0]));
    }

    /** The rule that decides {@code resource} (a Deny before any Allow), or null: an implicit deny. */
    Rule deciding(String resource) {
        for (Rule r : denies) {
            if (r.covers(arnPrefix, resource)) {
                return r;
            }
        }
        for (Rule r : allows) {
            if (r.covers(arnPrefix, resource)) {
                return r;
            }
        }
        return null;
    }
}
