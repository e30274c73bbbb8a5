package io.iotworkbench.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The certificate bundle options the {@code cert} subcommands that read a bundle share ({@code check},
 * {@code connect}, {@code export-wm}), as a picocli mixin: {@code --cert}, {@code --key}, {@code --root-ca} and
 * {@code --password-file}.
 */
final class BundleOptions {

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "Device certificate (PEM or DER).")
    Path certificate;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Its private key.")
    Path key;

    @Option(names = {"--root-ca", "--ca"}, paramLabel = "FILE",
            description = "Root CA the server is checked with (the Java runtime's roots when absent).")
    Path rootCa;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password of an encrypted key.")
    Path passwordFile;
}
