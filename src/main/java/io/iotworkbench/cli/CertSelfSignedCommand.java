package io.iotworkbench.cli;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFiles;
import io.iotworkbench.cert.KeyPairs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code cert self-signed}: a self-signed device certificate for an existing key, for AWS IoT's
 * RegisterCertificateWithoutCA or a private broker.
 * Runs on the caller's thread.
 */
@Command(name = "self-signed", mixinStandardHelpOptions = true,
        description = "Create a self-signed device certificate for a key.")
final class CertSelfSignedCommand extends CertSubcommand {

    @Mixin
    KeySubjectOptions keySubject;

    @Mixin
    ForceOption replace;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N", description = "Validity in days (365).")
    int days;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The certificate file to write.")
    Path out;

    @Override
    int run() throws Exception {
        requireSubject(keySubject.subject);
        if (days < 1) {
            throw usage("--days must be at least 1.");
        }
        if (refusesToReplace(out, replace.force)) {
            return CertCommand.FAILED;
        }
        PrivateKey privateKey = readKey(keySubject.key, keySubject.passwordFile);
        Instant now = Instant.now();
        var certificate = CertificateFactory.selfSigned(new KeyPair(KeyPairs.publicKeyOf(privateKey), privateKey),
                keySubject.subject, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(days)));
        CertificateFiles.write(out, certificate);
        out().println("Wrote a self-signed certificate for " + keySubject.subject + ", valid " + days + " days, to "
                + out + ".");
        out().flush();
        return CertCommand.OK;
    }
}
