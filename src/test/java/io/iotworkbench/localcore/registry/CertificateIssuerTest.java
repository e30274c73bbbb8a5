package io.iotworkbench.localcore.registry;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateIds;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.localcore.store.LocalCoreDatabase;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateIssuerTest {

    @TempDir
    Path dir;

    private LocalCoreDatabase db;
    private Registry registry;
    private CertificateIssuer issuer;

    @BeforeEach
    void open() throws Exception {
        db = LocalCoreDatabase.open(dir);
        registry = new Registry(db);
        issuer = new CertificateIssuer(registry, LocalCa.openOrCreate(dir.resolve("ca"), Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    private static String csr(KeyPair subject, PrivateKey signer, String algorithm) throws Exception {
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device"),
                subject.getPublic()).build(new JcaContentSignerBuilder(algorithm)
                .setProvider(new BouncyCastleProvider()).build(signer));
        return pem(csr);
    }

    private static AwsErrorKind kindOf(Runnable r) {
        try {
            r.run();
        } catch (RegistryException e) {
            return e.kind();
        }
        throw new AssertionError("expected a RegistryException");
    }

    @Test
    void keysAndCertificateAreRsa2048Pkcs1AndRegistered() {
        CertificateIssuer.KeysAndCertificate created = issuer.createKeysAndCertificate(CertificateStatus.ACTIVE);
        assertThat(created.privateKeyPem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(created.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(registry.certificateStatus(created.certificate().id())).contains(CertificateStatus.ACTIVE);
        assertThat(created.certificate().mode()).isEqualTo(CertificateMode.DEFAULT);
    }

    @Test
    void aCsrIsSignedByTheLocalCaWithTheCsrsKey() throws Exception {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        CertificateRecord record = issuer.createCertificateFromCsr(pem(CertificateFactory.csr(keys, "CN=device")),
                CertificateStatus.INACTIVE);
        assertThat(record.status()).isEqualTo(CertificateStatus.INACTIVE);
        assertThat(record.notAfter()).isEqualTo(LocalCa.DEVICE_NOT_AFTER);
        CertificateRecord again = issuer.createCertificateFromCsr(pem(CertificateFactory.csr(keys, "CN=device")),
                CertificateStatus.INACTIVE);
        assertThat(again.id()).as("reusing a CSR makes a new certificate").isNotEqualTo(record.id());
    }

    @Test
    void csrsWithWeakKeysUnsupportedCurvesBadSignaturesOrNoPemAreInvalidRequests() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair weak = rsa.generateKeyPair();
        assertThatThrownBy(() -> issuer.createCertificateFromCsr(csr(weak, weak.getPrivate(), "SHA256withRSA"),
                CertificateStatus.ACTIVE)).hasMessageContaining("1024 bits");

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        ec.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPair k1 = ec.generateKeyPair();
        String k1Csr = csr(k1, k1.getPrivate(), "SHA256withECDSA");
        assertThat(kindOf(() -> issuer.createCertificateFromCsr(k1Csr, CertificateStatus.ACTIVE)))
                .isEqualTo(AwsErrorKind.INVALID_REQUEST);

        KeyPair a = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        KeyPair b = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        String forged = csr(a, b.getPrivate(), "SHA256withECDSA");
        assertThatThrownBy(() -> issuer.createCertificateFromCsr(forged, CertificateStatus.ACTIVE))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(AwsErrorKind.INVALID_REQUEST))
                .hasMessageContaining("signature");

        KeyPair sha1 = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        assertThatThrownBy(() -> issuer.createCertificateFromCsr(csr(sha1, sha1.getPrivate(), "SHA1withRSA"),
                CertificateStatus.ACTIVE)).hasMessageContaining("unsupported algorithm");

        assertThat(kindOf(() -> issuer.createCertificateFromCsr("hello", CertificateStatus.ACTIVE)))
                .isEqualTo(AwsErrorKind.INVALID_REQUEST);
        assertThat(registry.listCertificates(null, null, false).items()).isEmpty();
    }

    @Test
    void registeringWithoutCaKeepsTheCertificateInSniOnlyMode() {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        X509Certificate cert = CertificateFactory.selfSigned(keys, "CN=mine", Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(9)));
        CertificateRecord record = issuer.registerWithoutCa(Pem.certificate(cert), CertificateStatus.ACTIVE);
        assertThat(record.id()).isEqualTo(CertificateIds.of(cert));
        assertThat(record.mode()).isEqualTo(CertificateMode.SNI_ONLY);
        assertThat(record.caCertificateId()).isNull();
        assertThat(kindOf(() -> issuer.registerWithoutCa("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
                CertificateStatus.ACTIVE))).isEqualTo(AwsErrorKind.CERTIFICATE_VALIDATION);
    }
}
