package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.serial.cli.WmCliCatalog;
import io.iotworkbench.serial.cli.WmCliCommand;
import io.iotworkbench.serial.console.LogLevel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The firmware side of the virtual board: boot output and the WM CLI as letter-shell runs it (wm-board.md §2). Typed
 * bytes are echoed; CR and LF each run the line (so CRLF gives an extra prompt); Tab completes or lists commands;
 * backspace (0x08 or 0x7F) erases with {@code \b \b}; ESC [ A / B walk a five-line history; other Ctrl keys are
 * dropped; a line longer than 64 bytes gets {@code Warnig: Command is too long}. Arguments split on space, tab and
 * comma, at most 8. Commands answer with the SDK's messages; {@code wifi connect} blocks the shell until the
 * connection is up, as the firmware does, and input meanwhile waits in a bounded queue.
 *
 * <p>Threading: every method runs under the board's lock (reader thread or board timer); the AWS demo runs on its own
 * thread and logs through the board.
 */
final class VirtualShell {

    private static final int LINE_LIMIT = 64;
    private static final int MAX_PARAMS = 9;
    private static final int HISTORY = 5;
    private static final int PENDING_LIMIT = 4096;
    private static final String[] LOG_LEVELS = {"none", "error", "warn", "info", "debug", "verbose"};
    private static final String[] NTP_SERVERS = {"ntp.sjtu.edu.cn", "cn.ntp.org.cn", "us.pool.ntp.org"};
    private static final String STA_IP = "192.168.8.243";
    private static final String AP_BSSID = "94:83:C4:3A:BA:9E";

    private enum Input { NORMAL, ESC, CSI }

    private final VirtualWmBoard board;
    private final WmCliCatalog catalog = WmCliCatalog.standard();
    private final StringBuilder line = new StringBuilder();
    private final Deque<String> history = new ArrayDeque<>();
    private final Deque<Integer> pending = new ArrayDeque<>();
    private Input input = Input.NORMAL;
    private int historyCursor = -1;
    private boolean busy;
    private LogLevel logLevel;
    private boolean wifiInitialised;
    private boolean wifiConnected;
    private boolean ntpRunning;
    private Thread demoTask;

    VirtualShell(VirtualWmBoard board) {
        this.board = board;
        this.logLevel = board.options().logLevel();
    }

    LogLevel logLevel() {
        return logLevel;
    }

    boolean networkReady() {
        return wifiConnected;
    }

    /** What the firmware prints from reset to the first prompt. */
    void boot(int reason) {
        board.logLine(LogLevel.INFO, "main", "ver: " + board.version() + " build at " + board.options().buildDate()
                + " " + board.options().buildTime());
        board.logLine(LogLevel.INFO, "main", "boot reason " + reason);
        board.logLine(LogLevel.INFO, "main", "heap size 272104(265.73KB)");
        board.logLine(LogLevel.INFO, "main", "flash size 0x200000(2MB)");
        if (shows(LogLevel.INFO)) {
            board.print("\n ===================================================\n"
                    + " |       Steps to connect to AWS                   |\n"
                    + " |                                                 |\n"
                    + " |  1. Print 'help' to gain overview of commands   |\n"
                    + " |  2. Configure device to station                 |\n"
                    + " |  3. Setup WiFi connection                       |\n"
                    + " |  4. Run aws to test AWS function                |\n"
                    + " |                                                 |\n"
                    + " ===================================================\n\n");
        }
        prompt();
    }

    void stop() {
        if (demoTask != null) {
            demoTask.interrupt();
            demoTask = null;
        }
    }

    void accept(int b) {
        if (busy) {
            if (pending.size() < PENDING_LIMIT) {
                pending.add(b);
            }
            return;
        }
        if (input != Input.NORMAL) {
            ansi(b);
            return;
        }
        switch (b) {
            case '\r', '\n' -> enter();
            case '\t' -> tab();
            case 0x08, 0x7F -> backspace();
            case 0x1B -> input = Input.ESC;
            case 0 -> {
                // letter-shell ignores NUL
            }
            default -> {
                if (b >= 0x01 && b <= 0x1A) {
                    return;
                }
                typed(b);
            }
        }
    }

    private void typed(int b) {
        if (line.length() < LINE_LIMIT) {
            line.append((char) b);
            board.write(new byte[] {(byte) b});
        } else {
            board.print("\r\nWarnig: Command is too long\r\n");
            prompt();
            board.write(bytes(line));
        }
    }

    private void ansi(int b) {
        if (input == Input.ESC) {
            input = b == '[' ? Input.CSI : Input.NORMAL;
            return;
        }
        input = Input.NORMAL;
        if (b == 'A' || b == 'B') {
            browseHistory(b == 'A');
        }
    }

    private void browseHistory(boolean older) {
        if (history.isEmpty()) {
            return;
        }
        List<String> entries = new ArrayList<>(history);
        if (older) {
            historyCursor = Math.min(historyCursor + 1, entries.size() - 1);
        } else {
            historyCursor = Math.max(historyCursor - 1, -1);
        }
        eraseTyped();
        line.setLength(0);
        if (historyCursor >= 0) {
            line.append(entries.get(entries.size() - 1 - historyCursor));
            board.write(bytes(line));
        }
    }

    private void backspace() {
        if (line.length() == 0) {
            return;
        }
        line.setLength(line.length() - 1);
        board.print("\b \b");
    }

    private void eraseTyped() {
        board.print("\b \b".repeat(line.length()));
    }

    private void tab() {
        if (line.length() == 0) {
            help(new String[] {"help"});
            prompt();
            return;
        }
        String typed = line.toString();
        List<String> matches = catalog.complete(typed).stream().filter(c -> !c.contains(" ")).toList();
        if (matches.isEmpty()) {
            return;
        }
        if (matches.size() == 1) {
            eraseTyped();
            line.setLength(0);
            line.append(matches.get(0));
            board.write(bytes(line));
            return;
        }
        board.print("\r\n");
        for (String name : matches) {
            board.print(item(catalog.find(name).orElseThrow()));
        }
        line.setLength(0);
        line.append(WmCliCatalog.commonPrefix(matches));
        prompt();
        board.write(bytes(line));
    }

    private void enter() {
        if (line.length() == 0) {
            prompt();
            return;
        }
        String text = line.toString();
        line.setLength(0);
        historyCursor = -1;
        history.remove(text);
        history.addLast(text);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        String[] params = split(text);
        if (params.length == 0) {
            prompt();
            return;
        }
        board.print("\r\n");
        if (!run(params)) {
            busy = true;
            return;
        }
        prompt();
    }

    /** Runs a command; false when it finishes later (it then calls {@link #finished()}). */
    private boolean run(String[] args) {
        switch (args[0]) {
            case "help" -> help(args);
            case "cls" -> board.print("\033[2J\033[1H");
            case "version" -> board.print(String.format(Locale.ROOT, "sdk version %s, optimize %s, build at %s %s\r\n",
                    board.version(), "-O2", board.options().buildDate(), board.options().buildTime()));
            case "reboot" -> {
                board.later(Duration.ZERO, () -> board.boot(VirtualWmBoard.BOOT_USER_RESET));
                return false;
            }
            case "task" -> task();
            case "free" -> board.print("total heap size: 272104\r\nfree heap size: 198656\r\n"
                    + "min free heap size: 190512\r\n");
            case "log" -> log(args);
            case "wifi" -> {
                return wifi(args);
            }
            case "ifconfig" -> ifconfig();
            case "ping" -> ping(args);
            case "ntp" -> ntp(args);
            case "partition" -> partition();
            default -> {
                AwsDemo demo = AwsDemo.ofCommand(args[0]);
                if (demo == null) {
                    board.print("Command not found\r\n");
                } else {
                    startDemo(demo, java.util.Arrays.asList(args).subList(1, args.length));
                }
            }
        }
        return true;
    }

    private void finished() {
        busy = false;
        prompt();
        while (!busy && !pending.isEmpty()) {
            accept(pending.removeFirst());
        }
    }

    private void prompt() {
        board.print("\r\n" + board.chip() + ": ");
    }

    private void help(String[] args) {
        if (args.length == 1) {
            board.print("\r\nCOMMAND LIST:\r\n\r\n");
            for (WmCliCommand command : catalog.commands()) {
                board.print(item(command));
            }
            return;
        }
        catalog.find(args[1]).ifPresentOrElse(c -> board.print(c.description() + "\r\nusage:\r\n    "
                + c.firmwareUsage() + "\r\n"), () -> board.print("Command not found\r\n"));
    }

    private static String item(WmCliCommand command) {
        int pad = 22 - command.name().length();
        return command.name() + " ".repeat(pad > 0 ? pad : 4) + "-- " + command.description() + "\r\n";
    }

    private void task() {
        board.print("task\t\tstatus\tprio\tminimum\tid\r\n"
                + "cli\t\tX\t5\t1532\t4\r\n"
                + "IDLE\t\tR\t0\t186\t2\r\n"
                + "wm_event\tB\t13\t812\t3\r\n"
                + "tcpip_thread\tB\t20\t1024\t5\r\n"
                + "Tmr Svc\t\tB\t31\t220\t6\r\n"
                + (demoTask != null ? "aws_demo_task\tB\t10\t3120\t7\r\n" : ""));
    }

    private void log(String[] args) {
        if (args.length == 1) {
            board.print("log level: " + (logLevel == null ? "none" : logLevel.cliName()) + "\r\n");
        } else if (args.length == 2) {
            for (int i = 0; i < LOG_LEVELS.length; i++) {
                if (LOG_LEVELS[i].equalsIgnoreCase(args[1])) {
                    logLevel = i == 0 ? null : LogLevel.values()[i - 1];
                }
            }
        }
    }

    private boolean wifi(String[] args) {
        String sub = args.length > 1 ? args[1] : "";
        switch (sub) {
            case "init" -> {
                wifiInitialised = true;
                board.logLine(LogLevel.DEBUG, "main", "GetMAC From NVS (Type=0) " + board.options().mac());
            }
            case "deinit" -> {
                wifiInitialised = false;
                wifiConnected = false;
            }
            case "connect" -> {
                if (args.length > 2) {
                    return connect(args[2], args.length > 3 ? args[3] : "");
                }
            }
            case "disconnect" -> {
                if (wifiConnected) {
                    wifiConnected = false;
                    board.print("sta disconnected\r\n");
                }
            }
            case "scan" -> scan();
            case "softap" -> {
                if (args.length == 3 || args.length == 4) {
                    board.print(args.length == 3 ? "start softap ssid:" + args[2] + ", no password\r\n"
                            : "start softap ssid:" + args[2] + ", pwd:" + args[3] + "\r\n");
                } else {
                    wifiUsage();
                }
            }
            default -> wifiUsage();
        }
        return true;
    }

    /** The firmware's usage text, including its format slip: the softap line is passed as the first argument. */
    private void wifiUsage() {
        board.print("  start softap     : %s softap <ssid> [password]\r\n usage:\r\n"
                + "  init  wifi  stack: wifi init\r\n"
                + "  deinit wifi stack: wifi deinit\r\n"
                + "  scan and results : wifi scan    [ssid]\r\n"
                + "  sta join an ap   : wifi connect <ssid> [password]\r\n"
                + "  sta leave form ap: wifi disconnect\r\n");
    }

    private boolean connect(String network, String password) {
        if (!wifiInitialised) {
            board.logLine(LogLevel.ERROR, "wifi", "wifi not init, run 'wifi init' first");
            return true;
        }
        board.print("connecting, please wait...\r\n");
        Map<String, String> known = board.options().wifiNetworks();
        boolean joins = known.isEmpty() || password.equals(known.get(network));
        board.later(board.options().wifiConnectDelay(), () -> {
            if (joins) {
                board.logLine(LogLevel.DEBUG, "wifi", "sta connected " + AP_BSSID + " channel 6 authmode 3");
                board.print("sta connected\r\n");
                board.logLine(LogLevel.DEBUG, "wifi", "sta got ip " + STA_IP);
                wifiConnected = true;
            } else {
                board.logLine(LogLevel.DEBUG, "wifi", "sta disconnected, reason 15 (4-way handshake timeout)");
                board.print("sta disconnected\r\n");
                wifiConnected = false;
            }
            finished();
        });
        return false;
    }

    private void scan() {
        if (!wifiInitialised) {
            board.logLine(LogLevel.ERROR, "wifi", "wifi not init, run 'wifi init' first");
            return;
        }
        board.print("bssid                channel    rssi    open     ssid\r\n");
        board.print(String.format(Locale.ROOT, "%s    %-7d    %-4d    %-5s    %s\r\n", "94-83-c4-3a-ba-9e", 6, -42,
                "false", "61test"));
        board.print(String.format(Locale.ROOT, "%s    %-7d    %-4d    %-5s    %s\r\n", "3c-84-6a-12-9f-01", 11,
                -67, "false", "office-2.4G"));
        board.print(String.format(Locale.ROOT, "%s    %-7d    %-4d    %-5s    %s\r\n", "c8-3a-35-00-11-22", 1, -80,
                "true", "guest"));
    }

    private void ifconfig() {
        String ip = wifiConnected ? STA_IP : "0.0.0.0";
        String mask = wifiConnected ? "255.255.255.0" : "0.0.0.0";
        String gw = wifiConnected ? "192.168.8.1" : "0.0.0.0";
        board.print("w00: flags=" + (wifiConnected ? "1f<UP BROADCAST RUNNING MULTICAST>" : "a<DOWN BROADCAST STOPPED>")
                + "  mtu 1500\r\n");
        board.print("     inet " + ip + "  netmask " + mask + "  gateway " + gw + "\r\n");
        board.print("     ether " + board.options().mac() + "\r\n\r\n");
    }

    private void ping(String[] args) {
        String host = null;
        int count = 4;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("-c") && i + 1 < args.length) {
                count = parseOr(args[++i], 4);
            } else if (args[i].startsWith("-") && i + 1 < args.length && !args[i].equals("-h")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                host = args[i];
            }
        }
        if (host == null) {
            board.print("\r\nUsage\r\n  ping [options] <destination>\r\n\r\nOptions:\r\n"
                    + "  <destination>      dns name or ip address\r\n"
                    + "  -c <count>         stop after <count> replies\r\n"
                    + "  -i <interval>      milliseconds between sending each packet\r\n"
                    + "  -s <size>          use <size> as number of data bytes to be sent\r\n"
                    + "  -t <ttl>           define time to live\r\n"
                    + "  -q <tos>           define type of service\r\n"
                    + "  -w <timeout>       milliseconds to wait for response\r\n"
                    + "  -h                 print help and exit\r\n");
            return;
        }
        if (!wifiConnected) {
            board.print("ping: unknown host " + host + "\r\n");
            return;
        }
        String ip = host.matches("[0-9.]+") ? host : "93.184.216.34";
        for (int seq = 1; seq <= count; seq++) {
            board.print(String.format(Locale.ROOT, "32 bytes from %s icmp_seq=%d ttl=54 time=%d ms\r\n", ip, seq,
                    20 + seq));
        }
        board.print(String.format(Locale.ROOT, "\r\n--- %s ping statistics ---\r\n%d packets transmitted, %d received, "
                + "0%% packet loss, time %dms\r\n\r\n", ip, count, count, count * 1000));
    }

    private void ntp(String[] args) {
        if (args.length == 1) {
            if (!ntpRunning) {
                board.print("NTP is stop\r\n");
                return;
            }
            board.print("NTP is running: \r\n");
            for (int i = 0; i < NTP_SERVERS.length; i++) {
                board.print(i + "st sntp server: " + NTP_SERVERS[i] + "\r\n");
            }
            if (wifiConnected) {
                String beijing = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
                        .format(board.clock().instant().atOffset(ZoneOffset.ofHours(8)));
                board.print("Beijing time: " + beijing + "\r\n");
            } else {
                board.print("NTP sync failed\r\n");
            }
        } else if (args.length > 2) {
            board.print("ntp usage:\r\n  Set NTP server adress: ntp [server_url]\r\n  Start NTP: ntp start\r\n"
                    + "  Stop NTP: ntp stop\r\n  Show NTP: ntp\r\n");
        } else if (args[1].equals("start")) {
            ntpRunning = true;
        } else if (args[1].equals("stop")) {
            ntpRunning = false;
        } else {
            board.print("NTP server url error (" + args[1] + ")\r\n");
        }
    }

    private void partition() {
        board.print("partition table info:\r\n");
        board.print(String.format(Locale.ROOT, "  %-16s %6s %8s %10s\r\n", "name", "offset", "size", "flag"));
        Object[][] rows = {{"ft", 0x0, 0x2000}, {"bootloader", 0x2000, 0xC000}, {"partition_table", 0xE000, 0x1000},
            {"app", 0xF000, 0x100000}, {"nvs", 0x1F0000, 0x8000}};
        for (Object[] row : rows) {
            board.print(String.format(Locale.ROOT, "  %-16s 0x%08x 0x%08x 0x%02x\r\n", row[0], row[1], row[2], 0));
        }
    }

    private void startDemo(AwsDemo demo, List<String> arguments) {
        if (demoTask != null && demoTask.isAlive()) {
            board.logLine(LogLevel.ERROR, "aws_cli", "AWS demo task is running");
            return;
        }
        boolean ready = wifiConnected;
        long taskEpoch = board.epoch();
        DemoConsole console = new BoardDemoConsole(board, taskEpoch, ready, List.copyOf(arguments));
        AwsDemoHook hook = board.demoHook();
        demoTask = DaemonThreads.start("aws_demo_task", () -> {
            if (!ready) {
                console.log(LogLevel.ERROR, "aws_cli", "network is not ready, please start wifi connection");
                return;
            }
            try {
                hook.run(demo, console);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                console.log(LogLevel.ERROR, "aws_cli", demo.command() + " failed: " + e.getMessage());
            }
        });
    }

    private boolean shows(LogLevel level) {
        return logLevel != null && level.isShownAt(logLevel);
    }

    private static String[] split(String text) {
        List<String> params = new ArrayList<>();
        for (String p : text.split("[ \t,]+")) {
            if (!p.isEmpty() && params.size() < MAX_PARAMS) {
                params.add(p);
            }
        }
        return params.toArray(new String[0]);
    }

    private static int parseOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static byte[] bytes(CharSequence typed) {
        return typed.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The console an AWS demo logs through; silent once the board was reset. */
    private record BoardDemoConsole(VirtualWmBoard board, long taskEpoch, boolean ready, List<String> arguments)
            implements DemoConsole {

        @Override
        public String firmwareVersion() {
            return board.firmwareVersion();
        }

        @Override
        public void logOnBoard(LogLevel level, String tag, String message) {
            board.log(level, tag, message);
        }

        @Override
        public void installAndReboot(io.iotworkbench.serial.flash.WmImage image) {
            board.installOtaImage(image);
        }

        @Override
        public void log(LogLevel level, String tag, String message) {
            synchronized (board.lock()) {
                if (board.isCurrent(taskEpoch)) {
                    board.logLine(level, tag, message);
                }
            }
        }

        @Override
        public void print(String text) {
            synchronized (board.lock()) {
                if (board.isCurrent(taskEpoch)) {
                    board.print(text);
                }
            }
        }

        @Override
        public boolean networkReady() {
            return ready;
        }

        @Override
        public String thingName() {
            return board.options().thingName();
        }

        @Override
        public String endpoint() {
            return board.options().endpoint();
        }
    }
}
