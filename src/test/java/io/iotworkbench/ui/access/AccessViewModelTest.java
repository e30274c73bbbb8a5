package io.iotworkbench.ui.access;

import io.iotworkbench.localcore.policy.AccessDecision;
import io.iotworkbench.localcore.policy.DecisionLog;
import io.iotworkbench.localcore.policy.PolicySimulator;
import io.iotworkbench.session.Profile;
import io.iotworkbench.testsupport.OnThread;
import io.iotworkbench.testsupport.Wait;
import io.iotworkbench.ui.LocalPaneContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The Access view model without a toolkit: trace through the pump, filters, the deciding statement, simulator. */
class AccessViewModelTest {

    static final String POLICY = """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":"iot:Connect","Resource":"arn:aws:iot:*:*:client/t1"},
             {"Effect":"Deny","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:topic/secret/*"}]}""";

    @TempDir
    Path dir;

    private LocalPaneContext panes;
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);
    private final AtomicReference<PolicySimulator> simulator = new AtomicReference<>();
    private AccessViewModel vm;

    @BeforeEach
    void start() {
        panes = LocalPaneContext.unstarted(dir.resolve("data"));
        vm = new AccessViewModel(panes.context(), Runnable::run, clock, q -> simulator.get().simulate(q));
    }

    @AfterEach
    void stop() {
        vm.dispose();
        panes.close();
    }

    static AccessDecision decision(String client, String action, String resource, AccessDecision.Verdict v,
                                   int statement) {
        return new AccessDecision(Instant.parse("2026-12-03T08:00:00Z"), "c0ffee", client, client, action, resource,
                v, v == AccessDecision.Verdict.IMPLICIT_DENY ? null : "p1", "1", statement,
                v == AccessDecision.Verdict.IMPLICIT_DENY ? null : POLICY, Map.of("iot:ClientId", client),
                v == AccessDecision.Verdict.ALLOWED ? "policy p1 statement 1 allows it"
                        : "policy p1 statement 2 denies it");
    }

    @Test
    void traceKeepsEarlierDecisionsAndFollowsNewOnesThroughThePump() {
        DecisionLog log = new DecisionLog();
        log.record(decision("t1", "iot:Connect", "client/t1", AccessDecision.Verdict.ALLOWED, 0));
        vm.attach(log);
        assertThat(vm.decisions()).hasSize(1);
        log.record(decision("t1", "iot:Publish", "topic/secret/x", AccessDecision.Verdict.EXPLICIT_DENY, 1));
        log.record(decision("t2", "iot:Subscribe", "topicfilter/#", AccessDecision.Verdict.IMPLICIT_DENY, -1));
        // the pump adds the rows, then sets the status line, on its own thread: wait for both
        Wait.until("two new decisions in the table and the status line",
                () -> vm.statusProperty().get().startsWith("3 decisions"));
        assertThat(vm.decisions()).extracting(AccessDecision::action)
                .containsExactly("iot:Connect", "iot:Publish", "iot:Subscribe");
        assertThat(vm.statusProperty().get()).startsWith("3 decisions (2 denied), 3 shown");

        vm.deniedOnlyProperty().set(true);
        assertThat(vm.decisions()).extracting(AccessDecision::resource)
                .containsExactly("topic/secret/x", "topicfilter/#");
        vm.actionFilterProperty().set("iot:Subscribe");
        assertThat(vm.decisions()).extracting(AccessDecision::clientId).containsExactly("t2");
        vm.actionFilterProperty().set(AccessViewModel.ALL_ACTIONS);
        vm.thingFilterProperty().set("T1");
        assertThat(vm.decisions()).extracting(AccessDecision::action).containsExactly("iot:Publish");
        vm.deniedOnlyProperty().set(false);
        assertThat(vm.decisions()).hasSize(2);
        assertThat(vm.statusProperty().get()).contains("2 shown");
    }

    @Test
    void selectingADenialShowsItsPolicyWithTheDecidingStatementMarked() {
        vm.selectedProperty().set(decision("t1", "iot:Publish", "topic/secret/x",
                AccessDecision.Verdict.EXPLICIT_DENY, 1));
        PolicyText p = vm.policyProperty().get();
        assertThat(p.hasHighlight()).isTrue();
        String marked = p.text().substring(p.start(), p.end());
        assertThat(marked).contains("\"Deny\"").contains("topic/secret/*").doesNotContain("iot:Connect");
        assertThat(vm.policyTitleProperty().get()).startsWith("Policy p1 version 1, statement 2");

        vm.selectedProperty().set(decision("t2", "iot:Subscribe", "topicfilter/#",
                AccessDecision.Verdict.IMPLICIT_DENY, -1));
        assertThat(vm.policyProperty().get().text()).isEmpty();
        assertThat(vm.policyTitleProperty().get()).startsWith("No policy statement allowed it");
        vm.selectedProperty().set(new AccessDecision(clock.instant(), null, "t3", null, "iot:Connect", "client/t3",
                AccessDecision.Verdict.ALLOWED, null, null, -1, null, null, "policies are not enforced"));
        assertThat(vm.policyTitleProperty().get()).isEqualTo("Allowed: policies are not enforced");
    }

    @Test
    void aStormIsBoundedAndTheNewestDecisionArrives() {
        DecisionLog log = new DecisionLog();
        vm.attach(log);
        int n = 30_000;
        for (int i = 0; i < n; i++) {
            log.record(decision("storm", "iot:Publish", "topic/s/" + i, AccessDecision.Verdict.IMPLICIT_DENY, -1));
        }
        // The pump applies batches on the scheduler thread (this test's FX stand-in): read the rows there too.
        ScheduledExecutorService fx = panes.scheduler();
        Wait.until("the newest decision of the storm", () -> OnThread.read(fx, () -> !vm.decisions().isEmpty()
                && vm.decisions().get(vm.decisions().size() - 1).resource().equals("topic/s/" + (n - 1))));
        assertThat(OnThread.read(fx, () -> vm.decisions().size())).isLessThanOrEqualTo(AccessViewModel.ROWS);
        assertThat(OnThread.read(fx, () -> vm.statusProperty().get().contains(
                String.format("%,d denied", vm.decisions().size())))).isTrue();
    }

    @Test
    void simulatorAsksTheLocalSimulatorAndShowsTheDecidingStatement() {
        AtomicReference<PolicySimulator.Question> asked = new AtomicReference<>();
        simulator.set(q -> {
            asked.set(q);
            return new AccessDecision(clock.instant(), q.certificateId(), q.clientId(), q.thingName(), q.action(),
                    q.resource(), AccessDecision.Verdict.EXPLICIT_DENY, "p1", "1", 1, POLICY, null,
                    "policy p1 statement 2 denies it");
        });
        SimulatorModel s = vm.simulator();
        s.thingProperty().set("");
        s.simulate();
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).contains("certificate or a thing");

        s.thingProperty().set("t1");
        s.clientIdProperty().set("t1");
        s.actionProperty().set(SimulatorModel.Action.SUBSCRIBE);
        s.targetProperty().set("secret/#");
        s.simulate();
        assertThat(asked.get()).isEqualTo(new PolicySimulator.Question(null, "t1", "t1", "iot:Subscribe",
                "topicfilter/secret/#"));
        assertThat(s.resultProperty().get().allowed()).isFalse();
        assertThat(SimulatorModel.summary(s.resultProperty().get())).startsWith("DENIED explicitly by policy p1 "
                + "(version 1), statement 2");
        assertThat(vm.policyProperty().get().hasHighlight()).isTrue();
        assertThat(vm.messageProperty().get()).startsWith("Denied: ");
    }

    @Test
    void onAnAwsProfileTheViewSaysTheTraceIsLocalOnly() {
        assertThat(vm.traceNotice().get()).isEmpty();
        panes.session().selectProfile(Profile.newAws("prod"));
        assertThat(vm.traceNotice().get()).contains("only for the Local IoT Core");
    }
}
