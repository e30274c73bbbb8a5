package io.iotworkbench.cert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static io.iotworkbench.cert.CertificateFactory.KeyType.EC_P256;
import static io.iotworkbench.cert.CertificateFactory.KeyType.RSA_2048;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PemFiles#readCertificates} and {@link PemFiles#readCsr}: PEM, DER, chains, PKCS#7, and wrong files. */
class CertificateReadingTest {

    private static final Instant NOW = Instant.now();
    private static final KeyPair CA_KEYS = CertificateFactory.newKeyPair(RSA_2048);
    private static final X509Certificate CA = CertificateFactory.selfSignedCa(CA_KEYS, "CN=Test CA", NOW,
            NOW.plusSeconds(86_400));
    private static final KeyPair DEVICE_KEYS = CertificateFactory.newKeyPair(EC_P256);
    private static final X509Certificate DEVICE = CertificateFactory.clientCertificate(DEVICE_KEYS.getPublic(),
            "CN=device-1", CA, CA_KEYS.getPrivate(), NOW, NOW.plusSeconds(86_400));

    @TempDir
    Path dir;

    private Path text(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private Path bytes(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void pemAndDerCertificatesReadTheSame() throws Exception {
        assertThat(PemFiles.readCertificates(text("device.pem.crt", Pem.certificate(DEVICE)))).containsExactly(DEVICE);
        assertThat(PemFiles.readCertificates(bytes("device.der", DEVICE.getEncoded()))).containsExactly(DEVICE);
        assertThat(PemFiles.readCertificate(bytes("device.cer", DEVICE.getEncoded()))).isEqualTo(DEVICE);
    }

    @Test
    void chainsKeepTheirOrderInPemAndDer() throws Exception {
        assertThat(PemFiles.readCertificates(text("chain.pem", Pem.certificates(List.of(DEVICE, CA)))))
                .containsExactly(DEVICE, CA);
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.writeBytes(DEVICE.getEncoded());
        der.writeBytes(CA.getEncoded());
        assertThat(PemFiles.readCertificates(bytes("chain.der", der.toByteArray()))).containsExactly(DEVICE, CA);
    }

    @Test
    void pkcs7BundlesInDerAndPem() throws Exception {
        byte[] p7 = java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(DEVICE, CA)).getEncoded("PKCS7");
        assertThat(PemFiles.readCertificates(bytes("chain.p7b", p7))).containsExactlyInAnyOrder(DEVICE, CA);
        String pem = "-----BEGIN PKCS7-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(p7)
                + "\n-----END PKCS7-----\n";
        assertThat(PemFiles.readCertificates(text("chain.p7b.pem", pem))).containsExactlyInAnyOrder(DEVICE, CA);
    }

    @Test
    void aCombinedFileGivesItsCertificatesAndItsKey() throws Exception {
        Path file = text("combined.pem", Pem.certificate(DEVICE) + Pem.privateKeyPkcs8(DEVICE_KEYS.getPrivate()));
        assertThat(PemFiles.readCertificates(file)).containsExactly(DEVICE);
        assertThat(KeyPairs.samePublicKey(KeyPairs.publicKeyOf(PemFiles.readPrivateKey(file)),
                DEVICE.getPublicKey())).isTrue();
    }

    @Test
    void theWmSdkDemoCertificateAndAmazonRootReadFromTheirRealFiles() throws Exception {
        X509Certificate device = PemFiles.readCertificate(WmSdkFiles.file(WmSdkFiles.CERTIFICATE));
        assertThat(device.getSubjectX500Principal().getName()).isEqualTo("CN=AWS IoT Certificate");
        X509Certificate root = PemFiles.readCertificate(WmSdkFiles.file(WmSdkFiles.ROOT_CA));
        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Amazon Root CA 1,O=Amazon,C=US");
    }

    @Test
    void aKeyChosenAsCertificateSaysSoInEveryForm() throws Exception {
        for (Path key : List.of(text("pkcs1.key", Pem.privateKeyTraditional(CA_KEYS.getPrivate())),
                text("pkcs8.key", Pem.privateKeyPkcs8(DEVICE_KEYS.getPrivate())),
                text("enc.key", Pem.privateKeyPkcs8Encrypted(DEVICE_KEYS.getPrivate(), "pw".toCharArray())),
                bytes("pkcs8.der", DEVICE_KEYS.getPrivate().getEncoded()))) {
            assertThatThrownBy(() -> PemFiles.readCertificates(key))
                    .isExactlyInstanceOf(CertificateFileException.class)
                    .hasMessageContaining("holds a private key, not a certificate")
                    .hasMessageContaining("certificate.pem.crt");
        }
    }

    @Test
    void aCsrWhereACertificateWasExpectedSaysWhatToDoWithIt() throws Exception {
        Path csr = text("device.csr", Pem.csr(CertificateFactory.csr(DEVICE_KEYS, "CN=device-1")));
        assertThatThrownBy(() -> PemFiles.readCertificates(csr))
                .hasMessageContaining("is a certificate signing request (CSR), not a certificate")
                .hasMessageContaining("CreateCertificateFromCsr");
        byte[] der = CertificateFactory.csr(DEVICE_KEYS, "CN=device-1").getEncoded();
        assertThatThrownBy(() -> PemFiles.readCertificates(bytes("device.csr.der", der)))
                .hasMessageContaining("certificate signing request");
    }

    @Test
    void aPublicKeyOrPkcs12WhereACertificateWasExpectedIsNamed() throws Exception {
        Path publicKey = text("xxxx-public.pem.key", Pem.publicKey(DEVICE_KEYS.getPublic()));
        assertThatThrownBy(() -> PemFiles.readCertificates(publicKey)).hasMessageContaining("only a public key");
        var p12 = java.security.KeyStore.getInstance("PKCS12");
        p12.load(null, "pw".toCharArray());
        p12.setKeyEntry("d", DEVICE_KEYS.getPrivate(), "pw".toCharArray(), new X509Certificate[] {DEVICE});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p12.store(out, "pw".toCharArray());
        Path pfx = bytes("device.pfx", out.toByteArray());
        assertThatThrownBy(() -> PemFiles.readCertificates(pfx)).hasMessageContaining("PKCS#12");
    }

    @Test
    void emptyMissingFolderGarbageTextTruncatedAndOversizedFilesSayWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> PemFiles.readCertificates(bytes("empty.crt", new byte[0])))
                .isExactlyInstanceOf(CertificateFileException.class).hasMessageContaining("is empty");
        assertThatThrownBy(() -> PemFiles.readCertificates(dir.resolve("nope.crt")))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> PemFiles.readCertificates(dir)).hasMessageContaining("is a folder");
        byte[] garbage = new byte[2_000];
        new Random(7).nextBytes(garbage);
        assertThatThrownBy(() -> PemFiles.readCertificates(bytes("garbage.crt", garbage)))
                .hasMessageContaining("neither PEM text nor a DER");
        assertThatThrownBy(() -> PemFiles.readCertificates(text("readme.txt", "see the wiki\n")))
                .hasMessageContaining("text file without a PEM block").hasMessageContaining("BEGIN CERTIFICATE");
        String pem = Pem.certificate(DEVICE);
        assertThatThrownBy(() -> PemFiles.readCertificates(text("cut.crt", pem.substring(0, pem.length() - 40))))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> PemFiles.readCertificates(bytes("big.crt", new byte[2 * 1024 * 1024])))
                .hasMessageContaining("far too big");
    }

    @Test
    void aDamagedCertificateBodySaysToCopyItAgain() throws Exception {
        String pem = Pem.certificate(DEVICE);
        int middle = pem.indexOf('\n') + 70;
        String damaged = pem.substring(0, middle) + "AAAAAAAA" + pem.substring(middle + 8);
        assertThatThrownBy(() -> PemFiles.readCertificates(text("damaged.crt", damaged)))
                .isInstanceOf(CertificateFileException.class)
                .hasMessageMatching("(?s).*(damaged|cannot be decoded).*");
    }

    @Test
    void csrsReadBackAndACertificateIsNotOne() throws Exception {
        var csr = CertificateFactory.csr(DEVICE_KEYS, "CN=device-1,O=Acme");
        Path file = text("device.csr", Pem.csr(csr));
        assertThat(PemFiles.readCsr(file).getSubject()).isEqualTo(csr.getSubject());
        Path cert = text("device.crt", Pem.certificate(DEVICE));
        assertThatThrownBy(() -> PemFiles.readCsr(cert)).hasMessageContaining("holds a certificate, not a "
                + "certificate signing request");
    }
}
