package io.iotworkbench.cli;

import io.iotworkbench.cert.BundleCheck;
import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code cert check}: the bundle checks of a certificate, key and root CA, one line each; exit 1 on any error.
 * Runs on the caller's thread.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check that a device certificate, its private key and a root CA fit together and suit AWS IoT.")
final class CertCheckCommand extends CertSubcommand {

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "Device certificate (PEM or DER).")
    Path certificate;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Its private key.")
    Path key;

    @Option(names = {"--root-ca", "--ca"}, paramLabel = "FILE", description = "Root CA the server is checked with.")
    Path rootCa;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password of an encrypted key.")
    Path passwordFile;

    @Override
    int run() throws Exception {
        char[] password = password(passwordFile);
        CertificateBundle bundle;
        try {
            bundle = CertificateBundle.read(certificate, key, rootCa, password);
        } finally {
            clear(password);
        }
        List<BundleCheck> checks = bundle.checks();
        checks.forEach(c -> out().println(c));
        long errors = checks.stream().filter(c -> c.verdict() == Verdict.ERROR).count();
        long warnings = checks.stream().filter(c -> c.verdict() == Verdict.WARNING).count();
        out().println(errors == 0 ? "Bundle OK (" + warnings + " warning(s))."
                : "Bundle has " + errors + " error(s) and " + warnings + " warning(s).");
        out().flush();
        return errors == 0 ? CertCommand.OK : CertCommand.FAILED;
    }
}
