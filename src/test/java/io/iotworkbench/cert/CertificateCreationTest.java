package io.iotworkbench.cert;

import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.iotworkbench.cert.CertificateFactory.KeyType.EC_P256;
import static io.iotworkbench.cert.CertificateFactory.KeyType.RSA_2048;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating keys, CSRs and certificates; subject validation; {@link CertificateFiles} round trips. */
class CertificateCreationTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    @Test
    void newKeyPairsAreWhatAwsAccepts() {
        assertThat(KeyInfo.of(CertificateFactory.newKeyPair(RSA_2048).getPublic())).hasToString("RSA 2048")
                .satisfies(k -> assertThat(k.acceptedByAws()).isTrue());
        assertThat(KeyInfo.of(CertificateFactory.newKeyPair(EC_P256).getPublic())).hasToString("EC P-256")
                .satisfies(k -> assertThat(k.acceptedByAws()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(CertificateFactory.KeyType.class)
    void thePublicKeyIsDerivedFromThePrivateKeyAlone(CertificateFactory.KeyType type) {
        KeyPair keys = CertificateFactory.newKeyPair(type);
        assertThat(KeyPairs.samePublicKey(KeyPairs.publicKeyOf(keys.getPrivate()), keys.getPublic())).isTrue();
        KeyPair other = CertificateFactory.newKeyPair(type);
        assertThat(KeyPairs.samePublicKey(KeyPairs.publicKeyOf(keys.getPrivate()), other.getPublic())).isFalse();
        assertThat(KeyPairs.signatureVerifies(keys.getPrivate(), keys.getPublic())).isTrue();
        assertThat(KeyPairs.signatureVerifies(keys.getPrivate(), other.getPublic())).isFalse();
    }

    @Test
    void validSubjectsParse() {
        assertThat(Subjects.parse("CN=my-device").getRDNs(BCStyle.CN)).hasSize(1);
        var full = Subjects.parse(" CN=my-device,O=My Company,OU=Lab,L=Berlin,ST=Berlin,C=DE ");
        assertThat(IETFUtils.valueToString(full.getRDNs(BCStyle.O)[0].getFirst().getValue())).isEqualTo("My Company");
        var escaped = Subjects.parse("CN=a\\,b");
        assertThat(IETFUtils.valueToString(escaped.getRDNs(BCStyle.CN)[0].getFirst().getValue())).isEqualTo("a\\,b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                      | The subject is empty",
            "my-device               | is not a distinguished name",
            "XY=1                    | unknown attribute 'XY'",
            "CN=                     | empty value for CN",
            "CN=d,C=Germany          | two-letter code",
            "CN=d,,O=x               | not a distinguished name"})
    void invalidSubjectsAreExplained(String subject, String message) {
        assertThatThrownBy(() -> Subjects.parse(subject)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aCommonNameOver64CharactersIsRefused() {
        assertThat(Subjects.parse("CN=" + "a".repeat(64))).isNotNull();
        assertThatThrownBy(() -> Subjects.parse("CN=" + "a".repeat(65))).hasMessageContaining("at most 64 characters");
    }

    @Test
    void aCsrWithAnInvalidSubjectIsRefusedWithTheSameExplanation() {
        KeyPair keys = CertificateFactory.newKeyPair(EC_P256);
        assertThatThrownBy(() -> CertificateFactory.csr(keys, "device 7")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attribute=value pairs");
    }

    @ParameterizedTest
    @EnumSource(CertificateFactory.KeyType.class)
    void aCsrFromTheKeyFileAloneCarriesItsPublicKeyAndSubjectAndReadsBack(CertificateFactory.KeyType type)
            throws Exception {
        KeyPair keys = CertificateFactory.newKeyPair(type);
        Path keyFile = dir.resolve("device.key");
        KeyFiles.write(keyFile, keys.getPrivate(), null, KeyFiles.Format.TRADITIONAL);
        var csr = CertificateFactory.csr(PemFiles.readPrivateKey(keyFile), "CN=thing-42,O=Acme");
        Path csrFile = dir.resolve("device.csr");
        CertificateFiles.writeCsr(csrFile, csr);
        assertThat(Files.readString(csrFile)).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n").endsWith("-----\n");
        var read = PemFiles.readCsr(csrFile);
        assertThat(KeyPairs.samePublicKey(CertificateFactory.verifiedCsrKey(read), keys.getPublic())).isTrue();
        assertThat(read.getSubject()).isEqualTo(Subjects.parse("CN=thing-42,O=Acme"));
    }

    @Test
    void aSelfSignedCertificateRoundTripsThroughItsFileAndIsAnEndEntity() throws Exception {
        KeyPair keys = CertificateFactory.newKeyPair(EC_P256);
        X509Certificate cert = CertificateFactory.selfSigned(keys, "CN=self", NOW, NOW.plus(30, ChronoUnit.DAYS));
        cert.verify(keys.getPublic());
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        Path file = dir.resolve("self.pem.crt");
        CertificateFiles.write(file, cert);
        assertThat(PemFiles.readCertificates(file)).containsExactly(cert);
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW);
    }

    @Test
    void chainsAreWrittenAsConsecutivePemBlocksWithLfEndings() throws Exception {
        KeyPair caKeys = CertificateFactory.newKeyPair(RSA_2048);
        X509Certificate ca = CertificateFactory.selfSignedCa(caKeys, "CN=CA", NOW, NOW.plusSeconds(3600));
        KeyPair deviceKeys = CertificateFactory.newKeyPair(EC_P256);
        X509Certificate device = CertificateFactory.clientCertificate(deviceKeys.getPublic(), "CN=d", ca,
                caKeys.getPrivate(), NOW, NOW.plusSeconds(3600));
        Path file = dir.resolve("chain.pem");
        CertificateFiles.write(file, List.of(device, ca));
        String text = Files.readString(file);
        assertThat(text).doesNotContain("\r").endsWith("-----END CERTIFICATE-----\n");
        assertThat(text.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(3);
        assertThat(PemFiles.readCertificates(file)).containsExactly(device, ca);
        assertThatThrownBy(() -> CertificateFiles.write(dir.resolve("none.pem"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
