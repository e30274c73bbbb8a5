package io.iotworkbench.registry;

import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.WmSdkExport;
import io.iotworkbench.cert.aws.CertificateCreation;
import io.iotworkbench.cert.aws.PolicyDocuments;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The "new device" flow in one call, what the AWS console spreads over five pages: create the thing; make a key and
 * certificate (by default the key is generated here, written owner-only BEFORE anything else, and only a CSR leaves
 * the machine — CreateCertificateFromCsr; optionally CreateKeysAndCertificate); create the least-privilege policy of
 * {@link PolicyDocuments} (connect as the thing's name, its own shadow and jobs topics only); attach the policy
 * to the certificate and the certificate to the thing; optionally write the WM SDK certificate files. Each step is
 * reported to the progress consumer. Key material is never logged.
 *
 * <p>Blocking (SDK calls, disk): call off the FX thread. Stateless apart from the client.
 */
public final class NewDeviceFlow {

    /** What to create: thing name, where to write the files, CSR or AWS-made key, optional WM SDK folder. */
    public record Request(String thingName, Path folder, boolean useCsr, Path wmSdkFolder, Path rootCaFile) {
    }

    /** What was created. */
    public record Result(String thingName, String thingArn, String certificateId, String certificateArn,
                         String policyName, Path certificateFile, Path privateKeyFile) {
    }

    private final IotClient iot;

    public NewDeviceFlow(IotClient iot) {
        this.iot = iot;
    }

    /**
     * The least-privilege policy for a thing, given its ARN ({@code arn:aws:iot:<region>:<account>:thing/<name>}):
     * {@link PolicyDocuments#leastPrivilege} for that region and account, which names the thing through the policy
     * variable {@value PolicyDocuments#THING_VARIABLE}.
     */
    public static String policyFor(String thingArn) {
        String[] parts = thingArn.split(":", 6);
        return PolicyDocuments.leastPrivilege(parts.length > 3 ? parts[3] : "*", parts.length > 4 ? parts[4] : "*");
    }

    public Result run(Request r, Consumer<String> progress) throws Exception {
        String name = ThingNames.require(r.thingName());
        Path keyFile = r.folder().resolve(CertificateCreation.KEY_FILE);
        Path certFile = r.folder().resolve(CertificateCreation.CERTIFICATE_FILE);
        if (Files.exists(keyFile) || Files.exists(certFile)) {
            throw new IllegalArgumentException("The folder " + r.folder() + " already holds a key or certificate; "
                    + "choose another folder so nothing is overwritten.");
        }
        String thingArn = iot.createThing(b -> b.thingName(name)).thingArn();
        progress.accept("1/5 Thing " + name + " created");

        var made = new CertificateCreation(iot, Clock.systemUTC()).inFolder(r.useCsr()
                        ? CertificateCreation.Method.CSR : CertificateCreation.Method.KEYS_AND_CERTIFICATE,
                r.folder(), "CN=" + name, CertificateFactory.KeyType.EC_P256, step -> progress.accept("2/5 " + step));
        String certificateId = made.certificateId();
        String certificateArn = made.certificateArn();
        progress.accept("2/5 Certificate " + certificateId.substring(0, 12) + "… issued and ACTIVE, written to "
                + certFile);

        String policyName = name + "-policy";
        String document = policyFor(thingArn);
        try {
            iot.createPolicy(b -> b.policyName(policyName).policyDocument(document));
            progress.accept("3/5 Policy " + policyName + " created (only this thing's topics)");
        } catch (ResourceAlreadyExistsException e) {
            progress.accept("3/5 Policy " + policyName + " already exists; reusing it");
        }
        iot.attachPolicy(b -> b.policyName(policyName).target(certificateArn));
        iot.attachThingPrincipal(b -> b.thingName(name).principal(certificateArn));
        progress.accept("4/5 Policy attached to the certificate, certificate attached to the thing");

        if (r.wmSdkFolder() != null) {
            WmSdkExport export = WmSdkExport.into(r.wmSdkFolder());
            CertificateBundle bundle = CertificateBundle.read(certFile, keyFile, r.rootCaFile(), null);
            export.write(bundle, false);
            progress.accept("5/5 WM SDK certificate files written under " + r.wmSdkFolder());
        } else {
            progress.accept("5/5 WM SDK files skipped (no SDK folder chosen)");
        }
        return new Result(name, thingArn, certificateId, certificateArn, policyName, certFile, keyFile);
    }
}
