package io.iotworkbench.cli;

import io.iotworkbench.cert.CSourceExport;
import io.iotworkbench.storage.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * {@code cert c-source}: a PEM file as a C header holding a NUL-terminated string constant, on standard output or
 * into a file. Runs on the caller's thread.
 */
@Command(name = "c-source", mixinStandardHelpOptions = true,
        description = "Print a PEM file as a C header with a NUL-terminated string constant.")
final class CertCSourceCommand extends CertSubcommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The PEM file.")
    Path file;

    @Option(names = "--name", paramLabel = "SYMBOL", description = "The C array's name (default: from the file name).")
    String name;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the header there instead of printing it.")
    Path outFile;

    @Mixin
    ForceOption replace;

    @Override
    int run() throws Exception {
        if (name != null && !name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw usage("--name must be a C identifier (letters, digits and _, not starting with a digit).");
        }
        String header = CSourceExport.header(file, name);
        if (outFile == null) {
            out().print(header);
        } else {
            if (refusesToReplace(outFile, replace.force)) {
                return CertCommand.FAILED;
            }
            AtomicFiles.writeString(outFile, header);
            out().println("Wrote " + outFile + ".");
        }
        out().flush();
        return CertCommand.OK;
    }
}
