package io.iotworkbench.cli;

import picocli.CommandLine.Option;

/**
 * {@code --force} for the {@code cert} subcommands that write files, as a picocli mixin: without it they refuse to
 * replace a file that exists and write nothing.
 */
final class ForceOption {

    @Option(names = "--force", description = "Replace output files that exist.")
    boolean force;
}
