package io.iotworkbench.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code --timeout SECONDS} for the commands that run the connection check step by step ({@code cert check},
 * {@code cert connect}), as a picocli mixin with its one rule (at least a second).
 */
final class StepTimeoutOption {

    /** The sentence for a timeout below a second. */
    static final String PROBLEM = "--timeout must be at least 1 second.";

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "Per step (10).")
    int seconds;

    /** The timeout per step; a usage error from {@code command} when it is below a second. */
    Duration perStep(CertSubcommand command) {
        if (seconds < 1) {
            throw command.usage(PROBLEM);
        }
        return Duration.ofSeconds(seconds);
    }
}
