package io.iotworkbench.ui.access;

import io.iotworkbench.cert.aws.AuthorizationTester;
import io.iotworkbench.localcore.policy.AccessDecision;
import io.iotworkbench.localcore.policy.PolicySimulator;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.PaneTasks;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Access view's policy simulator: a certificate (or thing), a client id, an action and its topic, filter or client
 * id → allowed or denied, with the policy and statement that decided. On the Local profile it asks the Local IoT
 * Core's {@link PolicySimulator}; on an AWS profile, AWS's TestAuthorization ({@link AuthorizationTester}).
 *
 * <p>FX thread; the question runs through the pane's {@link PaneTasks} (lane "simulate": only the newest answer is
 * shown).
 */
public final class SimulatorModel {

    /** The actions the simulator asks about, and what each names as its resource. */
    public enum Action {
        CONNECT("Connect", "client/", "client id"),
        PUBLISH("Publish", "topic/", "topic"),
        SUBSCRIBE("Subscribe", "topicfilter/", "topic filter"),
        RECEIVE("Receive", "topic/", "topic"),
        RETAIN_PUBLISH("RetainPublish", "topic/", "topic");

        private final String word;
        private final String prefix;
        private final String target;

        Action(String word, String prefix, String target) {
            this.word = word;
            this.prefix = prefix;
            this.target = target;
        }

        public String iotAction() {
            return "iot:" + word;
        }

        /** The resource, without the ARN prefix, for {@code target} (a client id, topic or filter). */
        public String resource(String targetText) {
            return prefix + targetText;
        }

        /** What the target field holds for this action ("topic", "topic filter", "client id"). */
        public String targetLabel() {
            return target;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    private final PaneContext context;
    private final PaneTasks tasks;
    private final Clock clock;
    private final PolicySimulator localOverride;
    private final Consumer<AccessDecision> show;
    private final StringProperty certificate = new SimpleStringProperty(this, "certificate", "");
    private final StringProperty thing = new SimpleStringProperty(this, "thing", "");
    private final StringProperty clientId = new SimpleStringProperty(this, "clientId", "");
    private final ObjectProperty<Action> action = new SimpleObjectProperty<>(this, "action", Action.PUBLISH);
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final ReadOnlyObjectWrapper<AccessDecision> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ObservableList<String> certificates = FXCollections.observableArrayList();

    SimulatorModel(PaneContext context, PaneTasks tasks, Clock clock, PolicySimulator localOverride,
                   Consumer<AccessDecision> show) {
        this.context = context;
        this.tasks = tasks;
        this.clock = clock;
        this.localOverride = localOverride;
        this.show = Objects.requireNonNull(show);
        Profile p = context.fxSession().profileProperty().get();
        thing.set(p.thingName() == null ? "" : p.thingName());
        clientId.set(p.thingName() == null ? "" : p.thingName());
    }

    public StringProperty certificateProperty() {
        return certificate;
    }

    public StringProperty thingProperty() {
        return thing;
    }

    public StringProperty clientIdProperty() {
        return clientId;
    }

    public ObjectProperty<Action> actionProperty() {
        return action;
    }

    /** The topic, topic filter or client id the action is about. */
    public StringProperty targetProperty() {
        return target;
    }

    /** The last answer (null before the first). */
    public ReadOnlyObjectProperty<AccessDecision> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Certificate ids of the session's IoT Core, for the certificate chooser (after {@link #loadCertificates}). */
    public ObservableList<String> certificates() {
        return certificates;
    }

    /** Lists the session's IoT Core's certificates into {@link #certificates()}. */
    public void loadCertificates() {
        Profile p = context.fxSession().profileProperty().get();
        tasks.latest("certificates", null, () -> context.aws().iot(p).listCertificates(b -> b.pageSize(250))
                .certificates().stream().map(c -> c.certificateId()).toList(), ids -> certificates.setAll(ids));
    }

    /** The one-sentence problem with the question, or empty when it can be asked. */
    public String problem() {
        if (blank(certificate.get()) && blank(thing.get())) {
            return "Name a certificate or a thing: policies reach a device through its certificate.";
        }
        if (blank(target.get())) {
            return "Enter the " + action.get().targetLabel() + " to test.";
        }
        return "";
    }

    /** Asks the question; the answer goes to {@link #resultProperty()} and to the view's policy panel. */
    public void simulate() {
        String problem = problem();
        if (!problem.isEmpty()) {
            tasks.fail(problem);
            return;
        }
        Profile p = context.fxSession().profileProperty().get();
        Action a = action.get();
        PolicySimulator.Question q = new PolicySimulator.Question(trimmed(certificate.get()), trimmed(thing.get()),
                trimmed(clientId.get()), a.iotAction(), a.resource(target.get().trim()));
        String where = p.kind() == ProfileKind.LOCAL ? "the Local IoT Core" : "AWS (TestAuthorization)";
        tasks.latest("simulate", "Asking " + where, () -> ask(p, q), d -> {
            result.set(d);
            show.accept(d);
            tasks.info((d.allowed() ? "Allowed: " : "Denied: ") + d.reason());
        });
    }

    private AccessDecision ask(Profile p, PolicySimulator.Question q) throws Exception {
        if (p.kind() != ProfileKind.LOCAL) {
            return new AuthorizationTester(context.aws().iot(p), clock).test(q);
        }
        if (localOverride != null) {
            return localOverride.simulate(q);
        }
        try {
            return context.localCore().start().get(60, TimeUnit.SECONDS).policySimulator().simulate(q);
        } catch (ExecutionException e) {
            throw new IOException("The Local IoT Core is not running: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** "ALLOWED by policy P, statement 2" / "DENIED: no statement allowed it" — the result line of the form. */
    public static String summary(AccessDecision d) {
        if (d == null) {
            return "";
        }
        String who = d.policyName() == null ? "" : " by policy " + d.policyName()
                + (d.policyVersionId() == null ? "" : " (version " + d.policyVersionId() + ")")
                + (d.statementIndex() < 0 ? "" : ", statement " + (d.statementIndex() + 1));
        return switch (d.verdict()) {
            case ALLOWED -> "ALLOWED" + who;
            case EXPLICIT_DENY -> "DENIED explicitly" + who;
            case IMPLICIT_DENY -> "DENIED: no statement allows it";
        } + (d.reason().isEmpty() ? "" : " — " + d.reason());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimmed(String s) {
        return blank(s) ? null : s.trim();
    }

    List<Action> actions() {
        return List.of(Action.values());
    }
}
