package io.iotworkbench.session;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A board the Serial pane has open, as the session shares it with other panes and demo scripts: a name to show, its
 * decoded log lines (the OTA view shows them) and its console input (a demo's {@code board} steps type into it). The
 * session holds two of them: the board selected in the Serial pane ({@code Session.serialBoard()}) and the virtual
 * board open there ({@code Session.board()}).
 *
 * <p>Implementations are thread-safe; lines reach the sink on the serial pipeline's thread.
 */
public interface SerialBoard {

    /** What to call the board, e.g. "virtual W800 on /tmp/…/ttyB (socat pty)" or "/dev/ttyUSB0". */
    String name();

    /** Passes each complete line's text to {@code sink} from now on; closing the result stops it. */
    AutoCloseable follow(Consumer<String> sink);

    /** Types {@code command} into the board's console (the console's line ending added). */
    void type(String command) throws IOException;
}
