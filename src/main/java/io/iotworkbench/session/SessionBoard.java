package io.iotworkbench.session;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The virtual board the session has open in the Serial pane, if any, so that a demo script's {@code board} steps type
 * into that board (the one the audience sees) instead of a board of the demo's own.
 *
 * <p>Thread-safe: the Serial pane registers on the FX thread, a demo runner reads on its own thread.
 */
public final class SessionBoard {

    /** An open board: commands typed into its console, and its decoded console lines. */
    public interface OpenBoard {

        /** Types {@code command} (the console's line ending added). */
        void type(String command) throws IOException;

        /** Hands each console line completed from now on to {@code lines} until the returned handle is closed. */
        AutoCloseable watch(Consumer<String> lines);
    }

    private final AtomicReference<OpenBoard> open = new AtomicReference<>();

    /** The Serial pane opened {@code board} (the newest one wins). */
    public void opened(OpenBoard board) {
        open.set(board);
    }

    /** The Serial pane closed {@code board}. */
    public void closed(OpenBoard board) {
        open.compareAndSet(board, null);
    }

    /** The open virtual board, if any. */
    public Optional<OpenBoard> current() {
        return Optional.ofNullable(open.get());
    }
}
