package io.iotworkbench.ui.common;

import io.iotworkbench.stream.BoundedBuffer;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pump splits what would be a long batch across pulses. The clock is a counter that the consumer advances by a
 * chosen cost per item, so every figure here is a count, not a measured time.
 */
class FxPumpSliceTest {

    private static final long BUDGET = 8_000_000L;
    private static final long INTERVAL = 1_000_000L;

    private final ExecutorService fxThread = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong itemCost = new AtomicLong();
    private final List<Integer> applied = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> durations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger queuedOnFx = new AtomicInteger();
    private final AtomicInteger maxQueuedOnFx = new AtomicInteger();

    @AfterEach
    void stop() {
        fxThread.shutdownNow();
        scheduler.shutdownNow();
    }

    private void countingFx(Runnable r) {
        maxQueuedOnFx.accumulateAndGet(queuedOnFx.incrementAndGet(), Math::max);
        fxThread.execute(() -> {
            queuedOnFx.decrementAndGet();
            r.run();
        });
    }

    private FxPump<Integer> pump(BoundedBuffer<Integer> buffer, int maxBatch) {
        return new FxPump<>(buffer, b -> {
            long cost = itemCost.get() * b.size();
            clock.addAndGet(cost);
            durations.add(cost);
            sizes.add(b.size());
            applied.addAll(b);
        }, this::countingFx, scheduler, INTERVAL, maxBatch, BUDGET, clock::get);
    }

    @Test
    void aBatchThatWouldOverrunTheBudgetIsSplitAcrossPulsesInOrder() {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(10_000);
        itemCost.set(100_000L);
        FxPump<Integer> pump = pump(buffer, 2_000);
        for (int i = 0; i < 5_000; i++) {
            buffer.offer(i);
        }
        pump.signal();
        Wait.until("all items applied", () -> applied.size() == 5_000);
        assertThat(applied).isSorted().doesNotHaveDuplicates();
        assertThat(sizes.get(0)).as("first slice, before any cost is known").isEqualTo(FxPump.FIRST_SLICE);
        assertThat(sizes.subList(1, sizes.size())).as("80 items of 0.1 ms fit 8 ms").allMatch(n -> n <= 80);
        assertThat(durations.subList(1, durations.size())).allMatch(d -> d <= BUDGET);
        assertThat(sizes.size()).isGreaterThanOrEqualTo(5_000 / 80);
        assertThat(pump.batchCount()).as("one consumer call per pulse").isEqualTo(sizes.size());
        assertThat(maxQueuedOnFx.get()).as("one FX update pending at a time").isEqualTo(1);
        assertThat(buffer.droppedCount()).isZero();
    }

    @Test
    void cheapItemsGrowTheSliceToTheMaximumAtMostTwofoldPerPulse() {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(100_000);
        itemCost.set(1_000L);
        FxPump<Integer> pump = pump(buffer, 2_000);
        for (int i = 0; i < 20_000; i++) {
            buffer.offer(i);
        }
        pump.signal();
        Wait.until("all items applied", () -> applied.size() == 20_000);
        List<Integer> s = List.copyOf(sizes);
        for (int k = 1; k < s.size(); k++) {
            assertThat(s.get(k)).isLessThanOrEqualTo(2 * Math.max(s.get(k - 1), FxPump.MIN_SLICE));
        }
        assertThat(s).contains(2_000);
        assertThat(s).allMatch(n -> n <= 2_000);
        assertThat(pump.sliceSize()).isEqualTo(2_000);
    }

    @Test
    void dearerItemsShrinkTheSliceAtOnce() {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(100_000);
        itemCost.set(1_000L);
        FxPump<Integer> pump = pump(buffer, 2_000);
        for (int i = 0; i < 10_000; i++) {
            buffer.offer(i);
        }
        pump.signal();
        Wait.until("the slice at its maximum", () -> pump.sliceSize() == 2_000 && buffer.isEmpty()
                && !pump.isPending());
        itemCost.set(400_000L);
        int before = sizes.size();
        for (int i = 10_000; i < 12_000; i++) {
            buffer.offer(i);
        }
        pump.signal();
        Wait.until("all items applied", () -> applied.size() == 12_000);
        List<Integer> after = List.copyOf(sizes.subList(before, sizes.size()));
        assertThat(after.get(0)).as("the first dear batch still has the old size").isEqualTo(2_000);
        assertThat(after.subList(1, after.size())).as("then the smallest slice (20 would fit 8 ms)")
                .allMatch(n -> n == FxPump.MIN_SLICE);
        assertThat(applied).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void whatASlowFxThreadCannotTakeIsDroppedAndCountedByTheBuffer() {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(500);
        itemCost.set(1_000_000L);
        FxPump<Integer> pump = pump(buffer, 2_000);
        for (int i = 0; i < 50_000; i++) {
            buffer.offer(i);
            pump.signal();
        }
        Wait.until("the buffer drained", () -> buffer.isEmpty() && !pump.isPending());
        assertThat(buffer.droppedCount()).isPositive();
        assertThat(applied.size() + buffer.droppedCount()).isEqualTo(50_000);
        assertThat(sizes.subList(1, sizes.size())).allMatch(n -> n <= FxPump.MIN_SLICE);
        assertThat(maxQueuedOnFx.get()).isEqualTo(1);
    }
}
