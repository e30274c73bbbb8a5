package io.iotworkbench.localcore.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The newest authorization decisions of one Local IoT Core (at most {@link #CAPACITY}), and listeners told of each new
 * one. {@link #record} runs on the broker's and the REST server's threads: listeners must return at once (hand the
 * decision to a bounded buffer, never to the FX thread directly). Thread-safe.
 */
public final class DecisionLog {

    public static final int CAPACITY = 10_000;

    private final ArrayDeque<AccessDecision> recent = new ArrayDeque<>();
    private final List<Consumer<AccessDecision>> listeners = new CopyOnWriteArrayList<>();
    private final int capacity;
    private long total;

    public DecisionLog() {
        this(CAPACITY);
    }

    public DecisionLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public void record(AccessDecision decision) {
        synchronized (recent) {
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(decision);
            total++;
        }
        for (Consumer<AccessDecision> l : listeners) {
            l.accept(decision);
        }
    }

    /** The kept decisions, oldest first. */
    public List<AccessDecision> snapshot() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /** How many decisions were ever recorded, kept or not. */
    public long total() {
        synchronized (recent) {
            return total;
        }
    }

    /** Adds a listener; run the returned handle to remove it. */
    public Runnable listen(Consumer<AccessDecision> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
