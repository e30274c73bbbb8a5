package io.iotworkbench.cli;

import io.iotworkbench.bench.PolicyComparison;
import io.iotworkbench.localcore.policy.PolicyMode;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;

/**
 * What {@code bench local-core} and {@code bench mqtt} share, as a picocli mixin: {@code --policies} (how the Local
 * IoT Core applies IoT policies while measured) and {@code --rounds} (interleaved rounds when both modes run), with
 * their check. Public because {@code bench mqtt} lives in {@code ui.bench}. Read on the command's thread.
 */
public final class PolicyModeOptions {

    @Option(names = "--policies", paramLabel = "MODE", defaultValue = "both", description = "How the Local IoT "
            + "Core applies IoT policies: enforce, log, off, or both (default ${DEFAULT-VALUE}: off and enforce in "
            + "turn, with what enforcing costs).")
    String policies;

    @Option(names = "--rounds", defaultValue = "1", description = "With --policies both: rounds of off and enforce, "
            + "interleaved; medians are compared (default ${DEFAULT-VALUE}).")
    int rounds;

    /** The modes to measure; empty after one sentence on standard error saying what is wrong (exit code 2). */
    public Optional<List<PolicyMode>> modes() {
        Optional<List<PolicyMode>> modes = PolicyComparison.modes(policies);
        if (modes.isEmpty() || rounds < 1) {
            System.err.println(modes.isEmpty() ? "--policies " + policies + " is not a mode: use enforce, log, off "
                    + "or both." : "--rounds must be at least 1.");
            return Optional.empty();
        }
        return modes;
    }

    public int rounds() {
        return rounds;
    }
}
