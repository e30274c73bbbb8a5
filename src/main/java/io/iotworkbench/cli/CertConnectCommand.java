package io.iotworkbench.cli;

import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.ConnectionCheck;
import io.iotworkbench.cert.ConnectionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code cert connect}: the connection check, one line per step (name resolution, TCP, TLS server verification,
 * client certificate, MQTT CONNACK); exit 1 when a step fails.
 * Runs on the caller's thread.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Connect to an MQTT endpoint with a certificate and report each step.")
final class CertConnectCommand extends CertSubcommand {

    @Mixin
    BundleOptions files;

    @Option(names = "--host", required = true, paramLabel = "HOST", description = "Endpoint host name.")
    String host;

    @Option(names = "--port", defaultValue = "8883", paramLabel = "PORT", description = "8883 (default) or 443.")
    int port;

    @Option(names = "--client-id", required = true, paramLabel = "ID", description = "MQTT client id.")
    String clientId;

    @Mixin
    StepTimeoutOption timeout;

    @Override
    int run() throws Exception {
        if (port < 1 || port > 65535) {
            throw usage("--port must be between 1 and 65535.");
        }
        Duration perStep = timeout.perStep(this);
        char[] password = password(files.passwordFile);
        CertificateBundle bundle;
        try {
            bundle = CertificateBundle.read(files.certificate, files.key, files.rootCa, password);
        } finally {
            clear(password);
        }
        out().println("Connecting to " + host + ":" + port + " as '" + clientId + "'");
        ConnectionReport report = new ConnectionCheck(perStep)
                .run(bundle, host, port, clientId);
        report.steps().forEach(s -> out().println(s));
        out().println(report.succeeded() ? "Connected." : "Failed at: " + report.failure()
                .map(s -> s.stage().title()).orElse("unknown step"));
        out().flush();
        return report.succeeded() ? CertCommand.OK : CertCommand.FAILED;
    }
}
