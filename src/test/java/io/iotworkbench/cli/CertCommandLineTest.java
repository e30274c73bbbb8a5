package io.iotworkbench.cli;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFiles;
import io.iotworkbench.cert.KeyFiles;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.WmSdkExport;
import io.iotworkbench.cert.WmUserDefEdit;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.localcore.LocalIoTCore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code cert} command line of issue #4: create, check --endpoint, export-wm --demo, c-source; exit codes. */
@Tag("integration")
class CertCommandLineTest {

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;
    private Path certFile;
    private Path keyFile;

    @BeforeEach
    void bundle() throws Exception {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        certFile = dir.resolve("abcd-certificate.pem.crt");
        keyFile = dir.resolve("abcd-private.pem.key");
        CertificateFiles.write(certFile, CertificateFactory.selfSigned(keys, "CN=cli", Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400 * 400L)));
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

    @Test
    void createMakesACsrASelfSignedOrALocalCaCertificateWithANewOwnerOnlyKey() throws Exception {
        Path csr = dir.resolve("dev.csr");
        Path key = dir.resolve("dev.key");
        assertThat(run("create", "--csr", "--subject", "CN=dev-1", "--key-type", "ec", "--out-key", key.toString(),
                "--out", csr.toString())).as(err.toString()).isZero();
        assertThat(PemFiles.readCsr(csr).getSubject().toString()).isEqualTo("CN=dev-1");
        assertThat(PemFiles.readPrivateKey(key).getAlgorithm()).isEqualTo("EC");

        Path self = dir.resolve("self.crt");
        assertThat(run("create", "--self-signed", "--subject", "CN=dev-1", "--key", key.toString(), "--days", "30",
                "--out", self.toString())).isZero();
        assertThat(PemFiles.readCertificate(self).getSubjectX500Principal().getName()).isEqualTo("CN=dev-1");

        Path data = dir.resolve("data");
        LocalCa ca = LocalCa.openOrCreate(data.resolve("local-core/ca"), Clock.systemUTC());
        Path signed = dir.resolve("signed.crt");
        assertThat(run("create", "--local-ca", "--subject", "CN=dev-2", "--key", key.toString(), "--data-dir",
                data.toString(), "--out", signed.toString())).as(err.toString()).isZero();
        var c = PemFiles.readCertificate(signed);
        c.verify(ca.certificate().getPublicKey());
        assertThat(c.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());

        byte[] before = Files.readAllBytes(signed);
        assertThat(run("create", "--local-ca", "--subject", "CN=dev-2", "--key", key.toString(), "--data-dir",
                data.toString(), "--out", signed.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nothing was written");
        assertThat(Files.readAllBytes(signed)).isEqualTo(before);
        assertThat(run("create", "--local-ca", "--subject", "CN=x", "--key", key.toString(), "--data-dir",
                dir.resolve("empty").toString(), "--out", dir.resolve("n.crt").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("has no CA");
    }

    @Test
    void createUsageErrorsExitTwo() {
        assertThat(run("create", "--csr", "--self-signed", "--subject", "CN=a", "--out-key", "k", "--out", "o"))
                .isEqualTo(2);
        assertThat(run("create", "--subject", "CN=a", "--out-key", "k", "--out", "o")).isEqualTo(2);
        assertThat(run("create", "--csr", "--subject", "CN=a", "--out", "o")).isEqualTo(2);
        assertThat(err.toString()).contains("--out-key");
        assertThat(run("create", "--csr", "--subject", "CN=a", "--out-key", "k", "--key-type", "dsa", "--out", "o"))
                .isEqualTo(2);
        assertThat(Files.exists(Path.of("k"))).isFalse();
    }

    @Test
    void checkWithAnEndpointConnectsToTheLocalIoTCore() throws Exception {
        try (LocalIoTCore core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("core"))
                .withVirtualDevice(false))) {
            var thing = core.provision("cli-thing");
            String endpoint = core.mqttHost() + ":" + core.mqttPort();
            assertThat(run("check", "--cert", thing.certificateFile().toString(), "--key",
                    thing.privateKeyFile().toString(), "--ca", core.caFile().toString(), "--endpoint", endpoint,
                    "--client-id", "cli-thing")).as(out + "" + err).isZero();
            assertThat(out.toString()).contains("Connected.");
            assertThat(run("check", "--cert", certFile.toString(), "--key", keyFile.toString(), "--ca",
                    core.caFile().toString(), "--endpoint", endpoint, "--timeout", "3")).isEqualTo(1);
            assertThat(out.toString()).contains("Failed at:");
        }
        assertThat(run("check", "--cert", certFile.toString(), "--key", keyFile.toString(), "--endpoint", "h:99999"))
                .isEqualTo(2);
    }

    @Test
    void exportWmShowsTheUserDefDiffAndAppliesItOnlyWithYes() throws Exception {
        Path sdk = dir.resolve("sdk");
        Files.createDirectories(sdk.resolve("components"));
        Path userDef = sdk.resolve(WmSdkExport.AWS_EXAMPLES).resolve("led_demo").resolve(WmUserDefEdit.USER_DEF);
        Files.createDirectories(userDef.getParent());
        String original = "#define AWS_IOT_ENDPOINT \"old.example.com\"\n#define THING_NAME \"wm_demo_1\"\n";
        Files.writeString(userDef, original);
        String[] args = {"export-wm", "--sdk", sdk.toString(), "--cert", certFile.toString(), "--key",
                keyFile.toString(), "--demo", "led_demo", "--endpoint", "new-ats.iot.eu-west-1.amazonaws.com",
                "--thing", "lamp"};
        assertThat(run(args)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("-#define THING_NAME \"wm_demo_1\"")
                .contains("+#define THING_NAME \"lamp\"").contains("Not applied").contains("CLIENT_IDENTIFIER");
        assertThat(Files.readString(userDef)).isEqualTo(original);
        assertThat(Files.exists(sdk.resolve(WmSdkExport.AWS_EXAMPLES).resolve(WmSdkExport.CERTIFICATE))).isTrue();

        String[] withYes = java.util.Arrays.copyOf(args, args.length + 1);
        withYes[args.length] = "--yes";
        assertThat(run(withYes)).isZero();
        assertThat(Files.readString(userDef)).isEqualTo("#define AWS_IOT_ENDPOINT "
                + "\"new-ats.iot.eu-west-1.amazonaws.com\"\n#define THING_NAME \"lamp\"\n");
        assertThat(Files.readString(userDef.resolveSibling("aws_user_def.h.bak"))).isEqualTo(original);

        assertThat(run("export-wm", "--sdk", sdk.toString(), "--cert", certFile.toString(), "--key",
                keyFile.toString(), "--thing", "x")).isEqualTo(2);
        assertThat(run("export-wm", "--sdk", dir.toString(), "--cert", certFile.toString(), "--key",
                keyFile.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not a WM IoT SDK");
    }

    @Test
    void cSourcePrintsAHeaderOrRefuses() throws Exception {
        assertThat(run("c-source", certFile.toString(), "--name", "device_cert")).isZero();
        assertThat(out.toString()).contains("static const char device_cert[] =")
                .contains("\"-----BEGIN CERTIFICATE-----\\n\"");
        Path h = dir.resolve("cert.h");
        assertThat(run("c-source", certFile.toString(), "--out", h.toString())).isZero();
        assertThat(Files.readString(h)).contains("abcd_certificate_pem_crt[]");
        assertThat(run("c-source", certFile.toString(), "--out", h.toString())).isEqualTo(1);
        assertThat(run("c-source", certFile.toString(), "--name", "1bad")).isEqualTo(2);
        Path der = dir.resolve("c.der");
        Files.write(der, PemFiles.readCertificate(certFile).getEncoded());
        assertThat(run("c-source", der.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("binary");
    }
}
