package io.iotworkbench.cli;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFiles;
import io.iotworkbench.cert.KeyPairs;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.aws.CertificateCreation;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.storage.AppDirectories;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cert create (--csr|--self-signed|--local-ca)}: a CSR, a self-signed certificate, or a certificate signed by
 * the Local IoT Core's CA (in the data folder), for an existing key ({@code --key}) or a new one written owner-only to
 * {@code --out-key} first. Nothing is written when any output exists (unless {@code --force}).
 * Runs on the caller's thread.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a CSR, a self-signed certificate or one signed by the Local IoT Core's CA.")
final class CertCreateCommand extends CertSubcommand {

    /** Which kind of thing to create; exactly one. */
    static final class Kind {
        @Option(names = "--csr", required = true, description = "A certificate signing request (for AWS to sign).")
        boolean csr;

        @Option(names = "--self-signed", required = true, description = "A self-signed device certificate.")
        boolean selfSigned;

        @Option(names = "--local-ca", required = true,
                description = "A device certificate signed by the Local IoT Core's CA.")
        boolean localCa;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Kind kind;

    @Option(names = "--subject", required = true, paramLabel = "DN", description = "Subject, e.g. CN=my-device.")
    String subject;

    @Option(names = "--key", paramLabel = "FILE", description = "An existing private key (else a new one is made).")
    Path key;

    @Option(names = "--key-type", defaultValue = "rsa", paramLabel = "rsa|ec",
            description = "Type of a new key: rsa (RSA 2048, default) or ec (EC P-256).")
    String keyType;

    @Option(names = "--out-key", paramLabel = "FILE", description = "Where a new key is written (owner-only).")
    Path outKey;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSR or certificate to write.")
    Path out;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N",
            description = "Validity in days for --self-signed (365); --local-ca certificates last until 2049.")
    int days;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The workbench data folder holding local-core/ca (default: the configured one).")
    Path dataDir;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Password of --key when encrypted; with a new key, encrypts it with this password.")
    Path passwordFile;

    @Mixin
    ForceOption replace;

    @Override
    int run() throws Exception {
        requireSubject(subject);
        if (days < 1) {
            throw usage("--days must be at least 1.");
        }
        if (key == null && outKey == null) {
            throw usage("Give --key FILE (an existing key) or --out-key FILE (where to write a new key).");
        }
        if (key != null && outKey != null) {
            throw usage("Give either --key or --out-key, not both.");
        }
        CertificateFactory.KeyType type = switch (keyType.toLowerCase(java.util.Locale.ROOT)) {
            case "rsa", "rsa2048", "rsa-2048" -> CertificateFactory.KeyType.RSA_2048;
            case "ec", "p256", "ec-p256" -> CertificateFactory.KeyType.EC_P256;
            default -> throw usage("--key-type must be rsa or ec.");
        };
        List<Path> exist = new ArrayList<>();
        for (Path p : outKey == null ? List.of(out) : List.of(out, outKey)) {
            if (Files.exists(p)) {
                exist.add(p);
            }
        }
        if (!exist.isEmpty() && !replace.force) {
            err().println("error: " + exist + " exist(s); nothing was written. Choose other files or add --force.");
            return CertCommand.FAILED;
        }
        LocalCa ca = null;
        if (kind.localCa) {
            Path data = dataDir != null ? dataDir : AppDirectories.fromEnvironment().dataDir();
            Path caDir = data.resolve("local-core/ca");
            if (!Files.isRegularFile(caDir.resolve("ca.pem"))) {
                err().println("error: the Local IoT Core has no CA in " + caDir + " yet; start the workbench or "
                        + "'local-core' once, or give --data-dir.");
                return CertCommand.FAILED;
            }
            ca = LocalCa.openOrCreate(caDir, Clock.systemUTC());
        }
        char[] password = password(passwordFile);
        KeyPair keys;
        try {
            if (key != null) {
                PrivateKey k = PemFiles.readPrivateKey(key, password);
                keys = new KeyPair(KeyPairs.publicKeyOf(k), k);
            } else {
                keys = CertificateCreation.writeNewKey(outKey, type, password);
                out().println("Wrote a new " + type + " private key to " + outKey + " (owner-only).");
            }
        } finally {
            clear(password);
        }
        Instant now = Instant.now();
        if (kind.csr) {
            CertificateFiles.writeCsr(out, CertificateFactory.csr(keys, subject));
            out().println("Wrote a CSR for " + subject + " to " + out + ". Have AWS IoT sign it (Certificates pane, "
                    + "or: aws iot create-certificate-from-csr --certificate-signing-request file://" + out
                    + " --set-as-active).");
        } else if (kind.selfSigned) {
            CertificateCreation.writeSelfSigned(keys, subject, now, Duration.ofDays(days), out);
            out().println("Wrote a self-signed certificate for " + subject + ", valid " + days + " days, to " + out
                    + ".");
        } else {
            CertificateFiles.write(out, ca.issueDeviceCertificate(keys.getPublic(), subject));
            out().println("Wrote a certificate for " + subject + " signed by the Local IoT Core's CA to " + out
                    + ". Register it on the Local IoT Core (Certificates pane) before connecting.");
        }
        out().flush();
        return CertCommand.OK;
    }
}
