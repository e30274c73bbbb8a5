package io.iotworkbench.cli;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFiles;
import picocli.CommandLine.Command;
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

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key.")
    Path key;

    @Option(names = "--subject", required = true, paramLabel = "DN", description = "Subject, e.g. CN=my-device.")
    String subject;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSR file to write.")
    Path out;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password of an encrypted key.")
    Path passwordFile;

    @Option(names = "--force", description = "Replace an existing file.")
    boolean force;

    @Override
    int run() throws Exception {
        requireSubject(subject);
        if (refusesToReplace(out, force)) {
            return CertCommand.FAILED;
        }
        PrivateKey privateKey = readKey(key, passwordFile);
        CertificateFiles.writeCsr(out, CertificateFactory.csr(privateKey, subject));
        out().println("Wrote a CSR for " + subject + " to " + out + ". Have AWS IoT sign it, e.g.: aws iot "
                + "create-certificate-from-csr --certificate-signing-request file://" + out + " --set-as-active");
        out().flush();
        return CertCommand.OK;
    }
}
