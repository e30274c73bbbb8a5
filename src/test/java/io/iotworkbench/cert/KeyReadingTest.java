package io.iotworkbench.cert;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.util.Random;

import static io.iotworkbench.cert.CertificateFactory.KeyType.EC_P256;
import static io.iotworkbench.cert.CertificateFactory.KeyType.RSA_2048;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PemFiles#readPrivateKey}: every key format AWS, OpenSSL and the JDK produce, and every wrong file. */
class KeyReadingTest {

    private static final char[] PASSWORD = "correct horse".toCharArray();
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final KeyPair RSA = CertificateFactory.newKeyPair(RSA_2048);
    private static final KeyPair EC = CertificateFactory.newKeyPair(EC_P256);

    @TempDir
    Path dir;

    private Path text(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private Path bytes(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private static KeyPair keys(CertificateFactory.KeyType type) {
        return type == RSA_2048 ? RSA : EC;
    }

    private static void assertSameKey(PrivateKey read, KeyPair expected) {
        assertThat(read.getAlgorithm()).isEqualTo(expected.getPrivate().getAlgorithm());
        assertThat(KeyPairs.samePublicKey(KeyPairs.publicKeyOf(read), expected.getPublic())).isTrue();
    }

    private static String pem(PemObjectGenerator generator) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(generator);
        }
        return out.toString();
    }

    /** Encrypted PKCS#8 as OpenSSL writes it, built with BouncyCastle directly (not through the workbench). */
    private static String encryptedPkcs8(PrivateKey key) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setPassword(PASSWORD)
                .setProvider(BC).build();
        return pem(new JcaPKCS8Generator(key, encryptor));
    }

    /**
     * The legacy OpenSSL form: BEGIN RSA/EC PRIVATE KEY with Proc-Type and DEK-Info headers. The key goes through
     * BouncyCastle's provider first, whose EC encoding names the curve inside the SEC1 structure as OpenSSL's does.
     */
    private static String legacyEncrypted(PrivateKey jdkKey) throws Exception {
        PrivateKey key = java.security.KeyFactory.getInstance(jdkKey.getAlgorithm(), BC)
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(jdkKey.getEncoded()));
        var encryptor = new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC).build(PASSWORD);
        return pem(new JcaMiscPEMGenerator(key, encryptor));
    }

    @Test
    void pkcs1RsaPemAsAwsHandsItOut() throws Exception {
        String pem = Pem.privateKeyTraditional(RSA.getPrivate());
        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        PrivateKey read = PemFiles.readPrivateKey(text("pkcs1.key", pem));
        assertSameKey(read, RSA);
        assertThat(read).isInstanceOf(RSAPrivateCrtKey.class);
    }

    @Test
    void sec1EcPem() throws Exception {
        String pem = Pem.privateKeyTraditional(EC.getPrivate());
        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertSameKey(PemFiles.readPrivateKey(text("sec1.key", pem)), EC);
    }

    @ParameterizedTest
    @EnumSource(CertificateFactory.KeyType.class)
    void pkcs8Pem(CertificateFactory.KeyType type) throws Exception {
        String pem = Pem.privateKeyPkcs8(keys(type).getPrivate());
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertSameKey(PemFiles.readPrivateKey(text("pkcs8.key", pem)), keys(type));
    }

    @ParameterizedTest
    @EnumSource(CertificateFactory.KeyType.class)
    void pkcs8Der(CertificateFactory.KeyType type) throws Exception {
        assertSameKey(PemFiles.readPrivateKey(bytes("pkcs8.der", keys(type).getPrivate().getEncoded())), keys(type));
    }

    @Test
    void pkcs1AndSec1Der() throws Exception {
        byte[] pkcs1 = PrivateKeyInfo.getInstance(RSA.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive()
                .getEncoded();
        assertSameKey(PemFiles.readPrivateKey(bytes("pkcs1.der", pkcs1)), RSA);
        String sec1Pem = Pem.privateKeyTraditional(EC.getPrivate());
        byte[] sec1 = java.util.Base64.getMimeDecoder().decode(sec1Pem.replaceAll("-----[A-Z ]+-----", ""));
        assertSameKey(PemFiles.readPrivateKey(bytes("sec1.der", sec1)), EC);
    }

    @ParameterizedTest
    @EnumSource(CertificateFactory.KeyType.class)
    void encryptedPkcs8ReadsWithItsPassword(CertificateFactory.KeyType type) throws Exception {
        Path file = text("enc.key", encryptedPkcs8(keys(type).getPrivate()));
        assertThat(Files.readString(file)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertSameKey(PemFiles.readPrivateKey(file, PASSWORD), keys(type));
    }

    @Test
    void encryptedPkcs8WithoutOrWithAWrongPasswordFailsClearly() throws Exception {
        Path file = text("enc.key", encryptedPkcs8(RSA.getPrivate()));
        assertThatThrownBy(() -> PemFiles.readPrivateKey(file))
                .isExactlyInstanceOf(PasswordRequiredException.class).hasMessageContaining("is encrypted: enter its "
                        + "password");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(file, new char[0]))
                .isExactlyInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> PemFiles.readPrivateKey(file, "wrong".toCharArray()))
                .isInstanceOf(WrongPasswordException.class).hasMessageContaining("password for " + file + " is wrong");
    }

    @Test
    void encryptedPkcs8Der() throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setPassword(PASSWORD)
                .setProvider(BC).build();
        byte[] der = new JcaPKCS8Generator(EC.getPrivate(), encryptor).generate().getContent();
        Path file = bytes("enc.der", der);
        assertSameKey(PemFiles.readPrivateKey(file, PASSWORD), EC);
        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(PasswordRequiredException.class);
    }

    @ParameterizedTest
    @EnumSource(CertificateFactory.KeyType.class)
    void legacyEncryptedPemReadsWithItsPassword(CertificateFactory.KeyType type) throws Exception {
        Path file = text("legacy.key", legacyEncrypted(keys(type).getPrivate()));
        assertThat(Files.readString(file)).contains("Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-256-CBC");
        assertSameKey(PemFiles.readPrivateKey(file, PASSWORD), keys(type));
    }

    @Test
    void legacyEncryptedPemWithoutOrWithAWrongPasswordFailsClearly() throws Exception {
        Path file = text("legacy.key", legacyEncrypted(RSA.getPrivate()));
        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isExactlyInstanceOf(PasswordRequiredException.class);
        for (String wrong : new String[] {"wrong", "Correct horse", "x"}) {
            assertThatThrownBy(() -> PemFiles.readPrivateKey(file, wrong.toCharArray()))
                    .isInstanceOf(WrongPasswordException.class).hasMessageContaining("is wrong");
        }
    }

    @Test
    void windowsLineEndingsAndTextAroundTheBlockAreFine() throws Exception {
        String pem = "Key for device 7\r\n" + Pem.privateKeyTraditional(RSA.getPrivate()).replace("\n", "\r\n")
                + "\r\n";
        assertSameKey(PemFiles.readPrivateKey(text("crlf.key", pem)), RSA);
    }

    @Test
    void theWmSdkDemoKeyIsAPkcs1Rsa2048Key() throws Exception {
        Path file = WmSdkFiles.file(WmSdkFiles.PRIVATE_KEY);
        assertThat(Files.readString(file)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        PrivateKey key = PemFiles.readPrivateKey(file);
        assertThat(KeyInfo.of(KeyPairs.publicKeyOf(key))).hasToString("RSA 2048");
    }

    @Test
    void aCertificateChosenAsKeySaysSo() throws Exception {
        var cert = CertificateFactory.selfSigned(EC, "CN=device", Instant.now(), Instant.now().plusSeconds(3600));
        Path pem = text("certificate.pem.crt", Pem.certificate(cert));
        assertThatThrownBy(() -> PemFiles.readPrivateKey(pem)).isExactlyInstanceOf(CertificateFileException.class)
                .hasMessageContaining("holds a certificate, not a private key").hasMessageContaining("private.pem.key");
        Path der = bytes("certificate.der", cert.getEncoded());
        assertThatThrownBy(() -> PemFiles.readPrivateKey(der)).hasMessageContaining("holds a certificate");
    }

    @Test
    void aPublicKeyOrCsrChosenAsKeySaysSo() throws Exception {
        Path publicKey = text("xxxx-public.pem.key", Pem.publicKey(RSA.getPublic()));
        assertThatThrownBy(() -> PemFiles.readPrivateKey(publicKey))
                .hasMessageContaining("holds a public key").hasMessageContaining("xxxx-private.pem.key");
        Path csr = text("device.csr", Pem.csr(CertificateFactory.csr(RSA, "CN=device")));
        assertThatThrownBy(() -> PemFiles.readPrivateKey(csr)).hasMessageContaining("certificate signing request");
    }

    @Test
    void emptyMissingFolderGarbageTextAndOversizedFilesSayWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> PemFiles.readPrivateKey(bytes("empty.key", new byte[0])))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(dir.resolve("missing.key")))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(dir)).hasMessageContaining("is a folder");
        byte[] garbage = new byte[700];
        new Random(42).nextBytes(garbage);
        assertThatThrownBy(() -> PemFiles.readPrivateKey(bytes("garbage.key", garbage)))
                .isExactlyInstanceOf(CertificateFileException.class)
                .hasMessageContaining("neither PEM text nor a DER");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(text("notes.txt", "my key is in the drawer\n")))
                .hasMessageContaining("text file without a PEM block");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(bytes("huge.key", new byte[(int) PemFiles.MAX_BYTES + 1])))
                .hasMessageContaining("far too big");
    }

    @Test
    void truncatedAndDamagedPemSayHowToFixIt() throws Exception {
        String pem = Pem.privateKeyTraditional(RSA.getPrivate());
        String truncated = pem.substring(0, pem.length() / 2);
        assertThatThrownBy(() -> PemFiles.readPrivateKey(text("truncated.key", truncated)))
                .hasMessageContaining("truncated").hasMessageContaining("-----END");
        String damaged = pem.replace(pem.substring(200, 260), "!".repeat(60));
        assertThatThrownBy(() -> PemFiles.readPrivateKey(text("damaged.key", damaged)))
                .isInstanceOf(CertificateFileException.class).hasMessageContaining("damaged");
    }

    @Test
    void anOpenSshKeyAndAPkcs12ContainerAreNamed() throws Exception {
        String openssh = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n"
                + "-----END OPENSSH PRIVATE KEY-----\n";
        assertThatThrownBy(() -> PemFiles.readPrivateKey(text("id_ed25519", openssh)))
                .hasMessageContaining("OpenSSH key").hasMessageContaining("ssh-keygen");
        var cert = CertificateFactory.selfSigned(RSA, "CN=device", Instant.now(), Instant.now().plusSeconds(3600));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, PASSWORD);
        p12.setKeyEntry("device", RSA.getPrivate(), PASSWORD, new java.security.cert.Certificate[] {cert});
        var out = new java.io.ByteArrayOutputStream();
        p12.store(out, PASSWORD);
        Path pfx = bytes("device.p12", out.toByteArray());
        assertThatThrownBy(() -> PemFiles.readPrivateKey(pfx)).hasMessageContaining("PKCS#12")
                .hasMessageContaining("openssl pkcs12");
    }
}
