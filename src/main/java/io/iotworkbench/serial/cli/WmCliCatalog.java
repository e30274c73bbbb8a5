package io.iotworkbench.serial.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The commands of the WM CLI that the SDK's AWS demos build in (wm-board.md §2: letter-shell built-ins, the system,
 * wifi, lwip, ping, ntp and partition commands, and the six {@code aws_*} demo commands), with their usage, and
 * completion of a partly typed line: the first word, then sub-commands and fixed arguments ({@code wifi c} →
 * {@code wifi connect}, {@code log d} → {@code log debug}, {@code help wi} → {@code help wifi}).
 *
 * <p>Immutable; safe from any thread.
 */
public final class WmCliCatalog {

    private static final WmCliCatalog STANDARD = new WmCliCatalog(List.of(
            WmCliCommand.of("help", "show help info", "help [command]", "show help info of command"),
            WmCliCommand.of("cls", "clear command line", "cls", "clear the terminal screen (ESC[2J ESC[1H)"),
            WmCliCommand.of("version", "show sdk version info", "version", "sdk version info"),
            WmCliCommand.of("reboot", "reboot system", "reboot", "reboot system"),
            WmCliCommand.of("task", "show task list", "task", "show task list"),
            WmCliCommand.of("free", "show free heap size", "free", "show free heap size"),
            WmCliCommand.of("log", "log level cmd", "log [none|error|warn|info|debug|verbose]",
                    "get / set log level (case-insensitive); without an argument prints the level",
                    level("none", "turn log output off"),
                    level("error", "errors only"),
                    level("warn", "warnings and errors"),
                    level("info", "information and above (the firmware default)"),
                    level("debug", "debug and above (the AWS demos' default)"),
                    level("verbose", "everything")),
            WmCliCommand.of("wifi", "wifi cmd", "wifi <init|deinit|scan|connect|disconnect|softap> [args]",
                    "operate wifi; run wifi init before any other wifi command",
                    WmCliCommand.of("init", "init wifi stack", "wifi init",
                            "init the wifi stack; required before any other wifi command"),
                    WmCliCommand.of("deinit", "deinit wifi stack", "wifi deinit", "deinit the wifi stack"),
                    WmCliCommand.of("scan", "scan and results", "wifi scan [ssid]",
                            "scan and list access points: bssid, channel, rssi, open, ssid"),
                    WmCliCommand.of("connect", "sta join an ap", "wifi connect <ssid> [password]",
                            "join an access point; prints 'connecting, please wait...' then 'sta connected' "
                                    + "once it has an IP address, or 'sta disconnected'"),
                    WmCliCommand.of("disconnect", "sta leave from ap", "wifi disconnect", "leave the access point"),
                    WmCliCommand.of("softap", "start softap", "wifi softap <ssid> [password]",
                            "start an access point, open when no password is given")),
            WmCliCommand.of("ifconfig", "ifconfig cmd", "ifconfig [if ip mask gw]", "show / set netif info"),
            WmCliCommand.of("ping", "ping cmd", "ping [-c count] [-i interval] [-s size] [-t ttl] [-q tos] "
                    + "[-w timeout] [-h] <destination>", "ping a dns name or ip address"),
            WmCliCommand.of("ntp", "ntp cmd", "ntp [start|stop|server_address]",
                    "start / stop ntp; without an argument shows the servers and Beijing time",
                    WmCliCommand.of("start", "start ntp", "ntp start", "start ntp and set the time zone to UTC+8"),
                    WmCliCommand.of("stop", "stop ntp", "ntp stop", "stop ntp")),
            WmCliCommand.of("partition", "partition table cmd", "partition", "show partition table"),
            demo("aws_mqtt", "aws mqtt mutual auth demo", "tls_mutual_auth"),
            demo("aws_http", "aws http mutual auth demo", "http_demo_mutual_auth"),
            demo("aws_job", "aws job demo", "jobs_demo"),
            demo("aws_shadow", "aws shadow demo", "shadow_demo_main"),
            demo("aws_led", "aws led demo", "led_demo"),
            demo("aws_ota", "aws ota demo", "ota_demo_core_http")));

    private final List<WmCliCommand> commands;

    public WmCliCatalog(List<WmCliCommand> commands) {
        this.commands = List.copyOf(commands);
    }

    /** The commands of a WM SDK AWS demo firmware. */
    public static WmCliCatalog standard() {
        return STANDARD;
    }

    private static WmCliCommand level(String name, String explanation) {
        return WmCliCommand.of(name, "set log level " + name, "log " + name, explanation);
    }

    private static WmCliCommand demo(String name, String description, String demo) {
        return WmCliCommand.of(name, description, name,
                "start the " + demo + " demo task; needs wifi connect (and ntp start) first");
    }

    public List<WmCliCommand> commands() {
        return commands;
    }

    public Optional<WmCliCommand> find(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Whole-line candidates for a partly typed line, in catalogue order: the commands the first word begins, then
     * the sub-commands (or, after {@code help}, the commands) the second word begins. Free arguments such as an SSID
     * are not completed. Leading blanks are ignored.
     */
    public List<String> complete(String partialLine) {
        String line = partialLine.stripLeading();
        List<String> words = words(line);
        boolean atNewWord = line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1));
        if (words.isEmpty()) {
            return names(commands, "", "");
        }
        if (words.size() == 1 && !atNewWord) {
            return names(commands, words.get(0), "");
        }
        int completing = atNewWord ? words.size() : words.size() - 1;
        if (completing != 1) {
            return List.of();
        }
        Optional<WmCliCommand> command = find(words.get(0));
        if (command.isEmpty()) {
            return List.of();
        }
        String prefix = atNewWord ? "" : words.get(1);
        List<WmCliCommand> options = command.get().name().equals("help") ? commands : command.get().subcommands();
        return names(options, prefix, words.get(0) + " ");
    }

    /**
     * The usage of the command a line is typing, most specific first: a sub-command's syntax and explanation, or the
     * command's with its sub-commands listed. A first word that begins exactly one command counts as that command.
     */
    public Optional<String> usage(String line) {
        List<String> words = words(line.strip());
        if (words.isEmpty()) {
            return Optional.empty();
        }
        Optional<WmCliCommand> command = find(words.get(0));
        if (command.isEmpty()) {
            List<WmCliCommand> begun = commands.stream().filter(c -> c.name().startsWith(words.get(0))).toList();
            if (begun.size() != 1) {
                return Optional.empty();
            }
            command = Optional.of(begun.get(0));
        }
        WmCliCommand c = command.get();
        if (words.size() > 1) {
            Optional<WmCliCommand> sub = c.subcommand(words.get(1));
            if (sub.isPresent()) {
                return Optional.of(sub.get().syntax() + "\n  " + sub.get().explanation());
            }
        }
        StringBuilder text = new StringBuilder(c.syntax()).append("\n  ").append(c.explanation());
        int width = c.subcommands().stream().mapToInt(s -> s.syntax().length()).max().orElse(0);
        for (WmCliCommand sub : c.subcommands()) {
            text.append("\n  ").append(pad(sub.syntax(), width)).append("  ").append(sub.description());
        }
        return Optional.of(text.toString());
    }

    /** The longest common beginning of the candidates (what a Tab can fill in), or "" when there are none. */
    public static String commonPrefix(List<String> candidates) {
        if (candidates.isEmpty()) {
            return "";
        }
        String prefix = candidates.get(0);
        for (String c : candidates) {
            int n = 0;
            while (n < prefix.length() && n < c.length() && prefix.charAt(n) == c.charAt(n)) {
                n++;
            }
            prefix = prefix.substring(0, n);
        }
        return prefix;
    }

    private static List<String> names(List<WmCliCommand> options, String prefix, String before) {
        return options.stream().filter(c -> c.name().startsWith(prefix)).map(c -> before + c.name())
                .collect(Collectors.toList());
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        for (String w : line.split("[ \t]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
