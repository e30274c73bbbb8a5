package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.serial.ProbeResult;
import io.iotworkbench.serial.PtyTests;
import io.iotworkbench.serial.ReconnectPolicy;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.cli.LineEnding;
import io.iotworkbench.serial.cli.WmCliCatalog;
import io.iotworkbench.serial.console.LogLevel;
import io.iotworkbench.serial.console.SerialLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The console flow against the virtual board behind a real socat pty pair, as the Serial pane will drive it. */
@Tag("integration")
class VirtualBoardConsoleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private BoardLink board;
    private VirtualBoardPort port;
    private SerialConnection connection;
    private final ConsoleWatch watch = new ConsoleWatch();

    @BeforeEach
    void start() throws Exception {
        PtyTests.assumeSocat();
        board = BoardLink.open(VirtualBoardPort.startPty(BoardOptions.defaults(), Clock.systemUTC(), dir),
                ReconnectPolicy.DEFAULT, "virtual", watch);
        port = board.port;
        connection = board.connection;
    }

    @AfterEach
    void stop() {
        if (board != null) {
            board.close();
        }
    }

    private int send(String line) throws Exception {
        return board.send(line);
    }

    @Test
    void runsBehindAPtyPathAUserCanOpen() {
        assertThat(port.isPty()).isTrue();
        assertThat(port.userPath()).contains(dir.toAbsolutePath().resolve("ttyB"));
        assertThat(port.description()).isEqualTo("virtual W800 on " + dir.toAbsolutePath().resolve("ttyB")
                + " (socat pty)");
    }

    @Test
    void probeFindsTheWmPrompt() throws Exception {
        int mark = watch.mark();
        ProbeResult result = connection.probe(Duration.ofSeconds(3));

        assertThat(result.isWmBoard()).isTrue();
        assertThat(result.evidence()).isEqualTo(ProbeResult.Evidence.CLI_PROMPT);
        assertThat(result.chip()).isEqualTo("W800");
        watch.awaitPrompt(mark, "W800", WAIT);
    }

    @Test
    void aCommandGetsItsAnswerAfterTheEchoedLine() throws Exception {
        int mark = send("version");

        SerialLine echo = watch.awaitText(mark, "version", WAIT);
        assertThat(echo.text()).isEqualTo("W800: version");
        assertThat(echo.isPrompt()).isTrue();
        watch.await(mark, l -> l.text().equals("sdk version 2.4-rc, optimize -O2, build at May 26 2025 10:00:00"),
                WAIT);
        watch.awaitPrompt(mark, "W800", WAIT);
    }

    @Test
    void helpListsTheCommandsAsTheFirmwareDoes() throws Exception {
        int mark = send("help");

        watch.awaitText(mark, "COMMAND LIST:", WAIT);
        watch.await(mark, l -> l.text().equals("wifi                  -- wifi cmd"), WAIT);
        watch.await(mark, l -> l.text().equals("aws_led               -- aws led demo"), WAIT);
        mark = send("help log");
        watch.await(mark, l -> l.text().equals("    log [none|error|warn|info|debug|verbose] -- get / set log "
                + "level (case-insensitive); without an argument prints the level"), WAIT);
    }

    @Test
    void completionLeadsToRealCommandsAndTheAwsDemoFlow() throws Exception {
        WmCliCatalog catalog = WmCliCatalog.standard();
        assertThat(catalog.complete("aws_l")).containsExactly("aws_led");

        int mark = send(catalog.complete("aws_l").get(0));
        SerialLine notReady = watch.awaitText(mark, "network is not ready", WAIT);
        assertThat(notReady.level()).isEqualTo(LogLevel.ERROR);
        assertThat(notReady.tag()).isEqualTo("aws_cli");
        assertThat(notReady.message()).isEqualTo("network is not ready, please start wifi connection");

        mark = send(catalog.complete("wifi i").get(0));
        watch.await(mark, l -> "main".equals(l.tag()) && l.message().startsWith("GetMAC From NVS"), WAIT);
        mark = send(catalog.complete("wifi c").get(0) + " 61test 12345678");
        watch.awaitText(mark, "connecting, please wait...", WAIT);
        watch.await(mark, l -> l.text().equals("sta connected"), WAIT);
        watch.await(mark, l -> l.level() == LogLevel.DEBUG && l.message().equals("sta got ip 192.168.8.243"),
                WAIT);
        watch.awaitPrompt(mark, "W800", WAIT);

        mark = send("aws_led");
        SerialLine tls = watch.awaitText(mark, "Establishing a TLS session", WAIT);
        assertThat(tls.tag()).isEqualTo("SHADOW_DEMO");
        assertThat(tls.message()).isEqualTo("Establishing a TLS session to "
                + "a2crv3ycvx4d9c-ats.iot.ap-northeast-2.amazonaws.com:8883.");
        watch.await(mark, l -> l.level() == LogLevel.ERROR && "SHADOW_DEMO".equals(l.tag()), WAIT);
    }

    @Test
    void resetGoesThroughTheRebootCommandBecauseAPtyHasNoRts() throws Exception {
        assertThat(connection.reset().get(60, TimeUnit.SECONDS)).isFalse();
        int mark = send("reboot");

        SerialLine boot = watch.await(mark, SerialLine::isBootLine, WAIT);
        assertThat(boot.bootVersion()).isEqualTo("2.4-rc");
        assertThat(boot.message()).isEqualTo("ver: 2.4-rc build at May 26 2025 10:00:00");
        watch.await(mark, l -> l.text().endsWith("main: boot reason 4"), WAIT);
        watch.await(mark, l -> l.text().contains("Steps to connect to AWS"), WAIT);
        watch.awaitPrompt(mark, "W800", WAIT);
        assertThat(port.board().bootCount()).isEqualTo(2);
        assertThat(connection.probe(Duration.ofSeconds(3)).evidence()).isEqualTo(ProbeResult.Evidence.CLI_PROMPT);
    }

    @Test
    void crLfRunsTheLineAndThenPrintsAnExtraPrompt() throws Exception {
        int mark = watch.mark();
        connection.write(LineEnding.CRLF.terminate("log"));
        watch.awaitText(mark, "log level: debug", WAIT);
        watch.await(mark, l -> l.text().equals("W800: "), WAIT);

        mark = send("log error");
        watch.awaitPrompt(mark, "W800", WAIT);
        mark = send("log");
        watch.awaitText(mark, "log level: error", WAIT);
        assertThat(watch.since(mark)).noneMatch(l -> l.text().equals("W800: "));
    }
}
