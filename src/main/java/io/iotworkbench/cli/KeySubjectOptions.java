package io.iotworkbench.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * What {@code cert csr} and {@code cert self-signed} share, as a picocli mixin: an existing {@code --key} (with its
 * {@code --password-file}) and the {@code --subject}.
 */
final class KeySubjectOptions {

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key.")
    Path key;

    @Option(names = "--subject", required = true, paramLabel = "DN", description = "Subject, e.g. CN=my-device.")
    String subject;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password of an encrypted key.")
    Path passwordFile;
}
