package io.iotworkbench.cli;

import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.ConnectionCheck;
import io.iotworkbench.cert.ConnectionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code cert connect}: the connection check, one line per step (name resolution, TCP, TLS server verification,
 * client certificate, MQTT CONNACK); exit 1 when a step fails.
 * Runs on the caller's thread.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Connect to an MQTT endpoint with a certificate and report each step.")
final class CertConnectCommand extends CertSubcommand {

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "Device certificate.")
    Path certificate;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Its private key.")
    Path key;

    @Option(names = {"--root-ca", "--ca"}, paramLabel = "FILE",
            description = "Root CA the server is checked with (the Java runtime's roots when absent).")
    Path rootCa;

    @Option(names = "--host", required = true, paramLabel = "HOST", description = "Endpoint host name.")
    String host;

    @Option(names = "--port", defaultValue = "8883", paramLabel = "PORT", description = "8883 (default) or 443.")
    int port;

    @Option(names = "--client-id", required = true, paramLabel = "ID", description = "MQTT client id.")
    String clientId;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password of an encrypted key.")
    Path passwordFile;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "Per step (10).")
    int timeoutSeconds;

    @Override
    int run() throws Exception {
        if (port < 1 || port > 65535) {
            throw usage("--port must be between 1 and 65535.");
        }
        if (timeoutSeconds < 1) {
            throw usage("--timeout must be at least 1 second.");
        }
        char[] password = password(passwordFile);
        CertificateBundle bundle;
        try {
            bundle = CertificateBundle.read(certificate, key, rootCa, password);
        } finally {
            clear(password);
        }
        out().println("Connecting to " + host + ":" + port + " as '" + clientId + "'");
        ConnectionReport report = new ConnectionCheck(Duration.ofSeconds(timeoutSeconds))
                .run(bundle, host, port, clientId);
        report.steps().forEach(s -> out().println(s));
        out().println(report.succeeded() ? "Connected." : "Failed at: " + report.failure()
                .map(s -> s.stage().title()).orElse("unknown step"));
        out().flush();
        return report.succeeded() ? CertCommand.OK : CertCommand.FAILED;
    }
}
