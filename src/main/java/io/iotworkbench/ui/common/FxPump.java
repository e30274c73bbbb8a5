package io.iotworkbench.ui.common;

import io.iotworkbench.stream.BatchSource;
import io.iotworkbench.stream.LatencyRecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Moves items from a {@link BatchSource} (a bounded buffer, or a coalescing set of changes) into the UI in batches: at
 * most one batch per pulse (the minimum interval,
 * one 60 Hz frame by default) and at most one FX update pending at any time. Producers call {@link #signal()} after
 * they offer; the batch consumer runs on the FX thread with everything drained since the last batch (up to a
 * maximum), in order.
 *
 * <p>Threading: {@link #signal()} is cheap and safe from any thread (one compare-and-set). Draining happens on the
 * scheduler thread; the consumer runs through the FX executor. The next batch is scheduled only after the previous one
 * has been applied, so a slow FX thread slows the pump instead of queueing work for it.
 */
public final class FxPump<T> {

    public static final long DEFAULT_INTERVAL_NANOS = 16_666_667L;

    private final BatchSource<T> buffer;
    private final Consumer<List<T>> batchConsumer;
    private final Executor fxExecutor;
    private final ScheduledExecutorService scheduler;
    private final long intervalNanos;
    private final int maxBatch;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong lastApplied = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong maxApplyNanos = new AtomicLong();
    private final LatencyRecorder applyTimes = new LatencyRecorder();
    private volatile boolean stopped;

    public FxPump(BatchSource<T> buffer, Consumer<List<T>> batchConsumer, Executor fxExecutor,
                  ScheduledExecutorService scheduler, long intervalNanos, int maxBatch) {
        this.buffer = Objects.requireNonNull(buffer);
        this.batchConsumer = Objects.requireNonNull(batchConsumer);
        this.fxExecutor = Objects.requireNonNull(fxExecutor);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.intervalNanos = intervalNanos;
        this.maxBatch = maxBatch;
    }

    /** Tells the pump that the buffer has new items. Never blocks. */
    public void signal() {
        if (stopped || !pending.compareAndSet(false, true)) {
            return;
        }
        long wait = lastApplied.get() + intervalNanos - System.nanoTime();
        try {
            scheduler.schedule(this::drainAndApply, Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            stopped = true;
            pending.set(false);
        }
    }

    private void drainAndApply() {
        List<T> batch = new ArrayList<>(Math.min(maxBatch, 256));
        buffer.drainTo(batch, maxBatch);
        if (batch.isEmpty() || stopped) {
            pending.set(false);
            if (!buffer.isEmpty()) {
                signal();
            }
            return;
        }
        fxExecutor.execute(() -> apply(batch));
    }

    private void apply(List<T> batch) {
        long start = System.nanoTime();
        try {
            batchConsumer.accept(batch);
        } finally {
            long end = System.nanoTime();
            batches.incrementAndGet();
            maxApplyNanos.accumulateAndGet(end - start, Math::max);
            applyTimes.recordNanos(end - start);
            lastApplied.set(end);
            pending.set(false);
            if (!buffer.isEmpty()) {
                signal();
            }
        }
    }

    /** How many batches have been applied. */
    public long batchCount() {
        return batches.get();
    }

    /** Distribution of the time batches took on the FX thread. */
    public LatencyRecorder applyTimes() {
        return applyTimes;
    }

    public boolean isPending() {
        return pending.get();
    }

    /** Stops scheduling new batches; items still in the buffer stay there. */
    public void stop() {
        stopped = true;
    }
}
