package io.iotworkbench.session;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The virtual board the session has open in the Serial pane, if any, so that a demo script's {@code board} steps type
 * into that board (the one the audience sees) instead of a board of the demo's own.
 *
 * <p>Thread-safe: the Serial pane registers on the FX thread, a demo runner reads on its own thread.
 */
public final class SessionBoard {

    private final AtomicReference<SerialBoard> open = new AtomicReference<>();

    /** The Serial pane opened {@code board} (the newest one wins). */
    public void opened(SerialBoard board) {
        open.set(board);
    }

    /** The Serial pane closed {@code board}. */
    public void closed(SerialBoard board) {
        open.compareAndSet(board, null);
    }

    /** The open virtual board, if any. */
    public Optional<SerialBoard> current() {
        return Optional.ofNullable(open.get());
    }
}
