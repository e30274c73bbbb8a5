package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.serial.ReconnectPolicy;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.cli.LineEnding;
import io.iotworkbench.serial.console.LogLevel;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.serial.console.StyledSpan;
import io.iotworkbench.serial.console.TerminalColor;
import io.iotworkbench.serial.console.TextStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The virtual board behind the in-process pipe (no socat needed): RTS reset, line editing, firmware answers. */
@Tag("integration")
class VirtualBoardPipeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant NOW = Instant.parse("2025-02-10T06:20:42Z");

    private VirtualBoardPort port;
    private BoardLink board;
    private SerialConnection connection;
    private final ConsoleWatch watch = new ConsoleWatch();

    private void start(BoardOptions options, Clock clock) throws Exception {
        board = BoardLink.open(VirtualBoardPort.startPipe(options, clock), ReconnectPolicy.DEFAULT, "pipe", watch);
        port = board.port;
        connection = board.connection;
    }

    private void start() throws Exception {
        start(BoardOptions.defaults(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (board != null) {
            board.close();
        }
    }

    private int type(String raw) throws Exception {
        int mark = watch.mark();
        connection.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        return mark;
    }

    @Test
    void theResetButtonPulsesRtsAndTheBoardBootsAgain() throws Exception {
        start();
        assertThat(port.isPty()).isFalse();
        assertThat(port.userPath()).isEmpty();
        int mark = watch.mark();

        assertThat(connection.reset().get(60, TimeUnit.SECONDS)).isTrue();

        watch.await(mark, l -> l.isBootLine() && l.bootVersion().equals("2.4-rc"), WAIT);
        watch.await(mark, l -> l.text().endsWith("main: boot reason 0"), WAIT);
        watch.awaitPrompt(mark, "W800", WAIT);
        assertThat(port.board().bootCount()).isEqualTo(2);
    }

    @Test
    void logsInTheSdkColoursWhenColourIsOn() throws Exception {
        start(BoardOptions.defaults().withColourLogs(true).withChip("W803"), Clock.systemUTC());
        int mark = type("\r");
        watch.awaitPrompt(mark, "W803", WAIT);
        mark = watch.mark();
        connection.reset().get(60, TimeUnit.SECONDS);

        SerialLine boot = watch.await(mark, SerialLine::isBootLine, WAIT);
        assertThat(boot.level()).isEqualTo(LogLevel.INFO);
        assertThat(boot.promptChip()).isEqualTo("W803");
        assertThat(boot.spans()).extracting(StyledSpan::style)
                .containsExactly(TextStyle.PLAIN, TextStyle.of(TerminalColor.CYAN, false));
        assertThat(boot.spans().get(1).start()).isEqualTo("W803: ".length());
        watch.awaitPrompt(mark, "W803", WAIT);
        mark = type("wifi connect x\r");
        SerialLine error = watch.awaitText(mark, "wifi not init", WAIT);
        assertThat(error.spans()).singleElement().extracting(StyledSpan::style)
                .isEqualTo(TextStyle.of(TerminalColor.RED, false));
    }

    @Test
    void editsTheLineLikeLetterShell() throws Exception {
        start();
        int mark = type("versiom\bn\r");
        watch.awaitText(mark, "sdk version 2.4-rc", WAIT);
        assertThat(watch.since(mark)).extracting(SerialLine::text).contains("W800: version");

        mark = type("\033[A\r");
        watch.awaitText(mark, "sdk version 2.4-rc", WAIT);

        mark = type("vers\t\r");
        watch.awaitText(mark, "sdk version 2.4-rc", WAIT);

        mark = type("p\t");
        watch.await(mark, l -> l.text().startsWith("ping") && l.text().contains("-- ping cmd"), WAIT);
        watch.await(mark, l -> l.text().startsWith("partition") && l.text().contains("-- partition table cmd"),
                WAIT);

        mark = type("\u0003\r" + "x".repeat(70));
        watch.awaitText(mark, "Warnig: Command is too long", WAIT);
        mark = type("\rfrobnicate\r");
        watch.await(mark, l -> l.text().equals("Command not found"), WAIT);
    }

    @Test
    void answersTheSystemAndNetworkCommands() throws Exception {
        start(BoardOptions.defaults().withWifiNetworks(java.util.Map.of("lab", "secret123")),
                Clock.fixed(NOW, ZoneOffset.UTC));
        int mark = type("ntp\r");
        watch.await(mark, l -> l.text().equals("NTP is stop"), WAIT);

        mark = type("wifi\r");
        watch.await(mark, l -> l.text().equals(" usage:"), WAIT);
        watch.await(mark, l -> l.text().equals("  sta join an ap   : wifi connect <ssid> [password]"), WAIT);

        mark = type("wifi init\rwifi connect lab wrong\r");
        watch.await(mark, l -> l.text().equals("sta disconnected"), WAIT);
        mark = type("wifi connect,lab,secret123\r");
        watch.await(mark, l -> l.text().equals("sta connected"), WAIT);

        mark = type("ntp start\rntp\r");
        watch.await(mark, l -> l.text().equals("2st sntp server: us.pool.ntp.org"), WAIT);
        watch.await(mark, l -> l.text().equals("Beijing time: 2025-02-10 14:20:42"), WAIT);

        mark = type("ifconfig\r");
        watch.await(mark, l -> l.text().equals("     inet 192.168.8.243  netmask 255.255.255.0  gateway 192.168.8.1"),
                WAIT);
        mark = type("ping -c 2 8.8.8.8\r");
        watch.await(mark, l -> l.text().equals("2 packets transmitted, 2 received, 0% packet loss, time 2000ms"),
                WAIT);
        mark = type("partition\r");
        watch.await(mark, l -> l.text().equals("  app              0x0000f000 0x00100000 0x00"), WAIT);
        mark = type("task\r");
        watch.await(mark, l -> l.text().startsWith("task\t\tstatus"), WAIT);
        mark = type("free\r");
        watch.await(mark, l -> l.text().equals("free heap size: 198656"), WAIT);
        mark = type("cls\r");
        watch.awaitPrompt(mark, "W800", WAIT);
    }

    @Test
    void theAwsDemoHookRunsWhenTheNetworkIsUpAndOnlyOnceAtATime() throws Exception {
        start();
        CountDownLatch finish = new CountDownLatch(1);
        port.board().setAwsDemoHook((demo, demoConsole) -> {
            demoConsole.log(LogLevel.INFO, demo.tag(), "hook runs " + demo.demoName() + " for "
                    + demoConsole.thingName());
            finish.await(60, TimeUnit.SECONDS);
        });
        int mark = type("wifi init\rwifi connect any thing\r");
        watch.await(mark, l -> l.text().equals("sta connected"), WAIT);

        mark = type("aws_job\r");
        SerialLine ran = watch.awaitText(mark, "hook runs jobs_demo for wm_demo_1", WAIT);
        assertThat(ran.tag()).isEqualTo("aws");
        mark = type("aws_led\r");
        watch.await(mark, l -> l.level() == LogLevel.ERROR && l.message().equals("AWS demo task is running"), WAIT);
        finish.countDown();
    }

    @Test
    void theLogCommandFiltersWhatTheBoardPrints() throws Exception {
        start();
        int mark = type("log none\rwifi init\rlog\r");
        watch.await(mark, l -> l.text().equals("log level: none"), WAIT);
        assertThat(watch.since(mark)).noneMatch(l -> l.text().contains("GetMAC"));
        port.board().log(LogLevel.ERROR, "test", "hidden");
        mark = type("log VERBOSE\r");
        watch.awaitPrompt(mark, "W800", WAIT);
        port.board().log(LogLevel.VERBOSE, "test", "shown");
        watch.await(mark, l -> l.level() == LogLevel.VERBOSE && l.message().equals("shown"), WAIT);
        assertThat(watch.since(0)).noneMatch(l -> l.text().contains("hidden"));
    }

    @Test
    void crLfInputGivesAnExtraPrompt() throws Exception {
        start();
        int mark = watch.mark();
        connection.write(LineEnding.CRLF.terminate("version"));
        watch.awaitText(mark, "sdk version", WAIT);
        watch.await(mark, l -> l.text().equals("W800: "), WAIT);
    }
}
