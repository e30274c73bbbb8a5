package io.iotworkbench.cert;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Set;

import static io.iotworkbench.cert.CertificateFactory.KeyType.EC_P256;
import static io.iotworkbench.cert.CertificateFactory.KeyType.RSA_2048;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link KeyFiles}: owner-only key files in each format, encrypted ones that read back only with their password. */
class KeyFilesTest {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final KeyPair RSA = CertificateFactory.newKeyPair(RSA_2048);
    private static final KeyPair EC = CertificateFactory.newKeyPair(EC_P256);

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "needs POSIX permissions");
    }

    private static boolean sameKey(PrivateKey read, KeyPair keys) {
        return KeyPairs.samePublicKey(KeyPairs.publicKeyOf(read), keys.getPublic());
    }

    @Test
    void traditionalRsaIsPkcs1OwnerOnlyWithLfEndings() throws Exception {
        Path file = dir.resolve("private.pem.key");
        KeyFiles.write(file, RSA.getPrivate(), null, KeyFiles.Format.TRADITIONAL);
        String text = Files.readString(file);
        assertThat(text).startsWith("-----BEGIN RSA PRIVATE KEY-----\n").endsWith("-----END RSA PRIVATE KEY-----\n")
                .doesNotContain("\r");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OWNER_ONLY);
        assertThat(sameKey(PemFiles.readPrivateKey(file), RSA)).isTrue();
    }

    @Test
    void traditionalEcIsSec1NamingItsCurve() throws Exception {
        Path file = dir.resolve("ec.key");
        KeyFiles.write(file, EC.getPrivate(), new char[0], KeyFiles.Format.TRADITIONAL);
        assertThat(Files.readString(file)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OWNER_ONLY);
        PrivateKey read = PemFiles.readPrivateKey(file);
        assertThat(sameKey(read, EC)).isTrue();
        assertThat(KeyInfo.of(KeyPairs.publicKeyOf(read)).curve()).isEqualTo("P-256");
    }

    @Test
    void pkcs8InTheClear() throws Exception {
        Path file = dir.resolve("pkcs8.key");
        KeyFiles.write(file, EC.getPrivate(), null, KeyFiles.Format.PKCS8);
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OWNER_ONLY);
        assertThat(sameKey(PemFiles.readPrivateKey(file), EC)).isTrue();
    }

    @Test
    void aPasswordGivesEncryptedPkcs8ThatReadsBackOnlyWithIt() throws Exception {
        char[] password = "s3cret!".toCharArray();
        Path file = dir.resolve("encrypted.key");
        KeyFiles.write(file, RSA.getPrivate(), password, KeyFiles.Format.PKCS8);
        String text = Files.readString(file);
        assertThat(text).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OWNER_ONLY);
        assertThat(sameKey(PemFiles.readPrivateKey(file, "s3cret!".toCharArray()), RSA)).isTrue();
        assertThatThrownBy(() -> PemFiles.readPrivateKey(file))
                .isInstanceOf(PasswordRequiredException.class).hasMessageContaining("enter its password");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(file, "s3cret".toCharArray()))
                .isInstanceOf(WrongPasswordException.class).hasMessageContaining("is wrong");
    }

    @Test
    void encryptionUsesAes256CbcWithPbkdf2() throws Exception {
        String pem = KeyFiles.pem(EC.getPrivate(), "pw".toCharArray(), KeyFiles.Format.PKCS8);
        var info = new org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo(java.util.Base64.getMimeDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "")));
        var pbes2 = org.bouncycastle.asn1.pkcs.PBES2Parameters.getInstance(info.getEncryptionAlgorithm()
                .getParameters());
        assertThat(pbes2.getEncryptionScheme().getAlgorithm()).isEqualTo(
                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_aes256_CBC);
        assertThat(pbes2.getKeyDerivationFunc().getAlgorithm()).isEqualTo(
                org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_PBKDF2);
    }

    @Test
    void aPasswordWithTheTraditionalFormIsRefusedAndNothingIsWritten() {
        Path file = dir.resolve("nope.key");
        assertThatThrownBy(() -> KeyFiles.write(file, RSA.getPrivate(), "pw".toCharArray(),
                KeyFiles.Format.TRADITIONAL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PKCS#8");
        assertThat(file).doesNotExist();
    }

    @Test
    void replacingAWorldReadableFileLeavesItOwnerOnly() throws Exception {
        Path file = Files.writeString(dir.resolve("old.key"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KeyFiles.write(file, RSA.getPrivate(), null, KeyFiles.Format.PKCS8);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OWNER_ONLY);
        assertThat(sameKey(PemFiles.readPrivateKey(file), RSA)).isTrue();
    }
}
