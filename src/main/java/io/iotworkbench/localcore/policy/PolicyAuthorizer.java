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
 * variables, and per (action, resource) the evaluation; both are rebuilt after {@link #invalidate}, which the registry
 * and the thing groups call on every change that can alter a decision (attach, detach, new default version, delete,
 * thing principals, thing attributes and type, group membership). A hit costs two map lookups. The views and the
 * evaluations per view are bounded (cleared when full).
 *
 * <p>Recording: every denial (in {@code LOG} mode every would-be denial) goes to the {@link DecisionLog}; an allowed
 * decision is recorded when it is evaluated, not on cache hits, so at most once per (action, resource) per
 * connection and policy change.
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
    static final int MAX_DECISIONS_PER_VIEW = 20_000;

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
        ConcurrentHashMap<String, Cached> byResource = view.decisions.get(action);
        if (byResource == null) {
            byResource = view.decisions.computeIfAbsent(action, a -> new ConcurrentHashMap<>());
        }
        Cached c = byResource.get(resource);
        if (c == null) {
            c = evaluate(view, action, resource);
            if (view.size.incrementAndGet() > MAX_DECISIONS_PER_VIEW) {
                view.decisions.clear();
                view.size.set(0);
            }
            byResource.put(resource, c);
            if (c.evaluation.allowed()) {
                record(who, view, action, resource, c);
            }
        }
        if (c.evaluation.allowed()) {
            return c.decision;
        }
        record(who, view, action, resource, c);
        return c.decision;
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
        View fresh = new View(g, s);
        if (views.size() >= MAX_VIEWS) {
            views.clear();
        }
        views.put(who, fresh);
        return fresh;
    }

    private Cached evaluate(View view, String action, String resource) {
        PolicyEvaluation e = PolicyEvaluation.of(view.subject.policies(), action, source.resourceArn(resource),
                view.subject.variables());
        String reason = e.reason(action, resource, view.subject.policies());
        Decision d;
        if (e.allowed()) {
            d = Decision.allow(reason);
        } else if (mode == PolicyMode.LOG) {
            d = Decision.allow("allowed in log mode, but AWS IoT would refuse it: " + reason);
        } else {
            d = Decision.deny(reason);
        }
        return new Cached(e, d);
    }

    private void record(Principal who, View view, String action, String resource, Cached c) {
        PolicyEvaluation e = c.evaluation;
        EffectivePolicy p = e.policy();
        log.record(new AccessDecision(clock.instant(), who.certificateId(), who.clientId(), view.subject.thingName(),
                action, resource, e.verdict(), p == null ? null : p.name(), p == null ? null : p.versionId(),
                e.statementIndex(), p == null ? null : p.document(), view.subject.variables(), c.decision.reason()));
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

    private record Cached(PolicyEvaluation evaluation, Decision decision) {
    }

    /** One principal's policies and variables at one generation, and its evaluations by action and resource. */
    private static final class View {
        final long generation;
        final Subject subject;
        final ConcurrentHashMap<String, ConcurrentHashMap<String, Cached>> decisions = new ConcurrentHashMap<>();
        final AtomicLong size = new AtomicLong();

        View(long generation, Subject subject) {
            this.generation = generation;
            this.subject = subject;
        }
    }
}
