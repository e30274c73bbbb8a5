package io.iotworkbench.cli;

import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.WmSdkExport;
import io.iotworkbench.cert.WmUserDefEdit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code cert export-wm}: writes a device certificate, its key and the root CA into a WM IoT SDK where its AWS demos
 * embed them; refuses to replace files with other content unless forced. With {@code --demo} it also shows the edit of
 * that demo's {@code aws_user_def.h} for {@code --endpoint}, {@code --thing} and {@code --client-id} as a diff, and
 * applies it (after a backup) only with {@code --yes}.
 * Runs on the caller's thread.
 */
@Command(name = "export-wm", mixinStandardHelpOptions = true,
        description = "Write certificate, key and root CA into a WM IoT SDK for its AWS demos.")
final class CertExportWmCommand extends CertSubcommand {

    @Mixin
    BundleOptions files;

    @Option(names = "--sdk", required = true, paramLabel = "DIR", description = "The WM IoT SDK's top folder.")
    Path sdk;

    @Mixin
    ForceOption replace;

    @Option(names = "--demo", paramLabel = "NAME",
            description = "AWS demo whose aws_user_def.h to edit, e.g. led_demo.")
    String demo;

    @Option(names = "--endpoint", paramLabel = "HOST", description = "AWS_IOT_ENDPOINT for --demo.")
    String endpoint;

    @Option(names = "--thing", paramLabel = "NAME", description = "THING_NAME (and CLIENT_IDENTIFIER) for --demo.")
    String thing;

    @Option(names = "--client-id", paramLabel = "ID", description = "CLIENT_IDENTIFIER for --demo (default: --thing).")
    String clientId;

    @Option(names = "--yes", description = "Apply the aws_user_def.h edit shown (a backup is kept).")
    boolean yes;

    @Override
    int run() throws Exception {
        if (demo == null && (endpoint != null || thing != null || clientId != null)) {
            throw usage("--endpoint, --thing and --client-id edit a demo's aws_user_def.h: give --demo NAME too.");
        }
        WmSdkExport export = WmSdkExport.into(sdk);
        WmUserDefEdit.Plan plan = null;
        if (demo != null) {
            try {
                plan = WmUserDefEdit.plan(export.userDefFile(demo), endpoint, thing,
                        clientId != null ? clientId : thing);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        char[] password = password(files.passwordFile);
        CertificateBundle bundle;
        try {
            bundle = CertificateBundle.read(files.certificate, files.key, files.rootCa, password);
        } finally {
            clear(password);
        }
        List<Path> conflicts = export.conflicts(bundle);
        if (!conflicts.isEmpty() && !replace.force) {
            err().println("error: these files exist with other content: " + conflicts + ". Nothing was written; "
                    + "add --force to replace them.");
            return CertCommand.FAILED;
        }
        for (WmSdkExport.ExportedFile f : export.write(bundle, replace.force)) {
            out().println((f.state() == WmSdkExport.State.WRITTEN ? "wrote     " : "unchanged ") + f.path());
        }
        if (plan != null) {
            editUserDef(plan);
        }
        out().flush();
        return CertCommand.OK;
    }

    private void editUserDef(WmUserDefEdit.Plan plan) throws java.io.IOException {
        plan.absent().forEach(m -> out().println("note: " + plan.file().getFileName() + " does not define " + m
                + "; the demo takes it from elsewhere (demo_config.h)."));
        if (!plan.changes()) {
            out().println(plan.file() + " already holds these values.");
            return;
        }
        out().print(plan.diff());
        if (!yes) {
            out().println("Not applied. Run again with --yes to apply this edit (a backup is kept).");
            return;
        }
        Path backup = WmUserDefEdit.apply(plan);
        out().println("edited    " + plan.file() + " (backup " + backup.getFileName() + ")");
    }
}
