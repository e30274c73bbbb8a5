package io.iotworkbench.cli;

import io.iotworkbench.cert.AmazonRootCas;
import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFiles;
import io.iotworkbench.cert.KeyFiles;
import io.iotworkbench.cert.KeyInfo;
import io.iotworkbench.cert.KeyPairs;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.WmSdkExport;
import io.iotworkbench.localcore.DeviceIdentity;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.localcore.TestServerTls;
import io.iotworkbench.localcore.broker.GatewayListener;
import io.iotworkbench.localcore.broker.LocalBroker;
import io.iotworkbench.localcore.policy.Authorizer;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code iot-workbench cert ...}, run through picocli exactly as a user would, on files in a temporary folder. */
@Tag("integration")
class CertCommandTest {

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;
    private KeyPair keys;
    private Path certFile;
    private Path keyFile;

    @BeforeEach
    void bundle() throws Exception {
        keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        X509Certificate cert = CertificateFactory.selfSigned(keys, "CN=cli-device", Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400 * 400L));
        certFile = dir.resolve("certificate.pem.crt");
        keyFile = dir.resolve("private.pem.key");
        CertificateFiles.write(certFile, cert);
        KeyFiles.write(keyFile, keys.getPrivate(), null, KeyFiles.Format.TRADITIONAL);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = new CommandLine(new CertCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path rootCa1() throws Exception {
        Path file = dir.resolve("AmazonRootCA1.pem");
        Files.writeString(file, AmazonRootCas.pem(1));
        return file;
    }

    private Path passwordFile(String password) throws Exception {
        return Files.writeString(dir.resolve("password.txt"), password + "\n");
    }

    @Test
    void withoutASubcommandItPrintsUsageAsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: cert", "check", "inspect", "new-key", "csr", "amazon-root",
                "connect", "export-wm");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: cert");
    }

    @Test
    void checkPrintsEveryCheckAndExitsZeroForAGoodBundle() throws Exception {
        assertThat(run("check", "--cert", certFile.toString(), "--key", keyFile.toString(), "--root-ca",
                rootCa1().toString())).isZero();
        assertThat(out.toString()).contains("[ok] Key matches certificate", "[ok] Key type and size: RSA 2048",
                "[ok] Root CA: Amazon Root CA 1", "[info] AWS certificate id", "Bundle OK");
    }

    @Test
    void checkExitsOneWhenTheKeyDoesNotMatch() throws Exception {
        Path otherKey = dir.resolve("other.key");
        KeyFiles.write(otherKey, CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048).getPrivate(),
                null, KeyFiles.Format.PKCS8);
        assertThat(run("check", "--cert", certFile.toString(), "--key", otherKey.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("[ERROR] Key matches certificate", "Bundle has 1 error(s)");
    }

    @Test
    void checkOfTheWmSdkDemoFiles() {
        Path sdk = Path.of(System.getProperty("iotworkbench.project.dir", ".")).resolve("../shared/data/wm-sdk")
                .normalize();
        assumeTrue(Files.isDirectory(sdk), "../shared/data/wm-sdk is absent");
        assertThat(run("check", "--cert", sdk.resolve("certificate.pem.crt").toString(), "--key",
                sdk.resolve("private.pem.key").toString(), "--ca", sdk.resolve("AmazonRootCA1.pem").toString()))
                .isZero();
        assertThat(out.toString()).contains("RSA 2048", "2049-12-31", "Amazon Root CA 1");
    }

    @Test
    void aKeyChosenAsCertificateIsOneLineOnStandardErrorAndExitOne() {
        assertThat(run("check", "--cert", keyFile.toString(), "--key", keyFile.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: ").contains("holds a private key, not a certificate")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void anEncryptedKeyNeedsItsPasswordFile() throws Exception {
        Path encrypted = dir.resolve("encrypted.key");
        KeyFiles.write(encrypted, keys.getPrivate(), "pa55".toCharArray(), KeyFiles.Format.PKCS8);
        assertThat(run("check", "--cert", certFile.toString(), "--key", encrypted.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is encrypted");
        assertThat(run("check", "--cert", certFile.toString(), "--key", encrypted.toString(), "--password-file",
                passwordFile("nope").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is wrong");
        assertThat(run("check", "--cert", certFile.toString(), "--key", encrypted.toString(), "--password-file",
                passwordFile("pa55").toString())).isZero();
    }

    @Test
    void inspectShowsCertificatesKeysAndCsrsButNeverKeyMaterial() throws Exception {
        assertThat(run("inspect", certFile.toString())).isZero();
        String id = io.iotworkbench.cert.CertificateIds.of(PemFiles.readCertificate(certFile));
        assertThat(out.toString()).contains("Subject:        CN=cli-device", "(self-signed)",
                "Key:            RSA 2048", "AWS id:         " + id);
        assertThat(run("inspect", keyFile.toString())).isZero();
        String keyBody = Files.readAllLines(keyFile).get(1);
        assertThat(out.toString()).contains("Private key: RSA 2048 (content not shown)").doesNotContain(keyBody);
        Path csr = dir.resolve("device.csr");
        CertificateFiles.writeCsr(csr, CertificateFactory.csr(keys, "CN=thing-1"));
        assertThat(run("inspect", csr.toString())).isZero();
        assertThat(out.toString()).contains("Certificate signing request", "CN=thing-1");
        Path junk = Files.writeString(dir.resolve("junk.txt"), "hello\n");
        assertThat(run("inspect", certFile.toString(), junk.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("CN=cli-device");
        assertThat(err.toString()).contains("text file without a PEM block");
    }

    @Test
    void newKeyWritesAnOwnerOnlyKeyAndNeverReplacesOneUnlessForced() throws Exception {
        Path key = dir.resolve("new.key");
        assertThat(run("new-key", "--type", "ec", "--out", key.toString())).isZero();
        assertThat(out.toString()).contains("EC P-256", "owner-only");
        assertThat(Files.readString(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        String before = Files.readString(key);
        assertThat(run("new-key", "--out", key.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("exists", "--force");
        assertThat(Files.readString(key)).isEqualTo(before);
        assertThat(run("new-key", "--out", key.toString(), "--force")).isZero();
        assertThat(KeyInfo.of(KeyPairs.publicKeyOf(PemFiles.readPrivateKey(key)))).hasToString("RSA 2048");
    }

    @Test
    void newKeyWithAPasswordFileIsEncrypted() throws Exception {
        Path key = dir.resolve("enc.key");
        assertThat(run("new-key", "--out", key.toString(), "--password-file", passwordFile("pw").toString())).isZero();
        assertThat(Files.readString(key)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(PemFiles.readPrivateKey(key, "pw".toCharArray())).isNotNull();
        assertThat(run("new-key", "--out", dir.resolve("x.key").toString(), "--password-file",
                passwordFile("pw").toString(), "--format", "traditional")).isEqualTo(2);
        assertThat(dir.resolve("x.key")).doesNotExist();
    }

    @Test
    void newKeyRefusesAnUnknownTypeAsAUsageError() {
        assertThat(run("new-key", "--type", "dsa", "--out", dir.resolve("k").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--type must be rsa or ec");
    }

    @Test
    void csrCarriesTheSubjectAndTheKeysPublicKey() throws Exception {
        Path csr = dir.resolve("device.csr");
        assertThat(run("csr", "--key", keyFile.toString(), "--subject", "CN=thing-7,O=Acme", "--out", csr.toString()))
                .isZero();
        assertThat(out.toString()).contains("create-certificate-from-csr");
        var read = new JcaPKCS10CertificationRequest(PemFiles.readCsr(csr));
        assertThat(KeyPairs.samePublicKey(read.getPublicKey(), keys.getPublic())).isTrue();
        assertThat(read.getSubject().toString()).isEqualTo("CN=thing-7,O=Acme");
    }

    @Test
    void csrWithAnInvalidSubjectIsAUsageErrorThatExplains() {
        Path csr = dir.resolve("bad.csr");
        assertThat(run("csr", "--key", keyFile.toString(), "--subject", "thing-7", "--out", csr.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("is not a distinguished name", "CN=my-device");
        assertThat(csr).doesNotExist();
    }

    @Test
    void selfSignedMakesACertificateForTheKey() throws Exception {
        Path cert = dir.resolve("self.crt");
        assertThat(run("self-signed", "--key", keyFile.toString(), "--subject", "CN=self", "--days", "10", "--out",
                cert.toString())).isZero();
        X509Certificate read = PemFiles.readCertificate(cert);
        read.verify(keys.getPublic());
        assertThat(read.getSubjectX500Principal().getName()).isEqualTo("CN=self");
    }

    @Test
    void amazonRootExportsTheJdksCopy() throws Exception {
        Path file = dir.resolve("AmazonRootCA3.pem");
        assertThat(run("amazon-root", "--number", "3", "--out", file.toString())).isZero();
        assertThat(PemFiles.readCertificate(file)).isEqualTo(AmazonRootCas.certificate(3));
        assertThat(run("amazon-root")).isZero();
        assertThat(out.toString()).isEqualTo(AmazonRootCas.pem(1));
        assertThat(run("amazon-root", "--number", "5")).isEqualTo(2);
    }

    @Test
    void exportWmWritesTheSdkFilesAndAsksBeforeReplacing() throws Exception {
        Path sdk = dir.resolve("sdk");
        Files.createDirectories(sdk.resolve(WmSdkExport.AWS_EXAMPLES).resolve("cert"));
        Files.createDirectories(sdk.resolve("components"));
        assertThat(run("export-wm", "--sdk", sdk.toString(), "--cert", certFile.toString(), "--key",
                keyFile.toString())).isZero();
        assertThat(out.toString()).contains("wrote", "certificate.pem.crt", "private.pem.key", "AmazonRootCA1.pem");
        Path otherCert = dir.resolve("other.crt");
        CertificateFiles.write(otherCert, CertificateFactory.selfSigned(keys, "CN=other", Instant.now(),
                Instant.now().plusSeconds(3600)));
        assertThat(run("export-wm", "--sdk", sdk.toString(), "--cert", otherCert.toString(), "--key",
                keyFile.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--force");
        assertThat(run("export-wm", "--sdk", sdk.toString(), "--cert", otherCert.toString(), "--key",
                keyFile.toString(), "--force")).isZero();
        assertThat(out.toString()).contains("unchanged");
        assertThat(run("export-wm", "--sdk", dir.toString(), "--cert", certFile.toString(), "--key",
                keyFile.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not a WM IoT SDK");
    }

    @Test
    void connectReportsEveryStepAgainstARealLocalBroker() throws Exception {
        LocalCa ca = LocalCa.openOrCreate(dir.resolve("ca"), Clock.systemUTC());
        Map<String, String> statuses = new ConcurrentHashMap<>();
        var trust = LocalBroker.clientTrust((c, id) -> "ACTIVE".equals(statuses.get(id)) ? Optional.empty()
                : Optional.of("not registered"), Clock.systemUTC());
        try (LocalBroker broker = LocalBroker.start("127.0.0.1", 0, TestServerTls.context(ca, dir.resolve("ca"),
                "127.0.0.1", trust), Authorizer.ALLOW_ALL, new GatewayListener() {
                })) {
            DeviceIdentity device = DeviceIdentity.issuedBy(ca);
            Path cert = dir.resolve("device.crt");
            Path key = dir.resolve("device.key");
            CertificateFiles.write(cert, device.certificate());
            KeyFiles.write(key, device.keys().getPrivate(), null, KeyFiles.Format.PKCS8);
            String[] args = {"connect", "--cert", cert.toString(), "--key", key.toString(), "--root-ca",
                    ca.certificateFile().toString(), "--host", "localhost", "--port", String.valueOf(broker.port()),
                    "--client-id", "cli-thing", "--timeout", "5"};

            assertThat(run(args)).isEqualTo(1);
            assertThat(out.toString()).contains("[ok] TLS server verification", "[ERROR] Client certificate accepted",
                    "[skipped] MQTT CONNACK", "Failed at: Client certificate accepted");

            statuses.put(device.certificateId(), "ACTIVE");
            assertThat(run(args)).isZero();
            assertThat(out.toString()).contains("[ok] Name resolution", "[ok] TCP connect",
                    "[ok] Client certificate accepted", "[ok] MQTT CONNACK", "CONNACK 0", "Connected.");
        }
    }
}
