package io.iotworkbench.cli;

import io.iotworkbench.cert.CertificateFileException;
import io.iotworkbench.cert.CertificateSummary;
import io.iotworkbench.cert.KeyInfo;
import io.iotworkbench.cert.KeyPairs;
import io.iotworkbench.cert.PasswordRequiredException;
import io.iotworkbench.cert.PemFiles;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * {@code cert inspect}: what each file holds: certificates (subject, issuer, validity, key, AWS id), a private key's
 * type (never its content), or a CSR's subject and key. Exit 1 when a file is none of these.
 * Runs on the caller's thread.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show what certificate, key or CSR files hold (never key material).")
final class CertInspectCommand extends CertSubcommand {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Certificate, key or CSR files (PEM or DER).")
    List<Path> files;

    @Override
    int run() {
        int exit = CertCommand.OK;
        for (Path file : files) {
            out().println(file + ":");
            try {
                inspect(file);
            } catch (CertificateFileException e) {
                err().println("error: " + e.getMessage());
                exit = CertCommand.FAILED;
            }
        }
        out().flush();
        err().flush();
        return exit;
    }

    private void inspect(Path file) throws CertificateFileException {
        CertificateFileException asCertificate;
        try {
            List<X509Certificate> chain = PemFiles.readCertificates(file);
            for (int i = 0; i < chain.size(); i++) {
                out().println("  Certificate " + (i + 1) + " of " + chain.size());
                CertificateSummary.of(chain.get(i)).lines().forEach(l -> out().println("    " + l));
            }
            return;
        } catch (CertificateFileException e) {
            asCertificate = e;
        }
        try {
            PrivateKey key = PemFiles.readPrivateKey(file);
            out().println("  Private key: " + KeyInfo.of(KeyPairs.publicKeyOf(key)) + " (content not shown)");
            return;
        } catch (PasswordRequiredException e) {
            out().println("  Encrypted private key (its password is needed to say more)");
            return;
        } catch (CertificateFileException | IllegalArgumentException e) {
            // not a key either
        }
        try {
            var csr = new JcaPKCS10CertificationRequest(PemFiles.readCsr(file));
            out().println("  Certificate signing request");
            out().println("    Subject:        " + csr.getSubject());
            out().println("    Key:            " + KeyInfo.of(csr.getPublicKey()));
        } catch (CertificateFileException | java.security.GeneralSecurityException e) {
            throw asCertificate;
        }
    }
}
