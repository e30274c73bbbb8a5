package io.iotworkbench.ui.mqtt;

import io.iotworkbench.stream.BatchSource;
import io.iotworkbench.ui.common.FxPump;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The pane's FxPumps, one per stream (topic changes, watched messages, each chart series), signalled together when
 * the pipeline has applied a batch. Pumps can be added and removed while signals arrive.
 *
 * <p>Threading: {@link #signalAll()} from any thread (the pipeline's aggregator); the rest from the FX thread.
 */
public final class PumpGroup {

    private final Executor fx;
    private final ScheduledExecutorService scheduler;
    private final List<FxPump<?>> pumps = new CopyOnWriteArrayList<>();

    public PumpGroup(Executor fxExecutor, ScheduledExecutorService scheduler) {
        this.fx = fxExecutor;
        this.scheduler = scheduler;
    }

    public <T> FxPump<T> start(BatchSource<T> source, Consumer<List<T>> apply, int maxBatch) {
        return start(source, apply, maxBatch, FxPump.DEFAULT_INTERVAL_NANOS);
    }

    /**
     * A pump that applies at most one batch per {@code intervalNanos}: for what nobody reads at 60 Hz (counters, a
     * scrolling list), a longer interval coalesces more per batch and leaves the pulses in between to the rest.
     */
    public <T> FxPump<T> start(BatchSource<T> source, Consumer<List<T>> apply, int maxBatch, long intervalNanos) {
        FxPump<T> pump = new FxPump<>(source, apply, fx, scheduler, intervalNanos, maxBatch);
        pumps.add(pump);
        return pump;
    }

    public void remove(FxPump<?> pump) {
        pump.stop();
        pumps.remove(pump);
    }

    public void signalAll() {
        for (FxPump<?> p : pumps) {
            p.signal();
        }
    }

    public void stopAll() {
        pumps.forEach(FxPump::stop);
        pumps.clear();
    }
}
