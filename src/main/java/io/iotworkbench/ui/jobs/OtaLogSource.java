package io.iotworkbench.ui.jobs;

import io.iotworkbench.localcore.device.VirtualDevice;
import io.iotworkbench.session.SerialBoard;
import io.iotworkbench.session.Session;
import io.iotworkbench.session.SessionListener;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the OTA view's serial log comes from: the board the Serial pane has open (the session's {@link SerialBoard}),
 * else the fallback (on the Local IoT Core its in-process virtual device). It switches when the Serial pane opens,
 * selects or closes a board, and back to the fallback when none is open.
 *
 * <p>Threading: {@link #follow} and the session's calls may come from any thread (methods are synchronized); lines
 * reach the sink on their producer's thread; the label (what the log follows) is set through the FX executor.
 */
final class OtaLogSource implements AutoCloseable {

    private final Session session;
    private final Supplier<Optional<VirtualDevice>> fallback;
    private final Consumer<String> sink;
    private final Consumer<String> label;
    private final Executor fx;
    private final SessionListener listener = new SessionListener() {
        @Override
        public void serialBoardChanged(SerialBoard board) {
            follow();
        }
    };
    private Object following;
    private AutoCloseable detach;
    private boolean closed;

    /**
     * @param fallback the device to follow when the Serial pane has no board open (empty: none)
     * @param label    receives the name of what the log follows ("" for nothing), on the FX thread
     */
    OtaLogSource(Session session, Supplier<Optional<VirtualDevice>> fallback, Consumer<String> sink,
                 Consumer<String> label, Executor fx) {
        this.session = session;
        this.fallback = fallback;
        this.sink = sink;
        this.label = label;
        this.fx = fx;
        session.addListener(listener);
    }

    /** Follows the Serial pane's board, or the fallback; nothing changes when it already follows the right one. */
    synchronized void follow() {
        if (closed) {
            return;
        }
        Optional<SerialBoard> board = session.serialBoard();
        if (board.isPresent()) {
            SerialBoard b = board.get();
            if (following != b) {
                switchTo(b, b.name(), b.follow(sink));
            }
            return;
        }
        if (following instanceof VirtualDevice) {
            return;
        }
        Optional<VirtualDevice> device = fallback.get();
        if (device.isPresent()) {
            VirtualDevice d = device.get();
            Consumer<String> l = sink::accept;
            d.addLogListener(l);
            switchTo(d, d.thingName(), () -> d.removeLogListener(l));
        } else if (following != null) {
            switchTo(null, "", null);
        }
    }

    private void switchTo(Object source, String name, AutoCloseable detachNew) {
        stop();
        following = source;
        detach = detachNew;
        fx.execute(() -> label.accept(name));
    }

    private void stop() {
        if (detach != null) {
            try {
                detach.close();
            } catch (Exception e) {
                // the source is gone already
            }
        }
        detach = null;
        following = null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        session.removeListener(listener);
        stop();
    }
}
