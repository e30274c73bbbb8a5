package io.iotworkbench.serial.cli;

import java.util.List;
import java.util.Optional;

/**
 * One command of the WM CLI, or one sub-command or fixed argument of it.
 *
 * @param name        what is typed, e.g. {@code wifi} or {@code connect}
 * @param description the one-line description the firmware's {@code help} lists (as registered with
 *                    {@code WM_CLI_CMD_DEFINE})
 * @param syntax      the full usage, e.g. {@code wifi connect <ssid> [password]}
 * @param explanation what it does, in a sentence
 * @param subcommands sub-commands or fixed first arguments, offered by completion
 *
 * <p>Immutable; safe from any thread.
 */
public record WmCliCommand(String name, String description, String syntax, String explanation,
                           List<WmCliCommand> subcommands) {

    public WmCliCommand {
        subcommands = List.copyOf(subcommands);
    }

    public static WmCliCommand of(String name, String description, String syntax, String explanation,
                                  WmCliCommand... subcommands) {
        return new WmCliCommand(name, description, syntax, explanation, List.of(subcommands));
    }

    public Optional<WmCliCommand> subcommand(String subName) {
        return subcommands.stream().filter(s -> s.name.equals(subName)).findFirst();
    }

    /** The usage as the firmware's {@code help <cmd>} shows it: {@code <syntax> -- <explanation>}. */
    public String firmwareUsage() {
        return syntax + " -- " + explanation;
    }
}
