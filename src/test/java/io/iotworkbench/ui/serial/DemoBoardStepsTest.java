package io.iotworkbench.ui.serial;

import io.iotworkbench.demo.LocalDemoServices;
import io.iotworkbench.serial.ReconnectPolicy;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.SerialSettings;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.serial.virtualboard.BoardOptions;
import io.iotworkbench.serial.virtualboard.VirtualBoardPort;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A demo script's {@code board} steps type into the virtual board the session has open in the Serial pane (the one
 * the audience sees) and its {@code wait-console} steps read that board's console; once the pane closes the board,
 * the session has none to offer.
 */
@Tag("slow")
class DemoBoardStepsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final FxThread fx = new FxThread();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService worker = Executors.newCachedThreadPool();
    private ConsoleViewModel vm;
    private VirtualBoardPort port;

    @AfterEach
    void stop() throws Exception {
        if (vm != null) {
            fx.run(vm::dispose);
        }
        if (port != null) {
            port.close();
        }
        worker.shutdown();
        assertThat(worker.awaitTermination(Wait.CAP.toSeconds(), TimeUnit.SECONDS)).isTrue();
        scheduler.shutdownNow();
        fx.close();
    }

    @Test
    void boardStepsUseTheSerialPanesOpenVirtualBoard() throws Exception {
        port = VirtualBoardPort.startPipe(BoardOptions.defaults(), Clock.systemUTC());
        SerialConnection connection = new SerialConnection(port.endpoint(), SerialSettings.wmDefault(),
                ReconnectPolicy.NEVER, Clock.systemUTC());
        connection.open();
        vm = fx.call(() -> new ConsoleViewModel("virtual", connection, port, Clock.systemUTC(), worker,
                fx.executor(), scheduler, lines -> { }));
        Wait.until("the board's firmware runs", () -> port.board().mode()
                == io.iotworkbench.serial.virtualboard.VirtualWmBoard.Mode.RUNNING);
        Session session = new Session(Profile.localDefault());
        var open = vm.asSerialBoard();
        session.board().opened(open);
        try (LocalDemoServices demo = new LocalDemoServices(session, null, null, null, name -> Optional.empty(),
                Clock.systemUTC())) {
            long mark = demo.consoleMark();
            demo.boardCommand("wifi init");
            fx.await("the command echoed in the pane's console", WAIT, () -> vm.lines().stream()
                    .map(SerialLine::text).anyMatch(l -> l.contains("wifi init")));
            Wait.until("the demo sees the pane board's console", () -> demo.consoleLineSince(mark, "wifi init")
                    .isPresent());
            session.board().closed(open);
            assertThat(session.board().current()).as("closed: a demo would start a board of its own").isEmpty();
        }
    }
}
