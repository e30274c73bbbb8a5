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
import java.util.function.LongSupplier;

/**
 * Moves items from a {@link BatchSource} (a bounded buffer, or a coalescing set of changes) into the UI in batches: at
 * most one batch per pulse (the minimum interval,
 * one 60 Hz frame by default) and at most one FX update pending at any time. Producers call {@link #signal()} after
 * they offer; the batch consumer runs on the FX thread with everything drained since the last batch (up to a
 * maximum), in order.
 *
 * <p>No batch takes longer than a frame: the pump measures what an item costs to apply and drains at most as many
 * items as fit a time budget (half a frame by default, leaving the other half to layout and rendering); what does not
 * fit stays in the source for the next pulse, where a bounded buffer keeps counting what it has to drop. The slice
 * starts small, shrinks at once when items get dearer and grows at most twofold per pulse (decision 0021).
 *
 * <p>Threading: {@link #signal()} is cheap and safe from any thread (one compare-and-set). Draining happens on the
 * scheduler thread; the consumer runs through the FX executor. The next batch is scheduled only after the previous one
 * has been applied, so a slow FX thread slows the pump instead of queueing work for it.
 */
public final class FxPump<T> {

    public static final long DEFAULT_INTERVAL_NANOS = 16_666_667L;
    /** Time one batch may take on the FX thread: half a 60 Hz frame. */
    public static final long DEFAULT_BUDGET_NANOS = 8_000_000L;
    /** Items in the first batch, before the pump has measured what an item costs. */
    static final int FIRST_SLICE = 128;
    /** The smallest slice, so that a fixed cost per batch cannot shrink batches to nothing. */
    static final int MIN_SLICE = 32;

    private final BatchSource<T> buffer;
    private final Consumer<List<T>> batchConsumer;
    private final Executor fxExecutor;
    private final ScheduledExecutorService scheduler;
    private final long intervalNanos;
    private final int maxBatch;
    private final long budgetNanos;
    private final LongSupplier clock;
    /** Items the next batch may hold; written on the FX thread after each batch, read when draining. */
    private volatile int slice;
    /** Estimated cost of one item (ns); FX thread only. */
    private double itemNanos;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong lastApplied = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong maxApplyNanos = new AtomicLong();
    private final LatencyRecorder applyTimes = new LatencyRecorder();
    private volatile boolean stopped;

    public FxPump(BatchSource<T> buffer, Consumer<List<T>> batchConsumer, Executor fxExecutor,
                  ScheduledExecutorService scheduler, long intervalNanos, int maxBatch) {
        this(buffer, batchConsumer, fxExecutor, scheduler, intervalNanos, maxBatch, DEFAULT_BUDGET_NANOS,
                System::nanoTime);
    }

    /** As above with the time budget of one batch and the clock that measures batches and spaces pulses. */
    public FxPump(BatchSource<T> buffer, Consumer<List<T>> batchConsumer, Executor fxExecutor,
                  ScheduledExecutorService scheduler, long intervalNanos, int maxBatch, long budgetNanos,
                  LongSupplier nanoClock) {
        this.buffer = Objects.requireNonNull(buffer);
        this.batchConsumer = Objects.requireNonNull(batchConsumer);
        this.fxExecutor = Objects.requireNonNull(fxExecutor);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.intervalNanos = intervalNanos;
        this.maxBatch = maxBatch;
        this.budgetNanos = budgetNanos;
        this.clock = Objects.requireNonNull(nanoClock);
        this.slice = Math.min(maxBatch, FIRST_SLICE);
    }

    /** Tells the pump that the buffer has new items. Never blocks. */
    public void signal() {
        if (stopped || !pending.compareAndSet(false, true)) {
            return;
        }
        long wait = lastApplied.get() + intervalNanos - clock.getAsLong();
        try {
            scheduler.schedule(this::drainAndApply, Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            stopped = true;
            pending.set(false);
        }
    }

    private void drainAndApply() {
        int limit = slice;
        List<T> batch = new ArrayList<>(Math.min(limit, 256));
        buffer.drainTo(batch, limit);
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
        long start = clock.getAsLong();
        try {
            batchConsumer.accept(batch);
        } finally {
            long end = clock.getAsLong();
            slice = nextSlice(batch.size(), end - start);
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

    /**
     * The size of the next batch after {@code size} items took {@code nanos}: as many as fit the budget at the
     * estimated cost per item. The estimate follows a dearer item at once and a cheaper one by halves, and the slice
     * at most doubles per pulse, so one cheap batch cannot invite a long one.
     */
    private int nextSlice(int size, long nanos) {
        double measured = Math.max(1.0, nanos) / Math.max(1, size);
        itemNanos = measured >= itemNanos ? measured : (itemNanos + measured) / 2;
        long fits = (long) (budgetNanos / itemNanos);
        long grown = Math.min(fits, 2L * Math.max(slice, MIN_SLICE));
        return (int) Math.max(Math.min(maxBatch, MIN_SLICE), Math.min(maxBatch, grown));
    }

    /** The shortest time between two batches (one 60 Hz frame by default). */
    public long intervalNanos() {
        return intervalNanos;
    }

    /** Items the next batch may hold (at most the maximum batch, fewer when items are dear). */
    public int sliceSize() {
        return slice;
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
