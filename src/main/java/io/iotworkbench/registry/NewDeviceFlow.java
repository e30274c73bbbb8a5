package io.iotworkbench.registry;

import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.cert.WmSdkExport;
import io.iotworkbench.storage.AtomicFiles;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.function.Consumer;

/**
 * The "new device" flow in one call, what the AWS console spreads over five pages: create the thing; make a key and
 * certificate (by default the key is generated here, written owner-only BEFORE anything else, and only a CSR leaves
 * the machine — CreateCertificateFromCsr; optionally CreateKeysAndCertificate); create a least-privilege policy
 * (connect as the thing's name, publish/receive/subscribe only under {@code $aws/things/<thing>/}); attach the policy
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

    /** The least-privilege policy for a thing, given its ARN ({@code arn:aws:iot:<region>:<account>:thing/<name>}). */
    public static String policyFor(String thingArn, String thingName) {
        String prefix = thingArn.substring(0, thingArn.lastIndexOf(":thing/") + 1);
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"
                + "    {\"Effect\": \"Allow\", \"Action\": \"iot:Connect\", \"Resource\": \"" + prefix + "client/"
                + thingName + "\"},\n"
                + "    {\"Effect\": \"Allow\", \"Action\": [\"iot:Publish\", \"iot:Receive\"], \"Resource\": \""
                + prefix + "topic/$aws/things/" + thingName + "/*\"},\n"
                + "    {\"Effect\": \"Allow\", \"Action\": \"iot:Subscribe\", \"Resource\": \"" + prefix
                + "topicfilter/$aws/things/" + thingName + "/*\"}\n  ]\n}";
    }

    public Result run(Request r, Consumer<String> progress) throws Exception {
        String name = r.thingName();
        if (name == null || !name.matches("[a-zA-Z0-9:_-]{1,128}")) {
            throw new IllegalArgumentException("The thing name must be 1-128 characters of letters, digits, ':', "
                    + "'_' or '-'.");
        }
        Files.createDirectories(r.folder());
        Path keyFile = r.folder().resolve("private.pem.key");
        Path certFile = r.folder().resolve("certificate.pem.crt");
        if (Files.exists(keyFile) || Files.exists(certFile)) {
            throw new IllegalArgumentException("The folder " + r.folder() + " already holds a key or certificate; "
                    + "choose another folder so nothing is overwritten.");
        }
        String thingArn = iot.createThing(b -> b.thingName(name)).thingArn();
        progress.accept("1/5 Thing " + name + " created");

        String certificateId;
        String certificateArn;
        String certificatePem;
        if (r.useCsr()) {
            KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
            AtomicFiles.writeOwnerOnly(keyFile, Pem.privateKeyPkcs8(keys.getPrivate())
                    .getBytes(StandardCharsets.US_ASCII));
            progress.accept("2/5 Private key written (owner-only) to " + keyFile);
            String csr = Pem.csr(CertificateFactory.csr(keys, "CN=" + name));
            var made = iot.createCertificateFromCsr(b -> b.certificateSigningRequest(csr).setAsActive(true));
            certificateId = made.certificateId();
            certificateArn = made.certificateArn();
            certificatePem = made.certificatePem();
        } else {
            var made = iot.createKeysAndCertificate(b -> b.setAsActive(true));
            AtomicFiles.writeOwnerOnly(keyFile, made.keyPair().privateKey().getBytes(StandardCharsets.US_ASCII));
            progress.accept("2/5 Private key from AWS written (owner-only) to " + keyFile);
            certificateId = made.certificateId();
            certificateArn = made.certificateArn();
            certificatePem = made.certificatePem();
        }
        AtomicFiles.writeString(certFile, certificatePem);
        progress.accept("2/5 Certificate " + certificateId.substring(0, 12) + "… issued and ACTIVE, written to "
                + certFile);

        String policyName = name + "-policy";
        String document = policyFor(thingArn, name);
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
