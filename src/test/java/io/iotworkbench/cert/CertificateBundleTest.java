package io.iotworkbench.cert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.iotworkbench.cert.CertificateFactory.KeyType.EC_P256;
import static io.iotworkbench.cert.CertificateFactory.KeyType.RSA_2048;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link CertificateBundle#checks}: the WM SDK's real demo bundle, and every mistake built on purpose. */
class CertificateBundleTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final KeyPair CA_KEYS = CertificateFactory.newKeyPair(RSA_2048);
    private static final X509Certificate DEVICE_CA = CertificateFactory.selfSignedCa(CA_KEYS, "CN=Device CA,O=Test",
            NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(3650)));
    private static final KeyPair DEVICE_KEYS = CertificateFactory.newKeyPair(EC_P256);

    @TempDir
    Path dir;

    private static X509Certificate device(KeyPair keys, Instant from, Instant until) {
        return CertificateFactory.clientCertificate(keys.getPublic(), "CN=device", DEVICE_CA, CA_KEYS.getPrivate(),
                from, until);
    }

    private static X509Certificate device() {
        return device(DEVICE_KEYS, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
    }

    private static BundleCheck check(CertificateBundle bundle, String name) {
        return bundle.checks(CLOCK).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static CertificateBundle wmDemoBundle(boolean withRoot) throws Exception {
        return CertificateBundle.read(WmSdkFiles.file(WmSdkFiles.CERTIFICATE), WmSdkFiles.file(WmSdkFiles.PRIVATE_KEY),
                withRoot ? WmSdkFiles.file(WmSdkFiles.ROOT_CA) : null, null);
    }

    @Test
    void checksComeInAFixedOrder() {
        var bundle = new CertificateBundle(List.of(device()), DEVICE_KEYS.getPrivate(),
                List.of(AmazonRootCas.certificate(1)));
        assertThat(bundle.checks(CLOCK)).extracting(BundleCheck::name).containsExactly(BundleCheck.KEY_MATCHES,
                BundleCheck.VALIDITY, BundleCheck.KEY_TYPE, BundleCheck.END_ENTITY, BundleCheck.ROOT_CA,
                BundleCheck.CERTIFICATE_ID);
        assertThat(bundle.checks(CLOCK)).extracting(BundleCheck::verdict).containsExactly(Verdict.OK, Verdict.OK,
                Verdict.OK, Verdict.OK, Verdict.OK, Verdict.INFO);
        assertThat(BundleCheck.anyError(bundle.checks(CLOCK))).isFalse();
    }

    @Test
    void theWmSdkDemoBundlePassesWithItsFacts() throws Exception {
        CertificateBundle bundle = wmDemoBundle(true);
        List<BundleCheck> checks = bundle.checks(CLOCK);
        assertThat(BundleCheck.anyError(checks)).isFalse();
        assertThat(check(bundle, BundleCheck.KEY_MATCHES).verdict()).isEqualTo(Verdict.OK);
        assertThat(check(bundle, BundleCheck.KEY_TYPE).explanation()).startsWith("RSA 2048");
        assertThat(check(bundle, BundleCheck.VALIDITY).explanation()).contains("until 2049-12-31 23:59:59 UTC");
        assertThat(bundle.deviceCertificate().getNotAfter().toInstant())
                .isEqualTo(Instant.parse("2049-12-31T23:59:59Z"));
        BundleCheck root = check(bundle, BundleCheck.ROOT_CA);
        assertThat(root.verdict()).isEqualTo(Verdict.OK);
        assertThat(root.explanation()).startsWith("Amazon Root CA 1:").contains("not signed by this root",
                "Amazon Web Services");
        assertThat(check(bundle, BundleCheck.END_ENTITY).explanation()).contains("Issued by OU=\"Amazon Web Services");
    }

    @Test
    void theWmSdkDemoCertificateIsIssuedByAwsDeviceCaNotByAmazonRootCa1() throws Exception {
        CertificateBundle bundle = wmDemoBundle(true);
        X509Certificate device = bundle.deviceCertificate();
        X509Certificate root = bundle.rootCas().get(0);
        assertThat(AmazonRootCas.identify(root)).hasValue(1);
        assertThat(device.getIssuerX500Principal()).isNotEqualTo(root.getSubjectX500Principal());
        assertThat(device.getIssuerX500Principal().getName()).startsWith("OU=Amazon Web Services")
                .contains("Amazon.com Inc.");
        assertThat(BundleChecks.issued(root, device)).isFalse();
    }

    @Test
    void theWmSdkDemoCertificateIdIsTheSha256OfItsDer() throws Exception {
        CertificateBundle bundle = wmDemoBundle(false);
        BundleCheck id = check(bundle, BundleCheck.CERTIFICATE_ID);
        assertThat(id.verdict()).isEqualTo(Verdict.INFO);
        assertThat(bundle.certificateId()).matches("[0-9a-f]{64}")
                .isEqualTo(CertificateIds.of(bundle.deviceCertificate().getEncoded()));
        assertThat(id.explanation()).startsWith(bundle.certificateId()).contains(":cert/" + bundle.certificateId());
    }

    @Test
    void theWmSdkDemoCertificateAgesIntoWarningsAndErrors() throws Exception {
        CertificateBundle bundle = wmDemoBundle(true);
        BundleCheck early = bundle.checks(Clock.fixed(Instant.parse("2024-12-01T00:00:00Z"), ZoneOffset.UTC)).get(1);
        assertThat(early.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(early.explanation()).contains("not valid yet", "2024-12-16");
        BundleCheck soon = bundle.checks(Clock.fixed(Instant.parse("2049-12-15T00:00:00Z"), ZoneOffset.UTC)).get(1);
        assertThat(soon.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(soon.explanation()).contains("in 16 days");
        BundleCheck late = bundle.checks(Clock.fixed(Instant.parse("2050-01-02T00:00:00Z"), ZoneOffset.UTC)).get(1);
        assertThat(late.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(late.explanation()).contains("expired on 2049-12-31");
    }

    @Test
    void generatedExpiredNotYetValidAndExpiringCertificates() {
        var expired = new CertificateBundle(List.of(device(DEVICE_KEYS, NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(35)))), DEVICE_KEYS.getPrivate(), List.of());
        assertThat(check(expired, BundleCheck.VALIDITY)).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(c.explanation()).contains("expired", "35 days ago");
        });
        var future = new CertificateBundle(List.of(device(DEVICE_KEYS, NOW.plus(Duration.ofDays(2)),
                NOW.plus(Duration.ofDays(400)))), DEVICE_KEYS.getPrivate(), List.of());
        assertThat(check(future, BundleCheck.VALIDITY)).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(c.explanation()).contains("not valid yet", "clock");
        });
        var expiring = new CertificateBundle(List.of(device(DEVICE_KEYS, NOW.minus(Duration.ofDays(300)),
                NOW.plus(Duration.ofDays(29)))), DEVICE_KEYS.getPrivate(), List.of());
        assertThat(check(expiring, BundleCheck.VALIDITY).verdict()).isEqualTo(Verdict.WARNING);
        var fine = new CertificateBundle(List.of(device(DEVICE_KEYS, NOW.minus(Duration.ofDays(300)),
                NOW.plus(Duration.ofDays(31)))), DEVICE_KEYS.getPrivate(), List.of());
        assertThat(check(fine, BundleCheck.VALIDITY).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void anotherKeyOfTheSameTypeDoesNotMatch() throws Exception {
        KeyPair other = CertificateFactory.newKeyPair(RSA_2048);
        var bundle = new CertificateBundle(wmDemoBundle(false).deviceChain(), other.getPrivate(), List.of());
        BundleCheck c = check(bundle, BundleCheck.KEY_MATCHES);
        assertThat(c.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(c.explanation()).contains("does not belong to this certificate", "public key differs");
    }

    @Test
    void aKeyOfAnotherAlgorithmDoesNotMatch() {
        var bundle = new CertificateBundle(List.of(device()), CA_KEYS.getPrivate(), List.of());
        BundleCheck c = check(bundle, BundleCheck.KEY_MATCHES);
        assertThat(c.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(c.explanation()).contains("RSA key but the certificate holds an EC key");
    }

    @Test
    void aCaCertificateAsDeviceCertificateIsAnError() {
        var bundle = new CertificateBundle(List.of(DEVICE_CA), CA_KEYS.getPrivate(), List.of());
        BundleCheck c = check(bundle, BundleCheck.END_ENTITY);
        assertThat(c.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(c.explanation()).contains("CA certificate", "CA:TRUE", "not a device certificate");
        assertThat(check(bundle, BundleCheck.KEY_MATCHES).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void amazonRootCa1AsDeviceCertificateIsNamed() {
        var bundle = new CertificateBundle(List.of(AmazonRootCas.certificate(1)), CA_KEYS.getPrivate(), List.of());
        assertThat(check(bundle, BundleCheck.END_ENTITY).explanation()).startsWith("This is Amazon Root CA 1")
                .contains("Give it as the root CA");
    }

    @Test
    void anRsa1024KeyIsTooSmallForAws() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair small = g.generateKeyPair();
        var bundle = new CertificateBundle(List.of(device(small, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)))), small.getPrivate(), List.of());
        BundleCheck c = check(bundle, BundleCheck.KEY_TYPE);
        assertThat(c.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(c.explanation()).contains("RSA 1024 is too small", KeyInfo.AWS_ACCEPTS);
        assertThat(check(bundle, BundleCheck.KEY_MATCHES).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void p384IsAcceptedWithANoteForTheWmSdk() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair p384 = g.generateKeyPair();
        var bundle = new CertificateBundle(List.of(device(p384, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(90)))), p384.getPrivate(), List.of());
        BundleCheck c = check(bundle, BundleCheck.KEY_TYPE);
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
        assertThat(c.explanation()).startsWith("EC P-384").contains("only the P-256 curve");
    }

    @Test
    void aServerCertificateAsDeviceCertificateWarnsAboutClientAuth() {
        X509Certificate server = CertificateFactory.serverCertificate(DEVICE_KEYS.getPublic(), "CN=server",
                DEVICE_CA, CA_KEYS.getPrivate(), List.of("example.com"), List.of(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(90)));
        var bundle = new CertificateBundle(List.of(server), DEVICE_KEYS.getPrivate(), List.of());
        BundleCheck c = check(bundle, BundleCheck.END_ENTITY);
        assertThat(c.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(c.explanation()).contains("clientAuth");
    }

    @Test
    void aSelfSignedDeviceCertificateIsFineWhenRegisteredWithoutCa() {
        X509Certificate self = CertificateFactory.selfSigned(DEVICE_KEYS, "CN=self", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(90)));
        var bundle = new CertificateBundle(List.of(self), DEVICE_KEYS.getPrivate(), List.of());
        assertThat(check(bundle, BundleCheck.END_ENTITY).explanation()).contains("self-signed",
                "RegisterCertificateWithoutCA");
    }

    @Test
    void theDeviceCertificateGivenAsRootCaIsAnError() {
        X509Certificate device = device();
        var bundle = new CertificateBundle(List.of(device), DEVICE_KEYS.getPrivate(), List.of(device));
        BundleCheck c = check(bundle, BundleCheck.ROOT_CA);
        assertThat(c.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(c.explanation()).contains("holds the device certificate itself", "Amazon Root CA 1",
                "never signed by that root");
    }

    @Test
    void theDeviceCertificatesIssuerGivenAsRootCaIsAnError() {
        var bundle = new CertificateBundle(List.of(device()), DEVICE_KEYS.getPrivate(), List.of(DEVICE_CA));
        BundleCheck c = check(bundle, BundleCheck.ROOT_CA);
        assertThat(c.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(c.explanation()).contains("is the CA that issued the device certificate",
                "never signed by Amazon Root CA 1");
    }

    @Test
    void swappedCertificateAndRootCaAreRecognised() throws Exception {
        CertificateBundle demo = wmDemoBundle(true);
        var swapped = new CertificateBundle(demo.rootCas(), demo.privateKey(), demo.deviceChain());
        assertThat(check(swapped, BundleCheck.END_ENTITY).explanation()).startsWith("This is Amazon Root CA 1");
        assertThat(check(swapped, BundleCheck.ROOT_CA).explanation()).contains("holds your device certificate",
                "swapped");
        assertThat(check(swapped, BundleCheck.KEY_MATCHES).verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void anErrorAmongSeveralRootsWins() {
        X509Certificate device = device();
        var bundle = new CertificateBundle(List.of(device), DEVICE_KEYS.getPrivate(),
                List.of(AmazonRootCas.certificate(1), device));
        assertThat(check(bundle, BundleCheck.ROOT_CA).verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void theLocalIoTCoresCaIsTheRightRootForTheLocalIoTCore() {
        KeyPair localKeys = CertificateFactory.newKeyPair(RSA_2048);
        X509Certificate localCa = CertificateFactory.selfSignedCa(localKeys, "CN=IoT Workbench Local CA,"
                + "O=IoT Workbench", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));
        X509Certificate device = CertificateFactory.clientCertificate(DEVICE_KEYS.getPublic(), "CN=AWS IoT "
                + "Certificate", localCa, localKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)));
        var bundle = new CertificateBundle(List.of(device), DEVICE_KEYS.getPrivate(), List.of(localCa));
        BundleCheck c = check(bundle, BundleCheck.ROOT_CA);
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
        assertThat(c.explanation()).contains("Local IoT Core's CA", "For AWS IoT use Amazon Root CA 1");
    }

    @Test
    void anUnrelatedCaIsAWarningAndAnEndEntityRootAnError() {
        KeyPair keys = CertificateFactory.newKeyPair(EC_P256);
        X509Certificate other = CertificateFactory.selfSignedCa(keys, "CN=Corporate Root", NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(30)));
        var unrelated = new CertificateBundle(List.of(device()), DEVICE_KEYS.getPrivate(), List.of(other));
        assertThat(check(unrelated, BundleCheck.ROOT_CA)).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.WARNING);
            assertThat(c.explanation()).contains("not one of Amazon Root CA 1–4");
        });
        X509Certificate leaf = CertificateFactory.selfSigned(keys, "CN=leaf", NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(30)));
        var endEntity = new CertificateBundle(List.of(device()), DEVICE_KEYS.getPrivate(), List.of(leaf));
        assertThat(check(endEntity, BundleCheck.ROOT_CA).explanation()).contains("end-entity certificate");
    }

    @Test
    void noRootAndReservedRootsAreWarnings() {
        var none = new CertificateBundle(List.of(device()), DEVICE_KEYS.getPrivate(), List.of());
        assertThat(check(none, BundleCheck.ROOT_CA)).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.WARNING);
            assertThat(c.explanation()).contains("No root CA given", "AmazonRootCA1.pem");
        });
        var ca2 = new CertificateBundle(List.of(device()), DEVICE_KEYS.getPrivate(),
                List.of(AmazonRootCas.certificate(2)));
        assertThat(check(ca2, BundleCheck.ROOT_CA)).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.WARNING);
            assertThat(c.explanation()).contains("reserved");
        });
        var ca3 = new CertificateBundle(List.of(device()), DEVICE_KEYS.getPrivate(),
                List.of(AmazonRootCas.certificate(3)));
        assertThat(check(ca3, BundleCheck.ROOT_CA).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void aBundleReadsAnEncryptedKeyWithItsPasswordAndNeverShowsIt() throws Exception {
        Path cert = dir.resolve("certificate.pem.crt");
        CertificateFiles.write(cert, device());
        Path key = dir.resolve("private.pem.key");
        KeyFiles.write(key, DEVICE_KEYS.getPrivate(), "pw".toCharArray(), KeyFiles.Format.PKCS8);
        CertificateBundle bundle = CertificateBundle.read(cert, key, null, "pw".toCharArray());
        assertThat(check(bundle, BundleCheck.KEY_MATCHES).verdict()).isEqualTo(Verdict.OK);
        String s = ((java.security.interfaces.ECPrivateKey) bundle.privateKey()).getS().toString(16);
        assertThat(bundle.toString()).contains("CN=device").doesNotContain(s);
    }
}
