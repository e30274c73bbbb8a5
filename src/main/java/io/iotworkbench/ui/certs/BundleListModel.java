package io.iotworkbench.ui.certs;

import io.iotworkbench.cert.BundleCheck;
import io.iotworkbench.cert.BundleFiles;
import io.iotworkbench.cert.BundleStore;
import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.CertificateFileException;
import io.iotworkbench.cert.CertificateSummary;
import io.iotworkbench.cert.KeyInfo;
import io.iotworkbench.cert.KeyPairs;
import io.iotworkbench.cert.PasswordRequiredException;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.Verdict;
import io.iotworkbench.cert.WrongPasswordException;
import io.iotworkbench.ui.certs.CertificatesViewModel.DetailField;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.BooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Certificates pane's bundle list and the selected bundle: the profiles' files and the workbench's own
 * {@link BundleStore}, adding dropped files or a download folder, the selection's detail, validity and checks, and a
 * password for an encrypted key (used once, never kept). Reading files runs on the pane's worker through
 * {@link CertsContext#tasks}. FX thread.
 */
public final class BundleListModel {

    private final CertsContext c;
    private final BundleStore store;
    private final Runnable onSelectionChange;
    private final ObservableList<BundleItem> bundles = FXCollections.observableArrayList();
    private final ObjectProperty<BundleItem> selected = new SimpleObjectProperty<>();
    private final ObservableList<DetailField> detail = FXCollections.observableArrayList();
    private final ObservableList<BundleCheck> checks = FXCollections.observableArrayList();
    private final ObjectProperty<CertificateSummary> summary = new SimpleObjectProperty<>();
    private final DoubleProperty todayPosition = new SimpleDoubleProperty(Double.NaN);
    private final BooleanProperty passwordNeeded = new SimpleBooleanProperty();

    private CertificateBundle loaded;
    /** What the last action did, shown with the checks of the bundle it selected (FX thread). */
    private String afterLoad;

    /** {@code onSelectionChange}: what the other sub-models clear when another bundle is selected. */
    BundleListModel(CertsContext c, BundleStore store, Runnable onSelectionChange) {
        this.c = c;
        this.store = store;
        this.onSelectionChange = onSelectionChange;
        selected.addListener((o, a, b) -> load(b, null));
    }

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

    public ReadOnlyObjectProperty<CertificateSummary> summaryProperty() {
        return summary;
    }

    /** Where today lies in the validity period: 0 at its start, 1 at its end, outside when not valid; NaN if none. */
    public ReadOnlyDoubleProperty todayPositionProperty() {
        return todayPosition;
    }

    public ReadOnlyBooleanProperty passwordNeededProperty() {
        return passwordNeeded;
    }

    /** The loaded bundle of the selection, when its key could be read; null otherwise. */
    CertificateBundle loaded() {
        return loaded;
    }

    /** Says {@code note} with the checks of the next bundle that loads (after a create). */
    void noteForNextLoad(String note) {
        afterLoad = note;
    }

    /** Rebuilds the list: profiles with certificate and key files, then the store; unsaved items stay. */
    public void refreshList() {
        List<BundleItem> items = new ArrayList<>();
        c.pane.storedProfiles().ifPresent(ps -> ps.profiles().forEach(p -> {
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
        c.tasks.run("Reading " + dropped.size() + " item(s)", () -> BundleFiles.recognise(dropped), r -> {
            if (r.certificate() == null) {
                c.fail("No device certificate found. " + String.join(" ", r.notes()));
                return;
            }
            if (r.privateKey() == null) {
                c.fail("No private key found beside " + r.certificate().getFileName() + " (AWS names it "
                        + "xxxx-private.pem.key; it can be downloaded only once). " + String.join(" ", r.notes()));
                return;
            }
            addBundle(nameFor(r.certificate()), r.certificate(), r.privateKey(), r.rootCa());
        });
    }

    /** The first reading of a new bundle: the bundle when it has errors, and whether its key is encrypted. */
    private record FirstRead(CertificateBundle withErrors, boolean encrypted) {
    }

    /** Adds a bundle from its three files (root CA may be null); see {@link #addFiles}. */
    public void addBundle(String name, Path certificate, Path key, Path rootCa) {
        c.tasks.run("Checking " + certificate.getFileName(), () -> {
            PemFiles.readCertificates(certificate);
            if (rootCa != null) {
                PemFiles.readCertificates(rootCa);
            }
            CertificateBundle bundle;
            try {
                bundle = CertificateBundle.read(certificate, key, rootCa, null);
            } catch (PasswordRequiredException e) {
                return new FirstRead(null, needsPassword(key));
            }
            return new FirstRead(BundleCheck.anyError(bundle.checks(c.clock)) ? bundle : null, false);
        }, first -> {
            String unique = store.freeName(name);
            if (first.withErrors() != null || first.encrypted()) {
                BundleItem item = new BundleItem(BundleItem.Source.UNSAVED, unique, certificate, key, rootCa);
                bundles.add(item);
                selected.set(item);
                return;
            }
            save(new BundleItem(BundleItem.Source.STORE, unique, certificate, key, rootCa));
            c.info("Added " + unique + ".");
        });
    }

    /** Reads the key file (worker thread): true when it is encrypted. */
    private static boolean needsPassword(Path key) {
        try {
            PemFiles.readPrivateKey(key);
            return false;
        } catch (PasswordRequiredException e) {
            return true;
        } catch (CertificateFileException e) {
            return false;
        }
    }

    void save(BundleItem item) {
        try {
            store.put(new BundleStore.Entry(item.name(), item.certificate().toString(), item.privateKey().toString(),
                    item.rootCa() == null ? null : item.rootCa().toString()));
        } catch (IOException e) {
            c.fail("The list of certificates could not be saved: " + e.getMessage());
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
            c.fail("Only bundles of the workbench's list can be removed here; edit the profile for its files.");
            return;
        }
        try {
            store.remove(item.name());
        } catch (IOException e) {
            c.fail("The list could not be saved: " + e.getMessage());
            return;
        }
        bundles.remove(item);
        selected.set(null);
        refreshList();
        c.info("Removed " + item.name() + " from the list; its files were kept.");
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
        onSelectionChange.run();
        summary.set(null);
        todayPosition.set(Double.NaN);
        passwordNeeded.set(false);
        if (item == null) {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            return;
        }
        c.tasks.run("Reading " + item.name(), () -> {
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
                        || l.keyProblem() instanceof WrongPasswordException);
                c.fail(l.keyProblem().getMessage());
                return;
            }
            loaded = l.bundle();
            List<BundleCheck> found = loaded.checks(c.clock);
            checks.setAll(found);
            detail.add(new DetailField("Private key", keyDescription(loaded) + " · "
                    + item.privateKey().getFileName() + " (content never shown)"));
            detail.add(new DetailField("Root CA", item.rootCa() == null ? "none (the Java runtime's roots are used)"
                    : item.rootCa().getFileName().toString()));
            if (item.source() == BundleItem.Source.UNSAVED && !BundleCheck.anyError(found)) {
                save(new BundleItem(BundleItem.Source.STORE, item.name(), item.certificate(), item.privateKey(),
                        item.rootCa()));
                c.info("Unlocked and added " + item.name() + ".");
            } else if (BundleCheck.anyError(found)) {
                c.fail((item.source() == BundleItem.Source.UNSAVED ? "Not saved to the list: " : "")
                        + CertsContext.errors(found));
            } else {
                String note = afterLoad;
                afterLoad = null;
                c.info((note == null ? "" : note + " ") + item.name() + ": " + found.stream()
                        .filter(ch -> ch.verdict() == Verdict.WARNING).count() + " warning(s), no errors.");
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

    private void show(X509Certificate cert) {
        CertificateSummary s = CertificateSummary.of(cert);
        summary.set(s);
        Instant now = c.clock.instant();
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
}
