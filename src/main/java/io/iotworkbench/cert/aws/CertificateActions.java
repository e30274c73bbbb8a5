package io.iotworkbench.cert.aws;

import io.iotworkbench.cert.CertificateFiles;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.diagnostics.PlainText;
import io.iotworkbench.storage.AtomicFiles;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateDescription;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.Policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The certificate actions of AWS IoT's control plane through the SDK's {@link IotClient} — the same code against the
 * Local IoT Core and a real account: create from a CSR (offered first: the key never leaves the machine), create keys
 * and certificate (the private key is written to disk, owner-only, before anything else happens), register without a
 * CA, list and describe, activate/deactivate/revoke, delete with the detach steps it needs, attach and detach a policy,
 * attach to and detach from a thing.
 *
 * <p>Every method blocks on the network: call it off the FX thread. Thread-safe (stateless over the client). SDK
 * exceptions pass through; {@link #explain(Exception)} turns them into one plain sentence. Key material is never
 * logged.
 */
public final class CertificateActions {

    /** A certificate as AWS returned it on creation. */
    public record Created(String certificateId, String certificateArn, String certificatePem) {
    }

    /** A row of the certificate list. */
    public record Listed(String certificateId, String certificateArn, String status, Instant created) {
    }

    /** What a delete did before the delete itself, in order. */
    public record DeleteReport(List<String> detachedPolicies, List<String> detachedThings, boolean deactivated) {
    }

    private final IotClient iot;

    public CertificateActions(IotClient iot) {
        this.iot = Objects.requireNonNull(iot);
    }

    /** CreateCertificateFromCsr: AWS signs the CSR; the private key stays where it is. */
    public Created createFromCsr(PKCS10CertificationRequest csr, boolean active) {
        var r = iot.createCertificateFromCsr(b -> b.certificateSigningRequest(Pem.csr(csr)).setAsActive(active));
        return new Created(r.certificateId(), r.certificateArn(), r.certificatePem());
    }

    /**
     * CreateKeysAndCertificate. AWS gives out the private key only in this answer, so the first thing done with it is
     * writing it to {@code keyFile} owner-only; the certificate follows to {@code certificateFile}. Both paths are
     * checked before the call, so a refused path cannot lose a key.
     *
     * @throws IOException when a file exists already or its folder cannot be written (checked before the call), or a
     *                     write fails
     */
    public Created createKeysAndCertificate(Path keyFile, Path certificateFile, boolean active) throws IOException {
        for (Path p : List.of(keyFile, certificateFile)) {
            if (Files.exists(p)) {
                throw new IOException(p + " exists already; choose another name so nothing is overwritten.");
            }
            Path folder = p.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            if (!Files.isWritable(folder)) {
                throw new IOException("The folder " + folder + " cannot be written.");
            }
        }
        CreateKeysAndCertificateResponse r = iot.createKeysAndCertificate(b -> b.setAsActive(active));
        AtomicFiles.write(keyFile, r.keyPair().privateKey().getBytes(StandardCharsets.US_ASCII), true);
        AtomicFiles.write(certificateFile, r.certificatePem().getBytes(StandardCharsets.US_ASCII), false);
        return new Created(r.certificateId(), r.certificateArn(), r.certificatePem());
    }

    /** RegisterCertificateWithoutCA (self-signed or any CA AWS does not know). */
    public Created registerWithoutCa(X509Certificate certificate, boolean active) {
        var r = iot.registerCertificateWithoutCA(b -> b.certificatePem(Pem.certificate(certificate))
                .status(active ? CertificateStatus.ACTIVE : CertificateStatus.INACTIVE));
        return new Created(r.certificateId(), r.certificateArn(), null);
    }

    /** Every certificate of the account (all pages). */
    public List<Listed> list() {
        List<Listed> out = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            var page = iot.listCertificates(b -> b.pageSize(250).marker(m));
            page.certificates().forEach(c -> out.add(new Listed(c.certificateId(), c.certificateArn(),
                    c.statusAsString(), c.creationDate())));
            marker = page.nextMarker();
        } while (marker != null && !marker.isEmpty());
        return out;
    }

    public CertificateDescription describe(String certificateId) {
        return iot.describeCertificate(b -> b.certificateId(certificateId)).certificateDescription();
    }

    public void activate(String certificateId) {
        setStatus(certificateId, CertificateStatus.ACTIVE);
    }

    public void deactivate(String certificateId) {
        setStatus(certificateId, CertificateStatus.INACTIVE);
    }

    /** Revokes: the certificate can never connect again (AWS cannot undo this through the console). */
    public void revoke(String certificateId) {
        setStatus(certificateId, CertificateStatus.REVOKED);
    }

    private void setStatus(String certificateId, CertificateStatus status) {
        iot.updateCertificate(b -> b.certificateId(certificateId).newStatus(status));
    }

    /** The things a certificate is attached to. */
    public List<String> things(String certificateArn) {
        return iot.listPrincipalThings(b -> b.principal(certificateArn)).things();
    }

    /** The policies attached to a certificate. */
    public List<String> policies(String certificateArn) {
        return iot.listAttachedPolicies(b -> b.target(certificateArn)).policies().stream()
                .map(Policy::policyName).toList();
    }

    /**
     * Deletes a certificate the way AWS requires: detaches its policies and things, deactivates it when ACTIVE (a
     * REVOKED one stays revoked), then deletes it.
     */
    public DeleteReport delete(String certificateId) {
        CertificateDescription d = describe(certificateId);
        String arn = d.certificateArn();
        List<String> policies = policies(arn);
        for (String p : policies) {
            detachPolicy(p, arn);
        }
        List<String> things = things(arn);
        for (String t : things) {
            detachFromThing(t, arn);
        }
        boolean deactivate = d.status() == CertificateStatus.ACTIVE;
        if (deactivate) {
            deactivate(certificateId);
        }
        iot.deleteCertificate(b -> b.certificateId(certificateId));
        return new DeleteReport(policies, things, deactivate);
    }

    public void attachPolicy(String policyName, String certificateArn) {
        iot.attachPolicy(b -> b.policyName(policyName).target(certificateArn));
    }

    public void detachPolicy(String policyName, String certificateArn) {
        iot.detachPolicy(b -> b.policyName(policyName).target(certificateArn));
    }

    /** Attaches the certificate to a thing, creating the thing when it does not exist. */
    public void attachToThing(String thingName, String certificateArn) {
        try {
            iot.describeThing(b -> b.thingName(thingName));
        } catch (software.amazon.awssdk.services.iot.model.ResourceNotFoundException e) {
            iot.createThing(b -> b.thingName(thingName));
        }
        iot.attachThingPrincipal(b -> b.thingName(thingName).principal(certificateArn));
    }

    public void detachFromThing(String thingName, String certificateArn) {
        iot.detachThingPrincipal(b -> b.thingName(thingName).principal(certificateArn));
    }

    /** Writes a certificate AWS returned as PEM to {@code file}. */
    public static X509Certificate writeCertificate(String certificatePem, Path file)
            throws IOException, io.iotworkbench.cert.CertificateFileException {
        Path tmp = Files.createTempFile("aws-cert", ".pem");
        try {
            Files.writeString(tmp, certificatePem, StandardCharsets.US_ASCII);
            X509Certificate c = PemFiles.readCertificate(tmp);
            CertificateFiles.write(file, c);
            return c;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** An SDK or I/O failure in one plain sentence, for the pane's status line and the command line. */
    public static String explain(Exception e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s) {
            String msg = s.awsErrorDetails() == null ? s.getMessage() : s.awsErrorDetails().errorMessage();
            String code = s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode();
            return (code == null || code.isEmpty() ? "" : code + ": ") + msg;
        }
        if (e instanceof software.amazon.awssdk.core.exception.SdkClientException c) {
            return "The IoT endpoint could not be reached: " + c.getMessage();
        }
        return PlainText.withoutJavaNames(e.getMessage(), "an unexpected error without a description");
    }
}
