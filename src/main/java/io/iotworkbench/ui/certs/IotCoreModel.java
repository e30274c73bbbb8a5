package io.iotworkbench.ui.certs;

import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.aws.CertificateActions;
import io.iotworkbench.cert.aws.PolicyActions;
import io.iotworkbench.cert.aws.PolicyDocuments;
import io.iotworkbench.cert.aws.PolicyLint;
import io.iotworkbench.session.Profile;
import io.iotworkbench.ui.certs.CertificatesViewModel.AccountAction;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import software.amazon.awssdk.services.iot.model.CertificateDescription;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import static io.iotworkbench.ui.certs.CertsContext.shortId;

/**
 * The Certificates pane's actions on the session's IoT Core (the Local IoT Core or AWS, the same SDK calls): register,
 * activate, deactivate, revoke, delete, attach to the session's thing, detach; the policy editor (starting from the
 * one least-privilege template of {@link PolicyDocuments}); and the list of every certificate on that IoT Core. SDK
 * calls run on the pane's worker. FX thread.
 */
public final class IotCoreModel {

    private final CertsContext c;
    private final Supplier<CertificateBundle> loaded;
    private final StringProperty registration = new SimpleStringProperty("");
    private final StringProperty policyName = new SimpleStringProperty("device-least-privilege");
    private final StringProperty policyText = new SimpleStringProperty();
    private final ObservableList<String> policyProblems = FXCollections.observableArrayList();
    private final ObservableList<String> policyWarnings = FXCollections.observableArrayList();
    private final ObservableList<CertificateActions.Listed> accountCertificates = FXCollections.observableArrayList();

    IotCoreModel(CertsContext c, Supplier<CertificateBundle> loaded) {
        this.c = c;
        this.loaded = loaded;
        policyText.addListener((o, a, b) -> policyProblems.setAll(PolicyDocuments.problems(b)));
        policyText.addListener((o, a, b) -> lintPolicy());
        c.pane.fxSession().thingNameProperty().addListener((o, a, b) -> lintPolicy());
        resetPolicy();
    }

    /** The selected certificate's state on the session's IoT Core, as last asked. */
    public ReadOnlyStringProperty registrationProperty() {
        return registration;
    }

    void clearRegistration() {
        registration.set("");
    }

    public StringProperty policyNameProperty() {
        return policyName;
    }

    public StringProperty policyTextProperty() {
        return policyText;
    }

    public ObservableList<String> policyProblems() {
        return policyProblems;
    }

    /**
     * What AWS accepts in the editor's policy but will not work as it seems ({@link PolicyLint}: wildcards, resource
     * kinds, variables, the client id of the session's thing, {@code iot:*} on {@code *}), one sentence each.
     */
    public ObservableList<String> policyWarnings() {
        return policyWarnings;
    }

    private void lintPolicy() {
        policyWarnings.setAll(PolicyLint.warnings(policyText.get(), c.pane.fxSession().thingNameProperty().get())
                .stream().map(PolicyLint.Finding::toString).toList());
    }

    public ObservableList<CertificateActions.Listed> accountCertificates() {
        return accountCertificates;
    }

    /** RegisterCertificateWithoutCA of the selected certificate, ACTIVE. */
    public void register() {
        withBundle("Registering", (b, actions) -> {
            var r = actions.registerWithoutCa(b.deviceCertificate(), true);
            return "Registered " + shortId(r.certificateId()) + ", ACTIVE.";
        });
    }

    public void activate() {
        withBundle("Activating", (b, actions) -> {
            actions.activate(b.certificateId());
            return "Activated " + shortId(b.certificateId()) + ".";
        });
    }

    public void deactivate() {
        withBundle("Deactivating", (b, actions) -> {
            actions.deactivate(b.certificateId());
            return "Deactivated " + shortId(b.certificateId()) + "; devices using it are disconnected.";
        });
    }

    /** Revokes; the view asks for confirmation first (a revoked certificate never connects again). */
    public void revoke() {
        withBundle("Revoking", (b, actions) -> {
            actions.revoke(b.certificateId());
            return "Revoked " + shortId(b.certificateId()) + ".";
        });
    }

    /** Deletes from the IoT Core after detaching policies and things and deactivating; the files stay. */
    public void deleteFromIotCore() {
        withBundle("Deleting", (b, actions) -> {
            var r = actions.delete(b.certificateId());
            return "Deleted " + shortId(b.certificateId()) + " from the IoT Core (detached policies "
                    + r.detachedPolicies() + ", things " + r.detachedThings() + (r.deactivated() ? ", deactivated"
                    : "") + "). The files were kept.";
        });
    }

    /** Detaches policy {@code name} from the selected certificate. */
    public void detachPolicy(String name) {
        if (name == null || name.isBlank()) {
            c.fail("Name the policy to detach.");
            return;
        }
        withBundle("Detaching policy " + name, (b, actions) -> {
            actions.detachPolicy(name.strip(), arnOf(actions, b));
            return "Detached policy " + name.strip() + " from " + shortId(b.certificateId()) + ".";
        });
    }

    /** Detaches the selected certificate from thing {@code thingName}. */
    public void detachFromThing(String thingName) {
        if (thingName == null || thingName.isBlank()) {
            c.fail("Name the thing to detach from.");
            return;
        }
        withBundle("Detaching from " + thingName, (b, actions) -> {
            actions.detachFromThing(thingName.strip(), arnOf(actions, b));
            return "Detached " + shortId(b.certificateId()) + " from thing " + thingName.strip() + ".";
        });
    }

    /** Lists every certificate registered on the session's IoT Core (all pages). */
    public void listAccountCertificates() {
        Profile profile = c.session().profile();
        c.tasks.run("Listing certificates on " + profile.name(), () -> new CertificateActions(c.iot(profile)).list(),
                list -> {
                    accountCertificates.setAll(list);
                    c.info(list.size() + " certificate(s) on " + profile.name() + ".");
                });
    }

    /** What an action on a listed certificate did, and the list after it. */
    private record AccountOutcome(String done, List<CertificateActions.Listed> list) {
    }

    /** Applies {@code action} to a certificate from {@link #accountCertificates()}, then lists again. */
    public void onAccountCertificate(CertificateActions.Listed cert, AccountAction action) {
        if (cert == null) {
            c.fail("Select a certificate in the list first.");
            return;
        }
        Profile profile = c.session().profile();
        c.tasks.run(action.name().toLowerCase(Locale.ROOT) + " " + shortId(cert.certificateId()), () -> {
            CertificateActions actions = new CertificateActions(c.iot(profile));
            String done = switch (action) {
                case ACTIVATE -> {
                    actions.activate(cert.certificateId());
                    yield "Activated ";
                }
                case DEACTIVATE -> {
                    actions.deactivate(cert.certificateId());
                    yield "Deactivated ";
                }
                case REVOKE -> {
                    actions.revoke(cert.certificateId());
                    yield "Revoked ";
                }
                case DELETE -> {
                    var r = actions.delete(cert.certificateId());
                    yield "Deleted (detached policies " + r.detachedPolicies() + ", things " + r.detachedThings()
                            + ") ";
                }
            };
            return new AccountOutcome(done + shortId(cert.certificateId()) + ".", actions.list());
        }, r -> {
            accountCertificates.setAll(r.list());
            c.info(r.done());
        });
    }

    /** Asks the IoT Core about the selected certificate: status, policies, things. */
    public void refreshRegistration() {
        withBundle("Asking the IoT Core", (b, actions) -> null);
    }

    /** Attaches the selected certificate to the session's thing (created when missing). */
    public void attachToSessionThing() {
        String thing = c.session().thingName();
        if (thing.isEmpty()) {
            c.fail("The session has no thing; enter one in the session bar first.");
            return;
        }
        withBundle("Attaching to " + thing, (b, actions) -> {
            actions.attachToThing(thing, arnOf(actions, b));
            return "Attached " + shortId(b.certificateId()) + " to thing " + thing + ".";
        });
    }

    /** Creates or updates the policy in the editor and attaches it to the selected certificate. */
    public void saveAndAttachPolicy() {
        if (!policyProblems.isEmpty()) {
            c.fail("The policy is not valid: " + String.join(" ", policyProblems));
            return;
        }
        String name = policyName.get();
        String document = policyText.get();
        withBundle("Saving policy " + name, (b, actions) -> {
            var outcome = new PolicyActions(c.iot(c.session().profile())).createOrUpdate(name, document);
            actions.attachPolicy(name, arnOf(actions, b));
            return (outcome == PolicyActions.Outcome.CREATED ? "Created" : "Updated") + " policy " + name
                    + " and attached it to " + shortId(b.certificateId()) + ".";
        });
    }

    /** Puts the least-privilege template back into the editor. */
    public void resetPolicy() {
        policyText.set(PolicyDocuments.leastPrivilege(CertsContext.regionOf(c.session().profile()), null));
    }

    private interface BundleAction {
        String run(CertificateBundle bundle, CertificateActions actions) throws Exception;
    }

    /** What a bundle action did and the certificate's state after it. */
    private record Outcome(String done, String state) {
    }

    private void withBundle(String what, BundleAction action) {
        CertificateBundle b = loaded.get();
        if (b == null) {
            c.fail("Select a bundle whose certificate and key can be read first.");
            return;
        }
        Profile profile = c.session().profile();
        c.tasks.run(what + " on " + profile.name(), () -> {
            CertificateActions actions = new CertificateActions(c.iot(profile));
            String done = action.run(b, actions);
            return new Outcome(done, describe(actions, b));
        }, r -> {
            registration.set(r.state());
            c.info(r.done() != null ? r.done() : r.state());
        });
    }

    private static String arnOf(CertificateActions actions, CertificateBundle b) {
        return actions.describe(b.certificateId()).certificateArn();
    }

    private static String describe(CertificateActions actions, CertificateBundle b) {
        try {
            CertificateDescription d = actions.describe(b.certificateId());
            return d.statusAsString() + " · policies " + actions.policies(d.certificateArn()) + " · things "
                    + actions.things(d.certificateArn());
        } catch (ResourceNotFoundException e) {
            return "not registered on this IoT Core";
        }
    }
}
