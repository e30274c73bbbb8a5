package io.iotworkbench.ui.certs;

import io.iotworkbench.cert.AmazonRootCas;
import io.iotworkbench.cert.BundleCheck;
import io.iotworkbench.cert.BundleFiles;
import io.iotworkbench.cert.BundleStore;
import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFileException;
import io.iotworkbench.cert.CertificateFiles;
import io.iotworkbench.cert.CertificateSummary;
import io.iotworkbench.cert.ConnectionCheck;
import io.iotworkbench.cert.ConnectionReport;
import io.iotworkbench.cert.ConnectionStep;
import io.iotworkbench.cert.KeyFiles;
import io.iotworkbench.cert.KeyInfo;
import io.iotworkbench.cert.KeyPairs;
import io.iotworkbench.cert.PasswordRequiredException;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.Verdict;
import io.iotworkbench.cert.WmSdkExport;
import io.iotworkbench.cert.WmSdkExportException;
import io.iotworkbench.cert.WmUserDefEdit;
import io.iotworkbench.cert.aws.CertificateActions;
import io.iotworkbench.cert.aws.PolicyActions;
import io.iotworkbench.cert.aws.PolicyDocuments;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.event.Notification;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.storage.AtomicFiles;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.PaneViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateDescription;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * View model of the Certificates pane: the bundle list (the profiles' files and the workbench's own
 * {@link BundleStore}), adding dropped files or a download folder, the selected bundle's detail and checks, a password
 * for an encrypted key (used once, never kept), creating a key and certificate, the AWS actions on the session's IoT
 * Core (register, activate, deactivate, revoke, delete, policy, attach to the session's thing), the WM SDK export with
 * the {@code aws_user_def.h} diff, the connection check, and "Use in session".
 *
 * <p>Threading: every property and command is FX-thread (tests: a direct executor). Blocking work (files, SDK calls,
 * the connection check) runs on a worker executor, one task at a time; results come back through the context's
 * fxExecutor. Bad input ends in {@link #messageProperty()} with {@link #errorProperty()} set; nothing is written then.
 */
public final class CertificatesViewModel extends PaneViewModel implements AutoCloseable {

    /** How "Create certificate" makes the key and certificate. */
    public enum CreateMethod {
        CSR("Key made here, CSR signed by the session's IoT Core (the key never leaves this machine)"),
        KEYS_AND_CERTIFICATE("Key and certificate made by the session's IoT Core (key saved at once)"),
        SELF_SIGNED("Self-signed here; register it afterwards");

        private final String label;

        CreateMethod(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A label and value of the detail view. */
    public record DetailField(String label, String value) {
    }

    private final PaneContext context;
    private final Executor fx;
    private final Executor worker;
    private final ExecutorService ownWorker;
    private final Clock clock;
    private final BundleStore store;

    private final ObservableList<BundleItem> bundles = FXCollections.observableArrayList();
    private final ObservableList<CertificateActions.Listed> accountCertificates = FXCollections.observableArrayList();
    private final ObjectProperty<BundleItem> selected = new SimpleObjectProperty<>();
    private final ObservableList<DetailField> detail = FXCollections.observableArrayList();
    private final ObservableList<BundleCheck> checks = FXCollections.observableArrayList();
    private final ObservableList<ConnectionStep> connectionSteps = FXCollections.observableArrayList();
    private final ObjectProperty<CertificateSummary> summary = new SimpleObjectProperty<>();
    private final DoubleProperty todayPosition = new SimpleDoubleProperty(Double.NaN);
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty error = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty passwordNeeded = new SimpleBooleanProperty();
    private final StringProperty registration = new SimpleStringProperty("");
    private final StringProperty policyName = new SimpleStringProperty("device-least-privilege");
    private final StringProperty policyText = new SimpleStringProperty();
    private final ObservableList<String> policyProblems = FXCollections.observableArrayList();
    private final StringProperty userDefDiff = new SimpleStringProperty("");
    private final ObservableList<String> demos = FXCollections.observableArrayList();
    private final ObservableList<Path> exportConflicts = FXCollections.observableArrayList();

    private CertificateBundle loaded;
    private WmUserDefEdit.Plan userDefPlan;
    /** What the last action did, shown with the checks of the bundle it selected (FX thread). */
    private String afterLoad;

    public CertificatesViewModel(PaneContext context) {
        this(context, null, Clock.systemUTC());
    }

    /**
     * @param worker where blocking work runs; null for the pane's own single worker thread (tests give a direct
     *               executor)
     */
    CertificatesViewModel(PaneContext context, Executor worker, Clock clock) {
        super(context.fxSession());
        this.context = context;
        this.fx = context.fxExecutor();
        this.clock = clock;
        this.store = BundleStore.open(context.dataFolder().orElseThrow(() -> new IllegalArgumentException(
                "the Certificates pane needs the data folder in its PaneContext")));
        if (worker == null) {
            ownWorker = Executors.newSingleThreadExecutor(DaemonThreads.named("certs-worker"));
            this.worker = ownWorker;
        } else {
            ownWorker = null;
            this.worker = worker;
        }
        policyText.addListener((o, a, b) -> policyProblems.setAll(PolicyDocuments.problems(b)));
        policyText.set(PolicyDocuments.leastPrivilege(regionOf(session().profile()), null));
        selected.addListener((o, a, b) -> load(b, null));
        fxSession().profileProperty().addListener((o, a, b) -> refreshList());
        if (store.problem() != null) {
            fail(store.problem());
        }
        refreshList();
    }

    @Override
    public String title() {
        return "Certificates";
    }

    @Override
    public String purpose() {
        return "Read, check, create, register and export device certificates, keys and root CAs.";
    }

    @Override
    public List<String> capabilities() {
        return List.of(
                "Open PEM/DER certificates and PKCS#1, PKCS#8 and EC keys, with plain-language checks",
                "Create keys and certificates (CSR first, so the key never leaves the machine)",
                "Register, activate, revoke and delete certificates on the Local IoT Core or AWS",
                "Export the WM SDK certificate files with the names the firmware expects");
    }

    // ---- properties

    public ObservableList<BundleItem> bundles() {
        return bundles;
    }

    public ObjectProperty<BundleItem> selectedProperty() {
        return selected;
    }

    public ObservableList<DetailField> detail() {
        return detail;
    }

    public ObservableList<BundleCheck> checks() {
        return checks;
    }

    public ObservableList<ConnectionStep> connectionSteps() {
        return connectionSteps;
    }

    public ReadOnlyObjectProperty<CertificateSummary> summaryProperty() {
        return summary;
    }

    /** Where today lies in the validity period: 0 at its start, 1 at its end, outside when not valid; NaN if none. */
    public ReadOnlyDoubleProperty todayPositionProperty() {
        return todayPosition;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty errorProperty() {
        return error;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty passwordNeededProperty() {
        return passwordNeeded;
    }

    /** The selected certificate's state on the session's IoT Core, as last asked. */
    public ReadOnlyStringProperty registrationProperty() {
        return registration;
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

    public ReadOnlyStringProperty userDefDiffProperty() {
        return userDefDiff;
    }

    public ObservableList<String> demos() {
        return demos;
    }

    /** Files an export would replace; non-empty after an export that stopped to ask. */
    public ObservableList<Path> exportConflicts() {
        return exportConflicts;
    }

    /** The loaded bundle of the selection, when its key could be read. */
    public CertificateBundle loadedBundle() {
        return loaded;
    }

    public BundleStore store() {
        return store;
    }

    // ---- list and loading

    /** Rebuilds the list: profiles with certificate and key files, then the store; unsaved items stay. */
    public void refreshList() {
        List<BundleItem> items = new ArrayList<>();
        context.storedProfiles().ifPresent(ps -> ps.profiles().forEach(p -> {
            if (notBlank(p.certificateFile()) && notBlank(p.privateKeyFile())) {
                items.add(new BundleItem(BundleItem.Source.PROFILE, p.name(), Path.of(p.certificateFile()),
                        Path.of(p.privateKeyFile()), notBlank(p.rootCaFile()) ? Path.of(p.rootCaFile()) : null));
            }
        }));
        for (BundleStore.Entry e : store.entries()) {
            items.add(new BundleItem(BundleItem.Source.STORE, e.name(), Path.of(e.certificate()),
                    Path.of(e.privateKey()), e.rootCa() == null ? null : Path.of(e.rootCa())));
        }
        bundles.stream().filter(b -> b.source() == BundleItem.Source.UNSAVED).forEach(items::add);
        BundleItem keep = selected.get();
        bundles.setAll(items);
        if (keep != null && items.contains(keep)) {
            selected.set(keep);
        }
    }

    /**
     * Adds dropped files or folders: recognised by name and content, read and checked. A bundle without errors is
     * saved to the workbench's list; one with errors (or an encrypted key not yet unlocked) is shown, not saved.
     */
    public void addFiles(List<Path> dropped) {
        run("Reading " + dropped.size() + " item(s)", () -> BundleFiles.recognise(dropped), r -> {
            if (r.certificate() == null) {
                fail("No device certificate found. " + String.join(" ", r.notes()));
                return;
            }
            if (r.privateKey() == null) {
                fail("No private key found beside " + r.certificate().getFileName() + " (AWS names it "
                        + "xxxx-private.pem.key; it can be downloaded only once). " + String.join(" ", r.notes()));
                return;
            }
            addBundle(nameFor(r.certificate()), r.certificate(), r.privateKey(), r.rootCa());
        });
    }

    /** Adds a bundle from its three files (root CA may be null); see {@link #addFiles}. */
    public void addBundle(String name, Path certificate, Path key, Path rootCa) {
        run("Checking " + certificate.getFileName(), () -> {
            PemFiles.readCertificates(certificate);
            if (rootCa != null) {
                PemFiles.readCertificates(rootCa);
            }
            CertificateBundle bundle;
            try {
                bundle = CertificateBundle.read(certificate, key, rootCa, null);
            } catch (PasswordRequiredException e) {
                return null;
            }
            return BundleCheck.anyError(bundle.checks(clock)) ? bundle : null;
        }, bad -> {
            boolean encrypted = bad == null && needsPassword(key);
            String unique = store.freeName(name);
            if (bad != null || encrypted) {
                BundleItem item = new BundleItem(BundleItem.Source.UNSAVED, unique, certificate, key, rootCa);
                bundles.add(item);
                selected.set(item);
                return;
            }
            save(new BundleItem(BundleItem.Source.STORE, unique, certificate, key, rootCa));
            info("Added " + unique + ".");
        });
    }

    private boolean needsPassword(Path key) {
        try {
            PemFiles.readPrivateKey(key);
            return false;
        } catch (PasswordRequiredException e) {
            return true;
        } catch (CertificateFileException e) {
            return false;
        }
    }

    private void save(BundleItem item) {
        try {
            store.put(new BundleStore.Entry(item.name(), item.certificate().toString(), item.privateKey().toString(),
                    item.rootCa() == null ? null : item.rootCa().toString()));
        } catch (IOException e) {
            fail("The list of certificates could not be saved: " + e.getMessage());
            return;
        }
        bundles.removeIf(b -> b.source() == BundleItem.Source.UNSAVED && b.name().equals(item.name()));
        refreshList();
        bundles.stream().filter(b -> b.source() == BundleItem.Source.STORE && b.name().equals(item.name()))
                .findFirst().ifPresent(selected::set);
    }

    /** Forgets the selected bundle from the workbench's list (its files stay where they are). */
    public void removeSelected() {
        BundleItem item = selected.get();
        if (item == null || item.source() == BundleItem.Source.PROFILE) {
            fail("Only bundles of the workbench's list can be removed here; edit the profile for its files.");
            return;
        }
        try {
            store.remove(item.name());
        } catch (IOException e) {
            fail("The list could not be saved: " + e.getMessage());
            return;
        }
        bundles.remove(item);
        selected.set(null);
        refreshList();
        info("Removed " + item.name() + " from the list; its files were kept.");
    }

    /**
     * Reads the selected bundle again with a password for its encrypted key. The array is cleared here; the password
     * is never kept or written. An unsaved bundle whose checks pass is saved to the list.
     */
    public void unlock(char[] password) {
        BundleItem item = selected.get();
        if (item == null) {
            Arrays.fill(password, '\0');
            return;
        }
        char[] copy = password.clone();
        Arrays.fill(password, '\0');
        load(item, copy);
    }

    private void load(BundleItem item, char[] password) {
        loaded = null;
        detail.clear();
        checks.clear();
        connectionSteps.clear();
        summary.set(null);
        todayPosition.set(Double.NaN);
        registration.set("");
        passwordNeeded.set(false);
        if (item == null) {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            return;
        }
        run("Reading " + item.name(), () -> {
            try {
                List<X509Certificate> chain = PemFiles.readCertificates(item.certificate());
                try {
                    return new Loaded(chain, CertificateBundle.read(item.certificate(), item.privateKey(),
                            item.rootCa(), password), null);
                } catch (CertificateFileException e) {
                    return new Loaded(chain, null, e);
                }
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        }, l -> {
            if (selected.get() != item) {
                return;
            }
            show(l.chain().get(0));
            if (l.bundle() == null) {
                passwordNeeded.set(l.keyProblem() instanceof PasswordRequiredException
                        || l.keyProblem() instanceof io.iotworkbench.cert.WrongPasswordException);
                fail(l.keyProblem().getMessage());
                return;
            }
            loaded = l.bundle();
            List<BundleCheck> found = loaded.checks(clock);
            checks.setAll(found);
            detail.add(new DetailField("Private key", keyDescription(loaded) + " · "
                    + item.privateKey().getFileName() + " (content never shown)"));
            detail.add(new DetailField("Root CA", item.rootCa() == null ? "none (the Java runtime's roots are used)"
                    : item.rootCa().getFileName().toString()));
            if (item.source() == BundleItem.Source.UNSAVED && !BundleCheck.anyError(found)) {
                save(new BundleItem(BundleItem.Source.STORE, item.name(), item.certificate(), item.privateKey(),
                        item.rootCa()));
                info("Unlocked and added " + item.name() + ".");
            } else if (BundleCheck.anyError(found)) {
                fail((item.source() == BundleItem.Source.UNSAVED ? "Not saved to the list: " : "") + errors(found));
            } else {
                String note = afterLoad;
                afterLoad = null;
                info((note == null ? "" : note + " ") + item.name() + ": " + found.stream()
                        .filter(c -> c.verdict() == Verdict.WARNING).count() + " warning(s), no errors.");
            }
        });
    }

    private static String keyDescription(CertificateBundle b) {
        try {
            return KeyInfo.of(KeyPairs.publicKeyOf(b.privateKey())).toString();
        } catch (IllegalArgumentException e) {
            return b.privateKey().getAlgorithm() + " (a key type AWS IoT does not accept)";
        }
    }

    private record Loaded(List<X509Certificate> chain, CertificateBundle bundle, CertificateFileException keyProblem) {
    }

    private void show(X509Certificate c) {
        CertificateSummary s = CertificateSummary.of(c);
        summary.set(s);
        Instant now = clock.instant();
        double span = Duration.between(s.notBefore(), s.notAfter()).toSeconds();
        todayPosition.set(span <= 0 ? Double.NaN : Duration.between(s.notBefore(), now).toSeconds() / span);
        detail.add(new DetailField("Subject", s.subject()));
        detail.add(new DetailField("Issuer", s.issuer() + (s.selfSigned() ? " (self-signed)" : "")));
        detail.add(new DetailField("Valid from", s.notBefore().toString()));
        detail.add(new DetailField("Valid until", s.notAfter().toString()));
        detail.add(new DetailField("Key", s.key().toString()));
        detail.add(new DetailField("Kind", (s.ca() ? "CA certificate" : "device (end-entity) certificate")
                + s.amazonRoot().map(r -> ", " + r).orElse("")));
        detail.add(new DetailField("SHA-1", s.sha1Fingerprint()));
        detail.add(new DetailField("SHA-256", colons(s.awsCertificateId())));
        detail.add(new DetailField("AWS id", s.awsCertificateId()));
    }

    // ---- create

    /**
     * Creates a key and certificate into {@code <data>/certificates/<name>/}: with {@link CreateMethod#CSR} the key is
     * written first, then the CSR is signed by the session's IoT Core; with {@link CreateMethod#KEYS_AND_CERTIFICATE}
     * the IoT Core makes both and the key is written before anything else; {@link CreateMethod#SELF_SIGNED} needs no
     * IoT Core. The root CA file is the Local IoT Core's CA or Amazon Root CA 1. The new bundle is saved and selected.
     */
    public void create(String name, String subject, CertificateFactory.KeyType keyType, CreateMethod method) {
        String unique = store.freeName(name);
        Path folder = store.folderFor(unique);
        Profile profile = session().profile();
        try {
            io.iotworkbench.cert.Subjects.parse(subject);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        run("Creating " + unique, () -> {
            Files.createDirectories(folder);
            Path key = folder.resolve("private.pem.key");
            Path cert = folder.resolve("certificate.pem.crt");
            switch (method) {
                case CSR -> {
                    KeyPair keys = CertificateFactory.newKeyPair(keyType);
                    KeyFiles.write(key, keys.getPrivate(), null, KeyFiles.Format.TRADITIONAL);
                    var csr = CertificateFactory.csr(keys, subject);
                    CertificateFiles.writeCsr(folder.resolve("certificate.csr"), csr);
                    var created = new CertificateActions(iot(profile)).createFromCsr(csr, true);
                    CertificateActions.writeCertificate(created.certificatePem(), cert);
                }
                case KEYS_AND_CERTIFICATE -> new CertificateActions(iot(profile))
                        .createKeysAndCertificate(key, cert, true);
                default -> {
                    KeyPair keys = CertificateFactory.newKeyPair(keyType);
                    KeyFiles.write(key, keys.getPrivate(), null, KeyFiles.Format.TRADITIONAL);
                    Instant now = clock.instant();
                    CertificateFiles.write(cert, CertificateFactory.selfSigned(keys, subject,
                            now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(365))));
                }
            }
            Path root = folder.resolve("AmazonRootCA1.pem");
            if (profile.kind() == ProfileKind.LOCAL) {
                root = folder.resolve("local-core-ca.pem");
                Files.copy(localCore().caFile(), root);
            } else {
                AtomicFiles.writeString(root, AmazonRootCas.pem(1));
            }
            return new BundleItem(BundleItem.Source.STORE, unique, cert, key, root);
        }, item -> {
            afterLoad = "Created " + unique + (method == CreateMethod.SELF_SIGNED ? " (self-signed; register it on "
                    + "the IoT Core before connecting)." : " and registered it, ACTIVE, on " + profile.name() + ".");
            save(item);
        });
    }

    // ---- AWS actions on the session's IoT Core

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

    /** Detaches policy {@code policyName} from the selected certificate. */
    public void detachPolicy(String policyName) {
        if (policyName == null || policyName.isBlank()) {
            fail("Name the policy to detach.");
            return;
        }
        withBundle("Detaching policy " + policyName, (b, actions) -> {
            actions.detachPolicy(policyName.strip(), arnOf(actions, b));
            return "Detached policy " + policyName.strip() + " from " + shortId(b.certificateId()) + ".";
        });
    }

    /** Detaches the selected certificate from thing {@code thingName}. */
    public void detachFromThing(String thingName) {
        if (thingName == null || thingName.isBlank()) {
            fail("Name the thing to detach from.");
            return;
        }
        withBundle("Detaching from " + thingName, (b, actions) -> {
            actions.detachFromThing(thingName.strip(), arnOf(actions, b));
            return "Detached " + shortId(b.certificateId()) + " from thing " + thingName.strip() + ".";
        });
    }

    /** Lists every certificate registered on the session's IoT Core (all pages). */
    public void listAccountCertificates() {
        Profile profile = session().profile();
        run("Listing certificates on " + profile.name(), () -> new CertificateActions(iot(profile)).list(),
                list -> {
                    accountCertificates.setAll(list);
                    info(list.size() + " certificate(s) on " + profile.name() + ".");
                });
    }

    /** What can be done to a listed certificate without its files. */
    public enum AccountAction { ACTIVATE, DEACTIVATE, REVOKE, DELETE }

    /** Applies {@code action} to a certificate from {@link #accountCertificates()}, then lists again. */
    public void onAccountCertificate(CertificateActions.Listed cert, AccountAction action) {
        if (cert == null) {
            fail("Select a certificate in the list first.");
            return;
        }
        Profile profile = session().profile();
        run(action.name().toLowerCase(java.util.Locale.ROOT) + " " + shortId(cert.certificateId()), () -> {
            CertificateActions actions = new CertificateActions(iot(profile));
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
            return new Object[]{done + shortId(cert.certificateId()) + ".", actions.list()};
        }, r -> {
            @SuppressWarnings("unchecked")
            List<CertificateActions.Listed> list = (List<CertificateActions.Listed>) r[1];
            accountCertificates.setAll(list);
            info((String) r[0]);
        });
    }

    public ObservableList<CertificateActions.Listed> accountCertificates() {
        return accountCertificates;
    }

    /** Asks the IoT Core about the selected certificate: status, policies, things. */
    public void refreshRegistration() {
        withBundle("Asking the IoT Core", (b, actions) -> null);
    }

    /** Attaches the selected certificate to the session's thing (created when missing). */
    public void attachToSessionThing() {
        String thing = session().thingName();
        if (thing.isEmpty()) {
            fail("The session has no thing; enter one in the session bar first.");
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
            fail("The policy is not valid: " + String.join(" ", policyProblems));
            return;
        }
        String name = policyName.get();
        String document = policyText.get();
        withBundle("Saving policy " + name, (b, actions) -> {
            var outcome = new PolicyActions(iot(session().profile())).createOrUpdate(name, document);
            actions.attachPolicy(name, arnOf(actions, b));
            return (outcome == PolicyActions.Outcome.CREATED ? "Created" : "Updated") + " policy " + name
                    + " and attached it to " + shortId(b.certificateId()) + ".";
        });
    }

    /** Puts the least-privilege template back into the editor. */
    public void resetPolicy() {
        policyText.set(PolicyDocuments.leastPrivilege(regionOf(session().profile()), null));
    }

    private interface BundleAction {
        String run(CertificateBundle bundle, CertificateActions actions) throws Exception;
    }

    private void withBundle(String what, BundleAction action) {
        CertificateBundle b = loaded;
        if (b == null) {
            fail("Select a bundle whose certificate and key can be read first.");
            return;
        }
        Profile profile = session().profile();
        run(what + " on " + profile.name(), () -> {
            CertificateActions actions = new CertificateActions(iot(profile));
            String done = action.run(b, actions);
            return new String[]{done, describe(actions, b)};
        }, r -> {
            registration.set(r[1]);
            if (r[0] != null) {
                info(r[0]);
            } else {
                info(r[1]);
            }
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

    // ---- WM SDK export

    /** Exports the loaded bundle into the SDK; stops with {@link #exportConflicts()} unless {@code overwrite}. */
    public void exportWm(Path sdk, boolean overwrite) {
        CertificateBundle b = loaded;
        if (b == null) {
            fail("Select a bundle whose certificate and key can be read first.");
            return;
        }
        exportConflicts.clear();
        run("Exporting to " + sdk, () -> {
            WmSdkExport export = WmSdkExport.into(sdk);
            List<Path> conflicts = export.conflicts(b);
            if (!conflicts.isEmpty() && !overwrite) {
                return new ExportResult(conflicts, null, export.demos());
            }
            return new ExportResult(List.of(), export.write(b, overwrite), export.demos());
        }, r -> {
            demos.setAll(r.demos());
            if (r.written() == null) {
                exportConflicts.setAll(r.conflicts());
                fail("These files exist with other content: " + names(r.conflicts()) + ". Nothing was written; "
                        + "confirm to replace them.");
                return;
            }
            long written = r.written().stream().filter(f -> f.state() == WmSdkExport.State.WRITTEN).count();
            info("Exported to the WM SDK: " + written + " file(s) written, " + (r.written().size() - written)
                    + " unchanged. Next: the demo's aws_user_def.h.");
        });
    }

    private record ExportResult(List<Path> conflicts, List<WmSdkExport.ExportedFile> written, List<String> demos) {
    }

    /** Lists the SDK's AWS demos (for the demo chooser); an unsuitable folder is a message. */
    public void loadDemos(Path sdk) {
        run("Reading " + sdk, () -> WmSdkExport.into(sdk).demos(), demos::setAll);
    }

    /** Computes the demo's aws_user_def.h edit for the session's endpoint and thing; shows its diff, writes nothing. */
    public void planUserDef(Path sdk, String demo) {
        Profile profile = session().profile();
        String thing = session().thingName();
        userDefPlan = null;
        userDefDiff.set("");
        run("Preparing the aws_user_def.h edit", () -> {
            String endpoint = profile.kind() == ProfileKind.LOCAL ? localCore().mqttHost() : profile.endpoint();
            return WmUserDefEdit.plan(WmSdkExport.into(sdk).userDefFile(demo), endpoint, thing, thing);
        }, plan -> {
            userDefPlan = plan;
            String absent = plan.absent().isEmpty() ? "" : "\n(" + String.join(", ", plan.absent())
                    + " not defined in this file; the demo takes it from demo_config.h.)";
            userDefDiff.set(plan.changes() ? plan.diff() + absent : "aws_user_def.h already holds these values."
                    + absent);
            String loopback = new String(plan.edited(), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .matches("(?s).*AWS_IOT_ENDPOINT\\s+\"(127\\.|localhost).*")
                    ? " Note: a board cannot reach this computer's loopback address; start the Local IoT Core bound "
                    + "to a LAN address (local-core --bind) for a real W800." : "";
            info((plan.changes() ? "Review the aws_user_def.h change below, then apply it." : "aws_user_def.h of "
                    + demo + " already points at " + thing + ".") + loopback);
        });
    }

    /** Applies the edit whose diff is shown, after a backup. */
    public void applyUserDef() {
        WmUserDefEdit.Plan plan = userDefPlan;
        if (plan == null || !plan.changes()) {
            fail("Show the aws_user_def.h diff first.");
            return;
        }
        run("Editing aws_user_def.h", () -> WmUserDefEdit.apply(plan), backup -> {
            userDefPlan = null;
            userDefDiff.set("");
            info("Edited " + plan.file().getFileName() + "; the original is in " + backup.getFileName() + ".");
        });
    }

    // ---- connection check and session

    /** Connects with the loaded bundle to the session profile's endpoint as the session's thing, step by step. */
    public void checkConnection() {
        CertificateBundle b = loaded;
        if (b == null) {
            fail("Select a bundle whose certificate and key can be read first.");
            return;
        }
        Profile profile = session().profile();
        String thing = session().thingName();
        connectionSteps.clear();
        run("Checking the connection", () -> {
            String host = profile.endpoint();
            int port = profile.port();
            if (profile.kind() == ProfileKind.LOCAL) {
                LocalIoTCore core = localCore();
                host = core.mqttHost();
                port = core.mqttPort();
            }
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("The profile " + profile.name() + " has no endpoint.");
            }
            String clientId = thing.isEmpty() ? profile.clientId() : thing;
            return new ConnectionCheck(Duration.ofSeconds(10)).run(b, host, port, clientId);
        }, (ConnectionReport r) -> {
            connectionSteps.setAll(r.steps());
            if (r.succeeded()) {
                info("Connected to " + r.host() + ":" + r.port() + ".");
            } else {
                fail("Failed at " + r.failure().map(s -> s.stage().title() + ": " + s.explanation()).orElse("?"));
            }
        });
    }

    /** Sets the session profile's certificate, key and root CA files to the selected bundle's and saves the profile. */
    public void useInSession() {
        BundleItem item = selected.get();
        if (item == null || loaded == null) {
            fail("Select a bundle whose certificate and key can be read first.");
            return;
        }
        if (BundleCheck.anyError(checks)) {
            fail("This bundle has errors, so a connection with it would fail: " + errors(checks));
            return;
        }
        Profile current = session().profile();
        Profile edited = current.withFiles(item.certificate().toString(), item.privateKey().toString(),
                item.rootCa() == null ? null : item.rootCa().toString());
        try {
            if (context.storedProfiles().isPresent()) {
                edited = context.storedProfiles().get().save(current.name(), edited);
            }
        } catch (IOException | IllegalArgumentException e) {
            fail("The profile could not be saved: " + e.getMessage());
            return;
        }
        session().updateProfile(edited);
        refreshList();
        info("Profile " + edited.name() + " now uses " + item.name() + "; reconnect to use it.");
    }

    @Override
    public void close() {
        if (ownWorker != null) {
            ownWorker.shutdownNow();
        }
    }

    // ---- helpers

    private IotClient iot(Profile profile) throws Exception {
        return context.aws().iot(profile);
    }

    private LocalIoTCore localCore() throws Exception {
        try {
            return context.localCore().start().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("The Local IoT Core is not running: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private <T> void run(String what, Callable<T> work, Consumer<T> done) {
        busy.set(true);
        message.set(what + "…");
        error.set(false);
        worker.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception | LinkageError e) {
                String text = explain(e);
                fx.execute(() -> {
                    busy.set(false);
                    fail(text);
                });
                return;
            }
            fx.execute(() -> {
                busy.set(false);
                try {
                    done.accept(result);
                } catch (RuntimeException e) {
                    fail(explain(e));
                }
            });
        });
    }

    static String explain(Throwable e) {
        if (e instanceof Exception ex && (ex instanceof software.amazon.awssdk.core.exception.SdkException)) {
            return CertificateActions.explain(ex);
        }
        if (e instanceof CertificateFileException || e instanceof WmSdkExportException
                || e instanceof IllegalArgumentException || e instanceof IOException) {
            return e.getMessage();
        }
        return io.iotworkbench.diagnostics.PlainText.withoutJavaNames(e.getMessage(),
                "an unexpected error without a description (details in the error log)");
    }

    private void info(String text) {
        message.set(text);
        error.set(false);
        session().events().publish(Notification.info("Certificates: " + text));
    }

    private void fail(String text) {
        message.set(text);
        error.set(true);
        session().events().publish(Notification.warning("Certificates: " + text));
    }

    private static String errors(List<BundleCheck> checks) {
        return String.join(" ", checks.stream().filter(c -> c.verdict() == Verdict.ERROR)
                .map(c -> c.name() + ": " + c.explanation()).toList());
    }

    private static String nameFor(Path certificate) {
        String f = certificate.getFileName().toString();
        int dash = f.indexOf("-certificate");
        if (dash > 0) {
            return f.substring(0, Math.min(dash, 12));
        }
        if (f.equals("certificate.pem.crt") && certificate.toAbsolutePath().getParent() != null) {
            return certificate.toAbsolutePath().getParent().getFileName().toString();
        }
        int dot = f.indexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    private static String names(List<Path> paths) {
        return String.join(", ", paths.stream().map(p -> p.getFileName().toString()).toList());
    }

    private static String shortId(String id) {
        return id.length() > 10 ? id.substring(0, 10) + "…" : id;
    }

    private static String colons(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(hex, i, Math.min(i + 2, hex.length()));
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String regionOf(Profile p) {
        return p.kind() == ProfileKind.LOCAL ? "*" : p.region();
    }
}
