package io.iotworkbench.cli;

import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.WmSdkExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code cert export-wm}: writes a device certificate, its key and the root CA into a WM IoT SDK where its AWS demos
 * embed them; refuses to replace files with other content unless forced.
 * Runs on the caller's thread.
 */
@Command(name = "export-wm", mixinStandardHelpOptions = true,
        description = "Write certificate, key and root CA into a WM IoT SDK for its AWS demos.")
final class CertExportWmCommand extends CertSubcommand {

    @Option(names = "--sdk", required = true, paramLabel = "DIR", description = "The WM IoT SDK's top folder.")
    Path sdk;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "Device certificate.")
    Path certificate;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Its private key.")
    Path key;

    @Option(names = {"--root-ca", "--ca"}, paramLabel = "FILE",
            description = "Root CA (Amazon Root CA 1 from the Java runtime when absent).")
    Path rootCa;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password of an encrypted key (written unencrypted).")
    Path passwordFile;

    @Option(names = "--force", description = "Replace files that exist with other content.")
    boolean force;

    @Override
    int run() throws Exception {
        WmSdkExport export = WmSdkExport.into(sdk);
        char[] password = password(passwordFile);
        CertificateBundle bundle;
        try {
            bundle = CertificateBundle.read(certificate, key, rootCa, password);
        } finally {
            clear(password);
        }
        List<Path> conflicts = export.conflicts(bundle);
        if (!conflicts.isEmpty() && !force) {
            err().println("error: these files exist with other content: " + conflicts + ". Nothing was written; "
                    + "add --force to replace them.");
            return CertCommand.FAILED;
        }
        for (WmSdkExport.ExportedFile f : export.write(bundle, force)) {
            out().println((f.state() == WmSdkExport.State.WRITTEN ? "wrote     " : "unchanged ") + f.path());
        }
        out().flush();
        return CertCommand.OK;
    }
}
