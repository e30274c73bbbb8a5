package io.iotworkbench.cert;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The checks of one {@link CertificateBundle} at one instant, each a {@link BundleCheck} with a plain-language
 * explanation. Built per call; not shared between threads.
 */
final class BundleChecks {

    /** A certificate expiring sooner than this gets a warning. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    /** The subject of the Local IoT Core's CA ({@code localcore.LocalCa}), which signs servers and devices. */
    private static final String LOCAL_CA_NAME = "CN=IoT Workbench Local CA";
    private static final String USE_CA1 = "For AWS IoT use Amazon Root CA 1 (AmazonRootCA1.pem; the workbench can "
            + "export it).";

    private final CertificateBundle bundle;
    private final X509Certificate device;
    private final Clock clock;

    BundleChecks(CertificateBundle bundle, Clock clock) {
        this.bundle = bundle;
        this.device = bundle.deviceCertificate();
        this.clock = clock;
    }

    List<BundleCheck> all() {
        return List.of(keyMatches(), validity(), keyType(), endEntity(), rootCa(), certificateId());
    }

    BundleCheck keyMatches() {
        PrivateKey key = bundle.privateKey();
        PublicKey certificateKey = device.getPublicKey();
        if (!key.getAlgorithm().equals(certificateKey.getAlgorithm())) {
            return error(BundleCheck.KEY_MATCHES, "The private key is an " + key.getAlgorithm() + " key but the "
                    + "certificate holds an " + certificateKey.getAlgorithm() + " key, so they do not belong together. "
                    + "Choose the key file that was created with this certificate.");
        }
        Boolean samePublicKey = null;
        try {
            samePublicKey = KeyPairs.samePublicKey(KeyPairs.publicKeyOf(key), certificateKey);
        } catch (IllegalArgumentException cannotDerive) {
            // the signature decides alone
        }
        boolean signs = KeyPairs.signatureVerifies(key, certificateKey);
        if (Boolean.FALSE.equals(samePublicKey) || !signs) {
            return error(BundleCheck.KEY_MATCHES, "The private key does not belong to this certificate: "
                    + (Boolean.FALSE.equals(samePublicKey) ? "its public key differs from the one in the certificate"
                    : "a signature made with it does not verify with the certificate") + ". The server would refuse "
                    + "the connection. Choose the key that was created with this certificate (in an AWS download it "
                    + "has the same xxxx- prefix as the certificate).");
        }
        return ok(BundleCheck.KEY_MATCHES, "The private key belongs to the certificate: "
                + (samePublicKey == null ? "" : "the certificate holds its public key, and ")
                + "a signature made with it over a random challenge verifies with the certificate.");
    }

    BundleCheck validity() {
        Instant now = clock.instant();
        Instant from = device.getNotBefore().toInstant();
        Instant until = device.getNotAfter().toInstant();
        if (now.isBefore(from)) {
            return error(BundleCheck.VALIDITY, "The certificate is not valid yet: it is valid from "
                    + DATE.format(from) + " (now is " + DATE.format(now) + "). The server will refuse it until then; "
                    + "if that is unexpected, check the clock of this computer and of the device.");
        }
        if (now.isAfter(until)) {
            return error(BundleCheck.VALIDITY, "The certificate expired on " + DATE.format(until) + ", "
                    + Duration.between(until, now).toDays() + " days ago. The server refuses it: create or request "
                    + "a new certificate.");
        }
        long daysLeft = Duration.between(now, until).toDays();
        if (Duration.between(now, until).compareTo(EXPIRY_WARNING) < 0) {
            return new BundleCheck(BundleCheck.VALIDITY, Verdict.WARNING, "The certificate expires on "
                    + DATE.format(until) + ", in " + daysLeft + " days. Replace it before then: the server refuses "
                    + "expired certificates.");
        }
        return ok(BundleCheck.VALIDITY, "Valid from " + DATE.format(from) + " until " + DATE.format(until) + " ("
                + daysLeft + " days left).");
    }

    BundleCheck keyType() {
        KeyInfo info = KeyInfo.of(device.getPublicKey());
        if (info.acceptedByAws()) {
            String note = info.algorithm().equals("EC") && !info.curve().equals("P-256")
                    ? " Note that the WM SDK's mbedTLS build enables only the P-256 curve." : "";
            return ok(BundleCheck.KEY_TYPE, info + ": AWS IoT accepts it." + note);
        }
        String why = info.algorithm().equals("RSA") ? "RSA " + info.bits() + " is too small. "
                : info + " is not a key type AWS IoT accepts. ";
        return error(BundleCheck.KEY_TYPE, why + KeyInfo.AWS_ACCEPTS + " Create a new RSA 2048 or EC P-256 key and "
                + "certificate.");
    }

    BundleCheck endEntity() {
        if (device.getBasicConstraints() >= 0) {
            Optional<String> amazon = AmazonRootCas.describe(device);
            if (amazon.isPresent()) {
                return error(BundleCheck.END_ENTITY, "This is " + amazon.get() + ", the root CA the server is "
                        + "checked with, not a device certificate. Give it as the root CA, and choose the device "
                        + "certificate (an AWS download names it xxxx-certificate.pem.crt) here.");
            }
            return error(BundleCheck.END_ENTITY, "This is a CA certificate (" + device.getSubjectX500Principal()
                    + ", basic constraints CA:TRUE): it signs other certificates and is not a device certificate. "
                    + "Choose the certificate issued to the device (an AWS download names it "
                    + "xxxx-certificate.pem.crt).");
        }
        List<String> extendedUsage;
        try {
            extendedUsage = device.getExtendedKeyUsage();
        } catch (java.security.cert.CertificateParsingException e) {
            extendedUsage = null;
        }
        if (extendedUsage != null && !extendedUsage.contains(CLIENT_AUTH)
                && !extendedUsage.contains(ANY_EXTENDED_KEY_USAGE)) {
            return new BundleCheck(BundleCheck.END_ENTITY, Verdict.WARNING, "An end-entity certificate, but its "
                    + "extended key usage does not allow TLS client authentication (clientAuth), so a server may "
                    + "refuse it as a device certificate.");
        }
        boolean[] usage = device.getKeyUsage();
        if (usage != null && !usage[0]) {
            return new BundleCheck(BundleCheck.END_ENTITY, Verdict.WARNING, "An end-entity certificate, but its key "
                    + "usage lacks digitalSignature, which TLS client authentication needs; a server may refuse it.");
        }
        String issuer = isSelfSigned(device)
                ? " It is self-signed: AWS IoT accepts it when registered without a CA (RegisterCertificateWithoutCA)."
                : " Issued by " + device.getIssuerX500Principal() + ".";
        return ok(BundleCheck.END_ENTITY, "An end-entity certificate (not a CA), as a device certificate must be."
                + issuer);
    }

    BundleCheck rootCa() {
        List<X509Certificate> roots = bundle.rootCas();
        if (roots.isEmpty()) {
            return new BundleCheck(BundleCheck.ROOT_CA, Verdict.WARNING, "No root CA given. The workbench then "
                    + "trusts the Java runtime's root CAs (Amazon Root CA 1–4 among them), but a device needs the "
                    + "root CA file. " + USE_CA1);
        }
        List<BundleCheck> verdicts = new ArrayList<>();
        for (X509Certificate root : roots) {
            verdicts.add(rootVerdict(root));
        }
        Optional<BundleCheck> error = verdicts.stream().filter(v -> v.verdict() == Verdict.ERROR).findFirst();
        if (error.isPresent()) {
            return error.get();
        }
        String all = String.join(" ", verdicts.stream().map(BundleCheck::explanation).toList());
        Verdict verdict = verdicts.stream().anyMatch(v -> v.verdict() == Verdict.OK) ? Verdict.OK : Verdict.WARNING;
        return new BundleCheck(BundleCheck.ROOT_CA, verdict, all);
    }

    private BundleCheck rootVerdict(X509Certificate root) {
        if (Arrays.equals(encoded(root), encoded(device))) {
            return error(BundleCheck.ROOT_CA, "The root CA file holds the device certificate itself. The root CA is "
                    + "the one the server's certificate chains to. " + USE_CA1 + " A device certificate is never "
                    + "signed by that root, and cannot stand in for it.");
        }
        OptionalInt amazon = AmazonRootCas.identify(root);
        if (amazon.isPresent()) {
            int n = amazon.getAsInt();
            String name = AmazonRootCas.name(n);
            if (n == 2 || n == 4) {
                return new BundleCheck(BundleCheck.ROOT_CA, Verdict.WARNING, name + " is reserved for future use: "
                        + "AWS IoT endpoints chain to Amazon Root CA 1 (RSA) or 3 (EC) today. Add Amazon Root CA 1.");
            }
            return ok(BundleCheck.ROOT_CA, name + ": AWS IoT's ATS endpoints chain to it. The device certificate is "
                    + "not signed by this root (it is issued by " + device.getIssuerX500Principal() + "); that is "
                    + "expected, since the root CA only checks the server.");
        }
        if (AmazonRootCas.isStarfieldServicesRoot(root)) {
            return ok(BundleCheck.ROOT_CA, "The Starfield Services root CA G2, which cross-signs Amazon Root CA 1–4, "
                    + "so AWS IoT endpoints are trusted with it. Amazon Root CA 1 is the usual choice.");
        }
        if (root.getBasicConstraints() < 0 && KeyPairs.signatureVerifies(bundle.privateKey(), root.getPublicKey())) {
            return error(BundleCheck.ROOT_CA, "The root CA file holds your device certificate ("
                    + root.getSubjectX500Principal() + "; the private key belongs to it), not a root CA. Were the "
                    + "files swapped? " + USE_CA1 + " A device certificate is never signed by that root.");
        }
        if (root.getBasicConstraints() < 0) {
            return error(BundleCheck.ROOT_CA, "The root CA file holds an end-entity certificate ("
                    + root.getSubjectX500Principal() + "), not a CA, so no server chains to it. " + USE_CA1);
        }
        if (issued(root, device)) {
            if (root.getSubjectX500Principal().getName().contains(LOCAL_CA_NAME)) {
                return ok(BundleCheck.ROOT_CA, "The Local IoT Core's CA, which signs both its server certificate and "
                        + "device certificates, so it is the right root CA for the Local IoT Core. For AWS IoT use "
                        + "Amazon Root CA 1 instead.");
            }
            return error(BundleCheck.ROOT_CA, "The root CA given (" + root.getSubjectX500Principal() + ") is the CA "
                    + "that issued the device certificate, not the root AWS IoT's servers chain to. Device "
                    + "certificates are never signed by Amazon Root CA 1, and the server is never signed by the "
                    + "device CA. " + USE_CA1);
        }
        return new BundleCheck(BundleCheck.ROOT_CA, Verdict.WARNING, root.getSubjectX500Principal() + " is not one "
                + "of Amazon Root CA 1–4, so an AWS IoT endpoint will not be trusted with it. That is fine for the "
                + "Local IoT Core or another broker whose certificate chains to this CA. " + USE_CA1);
    }

    BundleCheck certificateId() {
        String id = bundle.certificateId();
        return new BundleCheck(BundleCheck.CERTIFICATE_ID, Verdict.INFO, id + ". AWS IoT names the certificate by "
                + "this id (the SHA-256 of its DER encoding); it ends the certificate's ARN, "
                + "arn:aws:iot:REGION:ACCOUNT:cert/" + id + ".");
    }

    static boolean isSelfSigned(X509Certificate c) {
        return issued(c, c);
    }

    /** Whether {@code issuer} signed {@code subject}: names chain and the signature verifies. */
    static boolean issued(X509Certificate issuer, X509Certificate subject) {
        if (!subject.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            return new byte[0];
        }
    }

    private static BundleCheck ok(String name, String explanation) {
        return new BundleCheck(name, Verdict.OK, explanation);
    }

    private static BundleCheck error(String name, String explanation) {
        return new BundleCheck(name, Verdict.ERROR, explanation);
    }
}
