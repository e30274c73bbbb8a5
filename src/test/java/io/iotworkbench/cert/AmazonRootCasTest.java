package io.iotworkbench.cert;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link AmazonRootCas}: the four roots from the JDK's trust store, recognised by subject and key, exported as PEM. */
class AmazonRootCasTest {

    @Test
    void theJdkHoldsAllFourWithTheKeysAwsDocuments() {
        assertThat(AmazonRootCas.available()).containsOnlyKeys(1, 2, 3, 4);
        assertThat(KeyInfo.of(AmazonRootCas.certificate(1).getPublicKey())).hasToString("RSA 2048");
        assertThat(KeyInfo.of(AmazonRootCas.certificate(2).getPublicKey())).hasToString("RSA 4096");
        assertThat(KeyInfo.of(AmazonRootCas.certificate(3).getPublicKey())).hasToString("EC P-256");
        assertThat(KeyInfo.of(AmazonRootCas.certificate(4).getPublicKey())).hasToString("EC P-384");
        for (int n = 1; n <= 4; n++) {
            assertThat(AmazonRootCas.certificate(n).getSubjectX500Principal()).isEqualTo(AmazonRootCas.subject(n));
            assertThat(AmazonRootCas.identify(AmazonRootCas.certificate(n))).hasValue(n);
        }
    }

    @Test
    void rootCa1FromTheJdkIsTheWmSdksFileByteForByteInDer() throws Exception {
        X509Certificate sdk = PemFiles.readCertificate(WmSdkFiles.file(WmSdkFiles.ROOT_CA));
        assertThat(AmazonRootCas.certificate(1).getEncoded()).isEqualTo(sdk.getEncoded());
        assertThat(AmazonRootCas.identify(sdk)).hasValue(1);
    }

    @Test
    void pemExportIsTheSdksTextPlusATrailingNewline() throws Exception {
        String sdkText = Files.readString(WmSdkFiles.file(WmSdkFiles.ROOT_CA));
        String pem = AmazonRootCas.pem(1);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n")
                .doesNotContain("\r");
        assertThat(pem).isEqualTo(sdkText + "\n");
    }

    @Test
    void aCertificateWithAnAmazonSubjectButAnotherKeyIsNotAnAmazonRoot() {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        X509Certificate impostor = CertificateFactory.selfSignedCa(keys, "C=US,O=Amazon,CN=Amazon Root CA 1",
                Instant.now(), Instant.now().plusSeconds(3600));
        assertThat(impostor.getSubjectX500Principal()).isEqualTo(AmazonRootCas.subject(1));
        assertThat(AmazonRootCas.identify(impostor)).isEmpty();
        assertThat(AmazonRootCas.describe(impostor)).isEmpty();
    }

    @Test
    void theStarfieldCrossSigningRootIsRecognised() {
        var starfield = AmazonRootCas.available().values().stream().findFirst().orElseThrow();
        assertThat(AmazonRootCas.isStarfieldServicesRoot(starfield)).isFalse();
        var sf = java.util.Arrays.stream(jdkAnchors()).filter(c -> c.getSubjectX500Principal().getName()
                .startsWith("CN=Starfield Services Root Certificate Authority - G2")).findFirst();
        assumeTrue(sf.isPresent(), "this JDK's trust store has no Starfield Services root G2");
        assertThat(AmazonRootCas.isStarfieldServicesRoot(sf.get())).isTrue();
        assertThat(AmazonRootCas.describe(sf.get())).hasValueSatisfying(d -> assertThat(d).contains("Starfield"));
    }

    @Test
    void numbersOutsideOneToFourAreRefused() {
        assertThatThrownBy(() -> AmazonRootCas.pem(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 4");
        assertThatThrownBy(() -> AmazonRootCas.certificate(5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AmazonRootCas.name(3)).isEqualTo("Amazon Root CA 3");
    }

    private static X509Certificate[] jdkAnchors() {
        try {
            var tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((java.security.KeyStore) null);
            return ((javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0]).getAcceptedIssuers();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
