package io.iotworkbench.session;

import java.util.function.Consumer;

/**
 * The board the Serial pane has open, as the session shares it with other panes (the OTA view shows its log): a name
 * to show and its decoded log lines.
 *
 * <p>Implementations are thread-safe; lines reach the sink on the serial pipeline's thread.
 */
public interface SerialBoard {

    /** What to call the board, e.g. "virtual W800 on /tmp/…/ttyB (socat pty)" or "/dev/ttyUSB0". */
    String name();

    /** Passes each complete line's text to {@code sink} from now on; closing the result stops it. */
    AutoCloseable follow(Consumer<String> sink);
}
