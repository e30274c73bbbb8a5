package io.iotworkbench.cert;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link WmSdkExport} into a temporary copy of the WM SDK's folder layout, checked byte for byte. */
class WmSdkExportTest {

    @TempDir
    Path dir;

    private Path sdk;
    private Path aws;

    @BeforeEach
    void sdkLayout() throws Exception {
        sdk = dir.resolve("wm_iot_sdk");
        aws = Files.createDirectories(sdk.resolve(WmSdkExport.AWS_EXAMPLES));
        Files.createDirectories(aws.resolve("cert/common"));
        Files.createDirectories(sdk.resolve("components"));
    }

    private CertificateBundle wmDemoBundle() throws Exception {
        return CertificateBundle.read(WmSdkFiles.file(WmSdkFiles.CERTIFICATE), WmSdkFiles.file(WmSdkFiles.PRIVATE_KEY),
                null, null);
    }

    private static CertificateBundle generated(CertificateFactory.KeyType type) {
        KeyPair keys = CertificateFactory.newKeyPair(type);
        X509Certificate cert = CertificateFactory.selfSigned(keys, "CN=wm-device", Instant.now(),
                Instant.now().plusSeconds(86_400));
        return new CertificateBundle(List.of(cert), keys.getPrivate(), List.of());
    }

    @Test
    void theDemoBundleIsWrittenUnderTheExactNamesAndReproducesTheSdksOwnFilesByteForByte() throws Exception {
        Files.copy(WmSdkFiles.file(WmSdkFiles.ROOT_CA), aws.resolve("cert/AmazonRootCA1.pem"));
        WmSdkExport export = WmSdkExport.into(sdk);
        List<WmSdkExport.ExportedFile> files = export.write(wmDemoBundle(), false);

        assertThat(files).extracting(WmSdkExport.ExportedFile::path).containsExactly(
                aws.resolve("cert/internal/certificate.pem.crt"), aws.resolve("cert/internal/private.pem.key"),
                aws.resolve("cert/AmazonRootCA1.pem"));
        assertThat(files).extracting(WmSdkExport.ExportedFile::state).containsExactly(WmSdkExport.State.WRITTEN,
                WmSdkExport.State.WRITTEN, WmSdkExport.State.UNCHANGED);
        assertThat(Files.readAllBytes(export.certificateFile()))
                .isEqualTo(Files.readAllBytes(WmSdkFiles.file(WmSdkFiles.CERTIFICATE)));
        assertThat(Files.readAllBytes(export.privateKeyFile()))
                .isEqualTo(Files.readAllBytes(WmSdkFiles.file(WmSdkFiles.PRIVATE_KEY)));
        assertThat(Files.readAllBytes(export.rootCaFile()))
                .isEqualTo(Files.readAllBytes(WmSdkFiles.file(WmSdkFiles.ROOT_CA)));
    }

    @Test
    void formatsAreWhatTheSdksMbedTlsPortParses() throws Exception {
        WmSdkExport export = WmSdkExport.into(sdk);
        CertificateBundle bundle = generated(CertificateFactory.KeyType.RSA_2048);
        export.write(bundle, false);
        String key = Files.readString(export.privateKeyFile());
        String cert = Files.readString(export.certificateFile());
        String root = Files.readString(export.rootCaFile());
        assertThat(key).startsWith("-----BEGIN RSA PRIVATE KEY-----\n").endsWith("-----END RSA PRIVATE KEY-----\n")
                .doesNotContain("\r", "ENCRYPTED", "Proc-Type");
        assertThat(cert).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n")
                .doesNotContain("\r");
        assertThat(root).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----")
                .doesNotContain("\r");
        assertThat(root).hasSize(1187);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(export.privateKeyFile()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(PemFiles.readCertificates(export.certificateFile())).isEqualTo(bundle.deviceChain());
        assertThat(KeyPairs.signatureVerifies(PemFiles.readPrivateKey(export.privateKeyFile()),
                bundle.deviceCertificate().getPublicKey())).isTrue();
        assertThat(AmazonRootCas.identify(PemFiles.readCertificate(export.rootCaFile()))).hasValue(1);
    }

    @Test
    void anEcKeyIsWrittenAsSec1AndTheBundlesRootReplacesAmazonRootCa1WhenAsked() throws Exception {
        CertificateBundle ec = generated(CertificateFactory.KeyType.EC_P256);
        KeyPair caKeys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        X509Certificate localRoot = CertificateFactory.selfSignedCa(caKeys, "CN=IoT Workbench Local CA",
                Instant.now(), Instant.now().plusSeconds(3600));
        var bundle = new CertificateBundle(ec.deviceChain(), ec.privateKey(), List.of(localRoot));
        WmSdkExport export = WmSdkExport.into(sdk.resolve(WmSdkExport.AWS_EXAMPLES));
        export.write(bundle, false);
        assertThat(Files.readString(export.privateKeyFile())).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
        assertThat(PemFiles.readCertificates(export.rootCaFile())).containsExactly(localRoot);
        assertThat(Files.readString(export.rootCaFile())).doesNotEndWith("\n");
    }

    @Test
    void differingFilesAreNotOverwrittenUnlessAskedAndNothingIsWrittenMeanwhile() throws Exception {
        WmSdkExport export = WmSdkExport.into(sdk);
        CertificateBundle first = generated(CertificateFactory.KeyType.RSA_2048);
        export.write(first, false);
        byte[] certBefore = Files.readAllBytes(export.certificateFile());
        byte[] keyBefore = Files.readAllBytes(export.privateKeyFile());

        CertificateBundle second = generated(CertificateFactory.KeyType.RSA_2048);
        assertThat(export.conflicts(second)).containsExactly(export.certificateFile(), export.privateKeyFile());
        assertThatThrownBy(() -> export.write(second, false)).isInstanceOf(WmSdkExportException.class)
                .hasMessageContaining("exist with other content").hasMessageContaining("Nothing was written")
                .hasMessageContaining("certificate.pem.crt");
        assertThat(Files.readAllBytes(export.certificateFile())).isEqualTo(certBefore);
        assertThat(Files.readAllBytes(export.privateKeyFile())).isEqualTo(keyBefore);

        assertThat(export.write(second, true)).extracting(WmSdkExport.ExportedFile::state)
                .containsExactly(WmSdkExport.State.WRITTEN, WmSdkExport.State.WRITTEN, WmSdkExport.State.UNCHANGED);
        assertThat(PemFiles.readCertificates(export.certificateFile())).isEqualTo(second.deviceChain());
        assertThat(export.write(second, false)).extracting(WmSdkExport.ExportedFile::state)
                .containsOnly(WmSdkExport.State.UNCHANGED);
    }

    @Test
    void aKeyThatDoesNotMatchIsRefusedBeforeWriting() throws Exception {
        WmSdkExport export = WmSdkExport.into(sdk);
        CertificateBundle a = generated(CertificateFactory.KeyType.RSA_2048);
        CertificateBundle b = generated(CertificateFactory.KeyType.RSA_2048);
        var mismatched = new CertificateBundle(a.deviceChain(), b.privateKey(), List.of());
        assertThatThrownBy(() -> export.write(mismatched, true)).isInstanceOf(WmSdkExportException.class)
                .hasMessageContaining("does not belong");
        assertThat(export.certificateFile()).doesNotExist();
        assertThat(export.privateKeyFile()).doesNotExist();
    }

    @Test
    void aFolderThatIsNotAWmSdkIsRefusedWithTheReason() throws Exception {
        Path other = Files.createDirectories(dir.resolve("Downloads"));
        assertThatThrownBy(() -> WmSdkExport.into(other)).isInstanceOf(WmSdkExportException.class)
                .hasMessageContaining("is not a WM IoT SDK").hasMessageContaining(WmSdkExport.AWS_EXAMPLES);
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertThatThrownBy(() -> WmSdkExport.into(file)).hasMessageContaining("is not a folder");
    }
}
