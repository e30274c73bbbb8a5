package io.iotworkbench.ui.certs;

import io.iotworkbench.cert.AmazonRootCas;
import io.iotworkbench.cert.BundleStore;
import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.Subjects;
import io.iotworkbench.cert.aws.CertificateCreation;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.storage.AtomicFiles;
import io.iotworkbench.ui.certs.CertificatesViewModel.CreateMethod;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Certificates pane's "Create": a key and certificate made by {@link CertificateCreation} (the workbench's one
 * way to make them) into {@code <data>/certificates/<name>/}, with the root CA the session's IoT Core is trusted by;
 * the new bundle is saved to the list and selected. Runs on the pane's worker. FX thread.
 */
public final class CreateCertificateModel {

    private final CertsContext c;
    private final BundleStore store;
    private final BundleListModel list;

    CreateCertificateModel(CertsContext c, BundleStore store, BundleListModel list) {
        this.c = c;
        this.store = store;
        this.list = list;
    }

    /**
     * Creates a key and certificate into {@code <data>/certificates/<name>/}: with {@link CreateMethod#CSR} the key is
     * written first, then the CSR is signed by the session's IoT Core; with {@link CreateMethod#KEYS_AND_CERTIFICATE}
     * the IoT Core makes both and the key is written before anything else; {@link CreateMethod#SELF_SIGNED} needs no
     * IoT Core. The root CA file is the Local IoT Core's CA or Amazon Root CA 1. The new bundle is saved and selected.
     */
    public void create(String name, String subject, CertificateFactory.KeyType keyType, CreateMethod method) {
        String unique = store.freeName(name);
        Path folder = store.folderFor(unique);
        Profile profile = c.session().profile();
        try {
            Subjects.parse(subject);
        } catch (IllegalArgumentException e) {
            c.fail(e.getMessage());
            return;
        }
        c.tasks.run("Creating " + unique, () -> {
            var made = new CertificateCreation(method == CreateMethod.SELF_SIGNED ? null : c.iot(profile), c.clock)
                    .inFolder(switch (method) {
                        case CSR -> CertificateCreation.Method.CSR;
                        case KEYS_AND_CERTIFICATE -> CertificateCreation.Method.KEYS_AND_CERTIFICATE;
                        case SELF_SIGNED -> CertificateCreation.Method.SELF_SIGNED;
                    }, folder, subject, keyType, step -> { });
            Path root = folder.resolve("AmazonRootCA1.pem");
            if (profile.kind() == ProfileKind.LOCAL) {
                root = folder.resolve("local-core-ca.pem");
                Files.copy(c.localCore().caFile(), root);
            } else {
                AtomicFiles.writeString(root, AmazonRootCas.pem(1));
            }
            return new BundleItem(BundleItem.Source.STORE, unique, made.certificate(), made.privateKey(), root);
        }, item -> {
            list.noteForNextLoad("Created " + unique + (method == CreateMethod.SELF_SIGNED ? " (self-signed; "
                    + "register it on the IoT Core before connecting)." : " and registered it, ACTIVE, on "
                    + profile.name() + "."));
            list.save(item);
        });
    }
}
