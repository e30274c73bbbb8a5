package io.iotworkbench.localcore.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Local IoT Core's {@link Authorizer}: evaluates the IoT policies that apply to a connection (through its
 * certificate and its thing's groups) with IAM's logic ({@link PolicyEvaluation}), in the {@link PolicyMode} given.
 *
 * <p>Cache: per principal (certificate id and client id) a view holds the applying policies and the resolved
 * variables, and per action the statements compiled for it ({@link ActionRules}: variables resolved, conditions
 * decided, patterns ready); both are rebuilt after {@link #invalidate}, which the registry and the thing groups call on
 * every change that can alter a decision (attach, detach, new default version, delete, thing principals, thing
 * attributes and type, group membership). A request then costs one map lookup for the view, one for the action and a
 * match of the resource against the few patterns of that action, without allocating; there is deliberately no cache
 * per resource: with thousands of topics its lookups (cache misses on a large table) cost more than the match, and
 * it would grow with every new topic. The views are bounded (cleared when full).
 *
 * <p>Recording: every denial (in {@code LOG} mode every would-be denial) goes to the {@link DecisionLog} with its
 * reason; an allow is recorded the first time each statement allows an action for a connection (after each policy
 * change), with the resource it allowed then, so the trace shows who may do what without thousands of allows
 * pushing the denials out of it.
 *
 * <p>Thread-safe; called on the broker's event loops and the HTTPS server's workers. A view is built from the
 * {@link Source} (database reads) on the first request of a principal after a change only.
 */
public final class PolicyAuthorizer implements Authorizer, PolicySimulator {

    /** Where the applying policies and the variables of a principal come from (the registry and thing groups). */
    public interface Source {

        /** The policies and variables for a certificate and client id ({@code clientId} null over HTTPS). */
        Subject subject(String certificateId, String clientId);

        /** A policy by name (TestAuthorization's policyNamesToAdd). */
        Optional<EffectivePolicy> policy(String name);

        /** The first certificate attached to {@code thingName}, if any. */
        Optional<String> certificateOfThing(String thingName);

        /** The full ARN of a resource such as {@code topic/a/b}. */
        String resourceArn(String resource);
    }

    /** What applies to one principal: its policies, its variables (a key without value is absent), its thing. */
    public record Subject(List<EffectivePolicy> policies, Map<String, String> variables, String thingName) {

        public Subject {
            policies = List.copyOf(policies);
            variables = Map.copyOf(variables);
        }
    }

    /** The outcome of TestAuthorization for one action and resource, with the policies it considered. */
    public record Test(PolicyEvaluation evaluation, List<EffectivePolicy> considered) {
    }

    static final int MAX_VIEWS = 20_000;

    private final Source source;
    private final PolicyMode mode;
    private final DecisionLog log;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    private final ConcurrentHashMap<Principal, View> views = new ConcurrentHashMap<>();

    public PolicyAuthorizer(Source source, PolicyMode mode, DecisionLog log, Clock clock) {
        this.source = source;
        this.mode = mode;
        this.log = log;
        this.clock = clock;
    }

    public PolicyMode mode() {
        return mode;
    }

    /** Forgets every cached view and evaluation: the next request of each principal sees the registry as it is. */
    public void invalidate() {
        generation.incrementAndGet();
    }

    @Override
    public Decision authorize(Principal who, String action, String resource) {
        if (mode == PolicyMode.OFF) {
            return OFF;
        }
        View view = view(who);
        ActionRules rules = view.rules.get(action);
        if (rules == null) {
            rules = view.rules.computeIfAbsent(action, a -> ActionRules.compile(view.subject.policies(), a,
                    view.subject.variables(), view.arnPrefix));
        }
        ActionRules.Rule r = rules.deciding(resource);
        if (r != null && r.allow) {
            if (!r.recorded) {
                r.recorded = true;
                PolicyEvaluation e = new PolicyEvaluation(AccessDecision.Verdict.ALLOWED, r.policy, r.statementIndex,
                        List.of(r.policy), List.of());
                record(who, view, action, resource, e, e.reason(action, resource, view.subject.policies()));
            }
            return r.allowDecision;
        }
        PolicyEvaluation e = r == null
                ? new PolicyEvaluation(AccessDecision.Verdict.IMPLICIT_DENY, null, -1, List.of(), List.of())
                : new PolicyEvaluation(AccessDecision.Verdict.EXPLICIT_DENY, r.policy, r.statementIndex, List.of(),
                        List.of(r.policy));
        String reason = e.reason(action, resource, view.subject.policies());
        Decision d = mode == PolicyMode.LOG
                ? Decision.allow("allowed in log mode, but AWS IoT would refuse it: " + reason)
                : Decision.deny(reason);
        record(who, view, action, resource, e, d.reason());
        return d;
    }

    private static final Decision OFF = Decision.allow("policies are off (--policies off)");

    private View view(Principal who) {
        long g = generation.get();
        View v = views.get(who);
        if (v != null && v.generation == g) {
            return v;
        }
        Subject s = who.certificateId() == null ? new Subject(List.of(), Map.of(), null)
                : source.subject(who.certificateId(), who.clientId());
        View fresh = new View(g, s, source.resourceArn(""));
        if (views.size() >= MAX_VIEWS) {
            views.clear();
        }
        views.put(who, fresh);
        return fresh;
    }

    private void record(Principal who, View view, String action, String resource, PolicyEvaluation e,
                        String reason) {
        EffectivePolicy p = e.policy();
        log.record(new AccessDecision(clock.instant(), who.certificateId(), who.clientId(), view.subject.thingName(),
                action, resource, e.verdict(), p == null ? null : p.name(), p == null ? null : p.versionId(),
                e.statementIndex(), p == null ? null : p.document(), view.subject.variables(), reason));
    }

    @Override
    public AccessDecision simulate(Question q) {
        String cert = q.certificateId();
        if (cert == null && q.thingName() != null) {
            cert = source.certificateOfThing(q.thingName()).orElse(null);
        }
        String clientId = q.clientId() != null ? q.clientId() : q.thingName();
        Subject s = cert == null ? new Subject(List.of(), Map.of(), null) : source.subject(cert, clientId);
        PolicyEvaluation e = PolicyEvaluation.of(s.policies(), q.action(), source.resourceArn(q.resource()),
                s.variables());
        EffectivePolicy p = e.policy();
        String reason = cert == null ? "no certificate is attached to thing " + q.thingName()
                + ", so no policy applies" : e.reason(q.action(), q.resource(), s.policies());
        return new AccessDecision(clock.instant(), cert, clientId, s.thingName(), q.action(), q.resource(),
                e.verdict(), p == null ? null : p.name(), p == null ? null : p.versionId(), e.statementIndex(),
                p == null ? null : p.document(), s.variables(), reason);
    }

    /**
     * TestAuthorization: the certificate's policies (plus {@code toAdd}, minus {@code toSkip}) for one action on one
     * full resource ARN. Names in {@code toAdd} that do not exist are ignored by the caller's check first.
     */
    public Test test(String certificateId, String clientId, List<String> toAdd, List<String> toSkip, String action,
                     String resourceArn) {
        Subject s = certificateId == null ? new Subject(List.of(), Map.of(), null)
                : source.subject(certificateId, clientId);
        List<EffectivePolicy> considered = new ArrayList<>();
        for (EffectivePolicy p : s.policies()) {
            if (toSkip == null || !toSkip.contains(p.name())) {
                considered.add(p);
            }
        }
        if (toAdd != null) {
            for (String name : toAdd) {
                if (considered.stream().noneMatch(p -> p.name().equals(name))) {
                    source.policy(name).ifPresent(considered::add);
                }
            }
        }
        return new Test(PolicyEvaluation.of(considered, action, resourceArn, s.variables()), List.copyOf(considered));
    }

    /**
     * GetEffectivePolicies: what applies to {@code certificateId} (through the certificate and, when {@code clientId}
     * names its thing, the thing's groups), or to the first certificate of {@code thingName}.
     */
    public List<EffectivePolicy> effectivePolicies(String certificateId, String thingName) {
        String cert = certificateId != null ? certificateId
                : thingName == null ? null : source.certificateOfThing(thingName).orElse(null);
        return cert == null ? List.of() : source.subject(cert, thingName).policies();
    }

    /** One principal's policies and variables at one generation, and its rules compiled per action. */
    private static final class View {
        final long generation;
        final Subject subject;
        final String arnPrefix;
        final ConcurrentHashMap<String, ActionRules> rules = new ConcurrentHashMap<>();

        View(long generation, Subject subject, String arnPrefix) {
            this.generation = generation;
            this.subject = subject;
            this.arnPrefix = arnPrefix;
        }
    }
}
