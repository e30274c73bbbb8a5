package io.iotworkbench.cli;

import io.iotworkbench.cert.BundleCheck;
import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.ConnectionCheck;
import io.iotworkbench.cert.ConnectionReport;
import io.iotworkbench.cert.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/**
 * {@code cert check}: the bundle checks of a certificate, key and root CA, one line each; exit 1 on any error.
 * Runs on the caller's thread.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check that a device certificate, its private key and a root CA fit together and suit AWS IoT.")
final class CertCheckCommand extends CertSubcommand {

    @Mixin
    BundleOptions files;

    @Option(names = "--endpoint", paramLabel = "HOST[:PORT]",
            description = "Also connect there (port 8883 unless given) and report each step.")
    String endpoint;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "MQTT client id for --endpoint (default: the certificate's common name).")
    String clientId;

    @Mixin
    StepTimeoutOption timeout;

    @Override
    int run() throws Exception {
        Endpoint target = endpoint == null ? null : Endpoint.parse(endpoint, this);
        Duration perStep = timeout.perStep(this);
        char[] password = password(files.passwordFile);
        CertificateBundle bundle;
        try {
            bundle = CertificateBundle.read(files.certificate, files.key, files.rootCa, password);
        } finally {
            clear(password);
        }
        List<BundleCheck> checks = bundle.checks();
        checks.forEach(c -> out().println(c));
        long errors = checks.stream().filter(c -> c.verdict() == Verdict.ERROR).count();
        long warnings = checks.stream().filter(c -> c.verdict() == Verdict.WARNING).count();
        out().println(errors == 0 ? "Bundle OK (" + warnings + " warning(s))."
                : "Bundle has " + errors + " error(s) and " + warnings + " warning(s).");
        boolean connected = true;
        if (target != null) {
            String id = clientId != null ? clientId : commonName(bundle);
            out().println("Connecting to " + target.host() + ":" + target.port() + " as '" + id + "'");
            ConnectionReport report = new ConnectionCheck(perStep)
                    .run(bundle, target.host(), target.port(), id);
            report.steps().forEach(s -> out().println(s));
            connected = report.succeeded();
            out().println(connected ? "Connected." : "Failed at: " + report.failure()
                    .map(s -> s.stage().title()).orElse("unknown step"));
        }
        out().flush();
        return errors == 0 && connected ? CertCommand.OK : CertCommand.FAILED;
    }

    private static String commonName(CertificateBundle bundle) {
        String dn = bundle.deviceCertificate().getSubjectX500Principal().getName();
        for (String part : dn.split(",")) {
            if (part.trim().startsWith("CN=")) {
                return part.trim().substring(3);
            }
        }
        return "iot-workbench-check";
    }

    /** HOST[:PORT], port 8883 by default. */
    record Endpoint(String host, int port) {
        static Endpoint parse(String text, CertSubcommand command) {
            String t = text.trim();
            int colon = t.lastIndexOf(':');
            if (t.isEmpty() || colon == 0) {
                throw command.usage("--endpoint needs a host name, e.g. abc-ats.iot.eu-west-1.amazonaws.com:8883.");
            }
            if (colon < 0) {
                return new Endpoint(t, 8883);
            }
            try {
                int port = Integer.parseInt(t.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new Endpoint(t.substring(0, colon), port);
            } catch (NumberFormatException e) {
                throw command.usage("--endpoint's port must be a number from 1 to 65535.");
            }
        }
    }
}
