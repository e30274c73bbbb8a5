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
        FxPump<T> pump = new FxPump<>(source, apply, fx, scheduler, FxPump.DEFAULT_INTERVAL_NANOS, maxBatch);
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
