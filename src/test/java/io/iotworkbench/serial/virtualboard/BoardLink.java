package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.serial.ReconnectPolicy;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.SerialSettings;
import io.iotworkbench.serial.cli.LineEnding;
import io.iotworkbench.serial.console.SerialConsole;

import java.time.Clock;
import java.time.Duration;

/**
 * What the virtual-board tests share: a {@link SerialConnection} at the WM default settings to a started
 * {@link VirtualBoardPort}, decoded by a {@link SerialConsole} into the test's {@link ConsoleWatch}, opened once the
 * board runs. {@link #close()} ends the connection, the console and the port.
 *
 * <p>Threading: the test thread; lines reach the watch on the console's pipeline thread.
 */
final class BoardLink implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    final VirtualBoardPort port;
    final SerialConnection connection;
    private final SerialConsole console;
    private final ConsoleWatch watch;

    private BoardLink(VirtualBoardPort port, ReconnectPolicy reconnect, String name, ConsoleWatch watch) {
        this.port = port;
        this.watch = watch;
        connection = new SerialConnection(port.endpoint(), SerialSettings.wmDefault(), reconnect, Clock.systemUTC());
        console = new SerialConsole(name, Clock.systemUTC());
        console.addListener(watch);
        connection.addSink(console::received);
    }

    /** Opens a connection to {@code port} (closed with this link from now on) and waits until its board runs. */
    static BoardLink open(VirtualBoardPort port, ReconnectPolicy reconnect, String name, ConsoleWatch watch)
            throws Exception {
        BoardLink link = new BoardLink(port, reconnect, name, watch);
        try {
            link.connection.open();
            BoardModes.await(port.board(), VirtualWmBoard.Mode.RUNNING, WAIT);
        } catch (Exception | Error e) {
            link.close();
            throw e;
        }
        return link;
    }

    /** Types {@code line} and CR; returns the watch's mark from before. */
    int send(String line) throws Exception {
        int mark = watch.mark();
        connection.write(LineEnding.CR.terminate(line));
        return mark;
    }

    /** Joins the board to a Wi-Fi network ({@code wifi init}, {@code wifi connect}) and waits for its prompt. */
    void joinWifi() throws Exception {
        int mark = send("wifi init");
        watch.awaitPrompt(mark, "W800", WAIT);
        mark = send("wifi connect lab secret99");
        watch.await(mark, l -> l.message().startsWith("sta got ip"), WAIT);
        watch.awaitPrompt(mark, "W800", WAIT);
    }

    @Override
    public void close() {
        connection.close();
        console.close();
        port.close();
    }
}
