package io.iotworkbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code iot-workbench cert}: reads, checks, creates and exports device certificates and keys, headless. Each
 * subcommand is its own class; exit codes are {@value #OK} ok, {@value #FAILED} a check or action failed (the reason
 * on standard error), {@value #USAGE} a usage error. Key material is never printed.
 *
 * <p>Runs on the caller's thread; one instance per command line.
 */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = "Read, check, create and export device certificates and keys.",
        subcommands = {CertCheckCommand.class, CertInspectCommand.class, CertNewKeyCommand.class,
                CertCsrCommand.class, CertSelfSignedCommand.class, CertAmazonRootCommand.class,
                CertConnectCommand.class, CertExportWmCommand.class, CertCreateCommand.class,
                CertCSourceCommand.class})
public final class CertCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    public CertCommand() {
        // picocli and RootCommand build it
    }

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }
}
