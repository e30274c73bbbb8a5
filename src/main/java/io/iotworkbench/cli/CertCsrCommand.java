package io.iotworkbench.cli;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.security.PrivateKey;

/**
 * {@code cert csr}: a certificate signing request for an existing key and a chosen subject, for AWS IoT's
 * CreateCertificateFromCsr (the key never leaves the machine). An invalid subject is a usage error.
 * Runs on the caller's thread.
 */
@Command(name = "csr", mixinStandardHelpOptions = true,
        description = "Create a certificate signing request (CSR) for a key, to have AWS IoT sign it.")
final class CertCsrCommand extends CertSubcommand {

    @Mixin
    KeySubjectOptions keySubject;

    @Mixin
    ForceOption replace;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSR file to write.")
    Path out;

    @Override
    int run() throws Exception {
        requireSubject(keySubject.subject);
        if (refusesToReplace(out, replace.force)) {
            return CertCommand.FAILED;
        }
        PrivateKey privateKey = readKey(keySubject.key, keySubject.passwordFile);
        CertificateFiles.writeCsr(out, CertificateFactory.csr(privateKey, keySubject.subject));
        out().println("Wrote a CSR for " + keySubject.subject + " to " + out + ". Have AWS IoT sign it, e.g.: aws iot "
                + "create-certificate-from-csr --certificate-signing-request file://" + out + " --set-as-active");
        out().flush();
        return CertCommand.OK;
    }
}
