package io.iotworkbench.ui.certs;

import io.iotworkbench.cert.BundleCheck;
import io.iotworkbench.cert.BundleStore;
import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.CertificateFileException;
import io.iotworkbench.cert.WmSdkExportException;
import io.iotworkbench.cert.aws.CertificateActions;
import io.iotworkbench.event.Notification;
import io.iotworkbench.session.Profile;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.PaneTasks;
import io.iotworkbench.ui.common.PaneViewModel;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * View model of the Certificates pane, composed of one sub-model per feature: {@link #list()} (the bundles, the
 * selection's detail and checks, adding files, unlocking an encrypted key), {@link #creation()} (a new key and
 * certificate), {@link #iotCore()} (actions on the session's IoT Core, the policy editor, the account's certificate
 * list), {@link #wmExport()} (WM SDK files and the demo's {@code aws_user_def.h}), {@link #connectionCheck()}; and
 * "Use in session" here.
 *
 * <p>Threading: every property and command is FX-thread (tests: a direct executor). Blocking work (files, SDK calls,
 * the connection check) runs through one {@link PaneTasks} on the pane's {@code certs-worker} thread, one task at a
 * time; results come back through the context's fxExecutor. Bad input ends in {@link #messageProperty()} with
 * {@link #errorProperty()} set; nothing is written then.
 */
public final class CertificatesViewModel extends PaneViewModel {

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

    /** What can be done to a listed certificate without its files. */
    public enum AccountAction { ACTIVATE, DEACTIVATE, REVOKE, DELETE }

    /** A label and value of the detail view. */
    public record DetailField(String label, String value) {
    }

    private final PaneContext context;
    private final PaneTasks tasks;
    private final BundleStore store;
    private final BundleListModel list;
    private final CreateCertificateModel creation;
    private final IotCoreModel iotCore;
    private final WmExportModel wmExport;
    private final ConnectionCheckModel connectionCheck;

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
        this.store = BundleStore.open(context.dataFolder().orElseThrow(() -> new IllegalArgumentException(
                "the Certificates pane needs the data folder in its PaneContext")));
        this.tasks = useTasks(PaneTasks.create(worker, "certs-worker", context.fxExecutor(),
                CertificatesViewModel::explain));
        tasks.onMessage((text, isError) -> session().events().publish(isError
                ? Notification.warning("Certificates: " + text) : Notification.info("Certificates: " + text)));
        CertsContext c = new CertsContext(context, tasks, clock);
        this.iotCore = new IotCoreModel(c, this::loaded);
        this.connectionCheck = new ConnectionCheckModel(c, this::loaded);
        this.list = new BundleListModel(c, store, () -> {
            connectionCheck.connectionSteps().clear();
            iotCore.clearRegistration();
        });
        this.creation = new CreateCertificateModel(c, store, list);
        this.wmExport = new WmExportModel(c, this::loaded);
        fxSession().profileProperty().addListener((o, a, b) -> list.refreshList());
        if (store.problem() != null) {
            tasks.fail(store.problem());
        }
        list.refreshList();
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

    public BundleListModel list() {
        return list;
    }

    public CreateCertificateModel creation() {
        return creation;
    }

    public IotCoreModel iotCore() {
        return iotCore;
    }

    public WmExportModel wmExport() {
        return wmExport;
    }

    public ConnectionCheckModel connectionCheck() {
        return connectionCheck;
    }

    public BundleStore store() {
        return store;
    }

    private CertificateBundle loaded() {
        return list.loaded();
    }

    /** Sets the session profile's certificate, key and root CA files to the selected bundle's and saves the profile. */
    public void useInSession() {
        BundleItem item = list.selectedProperty().get();
        if (item == null || loaded() == null) {
            tasks.fail("Select a bundle whose certificate and key can be read first.");
            return;
        }
        if (BundleCheck.anyError(list.checks())) {
            tasks.fail("This bundle has errors, so a connection with it would fail: "
                    + CertsContext.errors(list.checks()));
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
            tasks.fail("The profile could not be saved: " + e.getMessage());
            return;
        }
        session().updateProfile(edited);
        list.refreshList();
        tasks.info("Profile " + edited.name() + " now uses " + item.name() + "; reconnect to use it.");
    }

    @Override
    public void dispose() {
        tasks.dispose();
    }

    static String explain(Throwable e) {
        if (e instanceof SdkException sdk) {
            return CertificateActions.explain(sdk);
        }
        if (e instanceof CertificateFileException || e instanceof WmSdkExportException
                || e instanceof IllegalArgumentException || e instanceof IOException) {
            return e.getMessage();
        }
        return io.iotworkbench.diagnostics.PlainText.withoutJavaNames(e.getMessage(),
                "an unexpected error without a description (details in the error log)");
    }
}
