package io.iotworkbench.cli;

import io.iotworkbench.cert.AmazonRootCas;
import io.iotworkbench.storage.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code cert amazon-root}: Amazon Root CA 1–4 from the Java runtime's trust store, as PEM to a file or stdout.
 * Runs on the caller's thread.
 */
@Command(name = "amazon-root", mixinStandardHelpOptions = true,
        description = "Export Amazon Root CA 1-4 (from the Java runtime's trust store) as PEM.")
final class CertAmazonRootCommand extends CertSubcommand {

    @Option(names = "--number", defaultValue = "1", paramLabel = "N", description = "1 (RSA, default) to 4.")
    int number;

    @Option(names = "--out", paramLabel = "FILE", description = "File to write; standard output when absent.")
    Path out;

    @Override
    int run() throws Exception {
        if (number < 1 || number > 4) {
            throw usage("--number must be 1, 2, 3 or 4, not " + number + ".");
        }
        String pem = AmazonRootCas.pem(number);
        if (out == null) {
            out().print(pem);
        } else {
            AtomicFiles.writeString(out, pem);
            out().println("Wrote " + AmazonRootCas.name(number) + " to " + out + ".");
        }
        out().flush();
        return CertCommand.OK;
    }
}
