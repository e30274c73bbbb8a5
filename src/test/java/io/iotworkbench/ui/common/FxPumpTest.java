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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The pump with a single-thread executor standing in for the FX thread. */
class FxPumpTest {

    private final ExecutorService fxThread = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger queuedOnFx = new AtomicInteger();
    private final AtomicInteger maxQueuedOnFx = new AtomicInteger();

    /** Counts FX tasks submitted but not yet run, to prove at most one is pending. */
    private void countingFx(Runnable r) {
        maxQueuedOnFx.accumulateAndGet(queuedOnFx.incrementAndGet(), Math::max);
        fxThread.execute(() -> {
            queuedOnFx.decrementAndGet();
            r.run();
        });
    }

    @AfterEach
    void stop() {
        fxThread.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void deliversEverythingInOrderInBatchesWithAtMostOneFxUpdatePending() throws Exception {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(100_000);
        List<Integer> applied = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger batches = new AtomicInteger();
        FxPump<Integer> pump = new FxPump<>(buffer, b -> {
            batches.incrementAndGet();
            applied.addAll(b);
        }, this::countingFx, scheduler, 5_000_000L, 100_000);
        for (int i = 0; i < 50_000; i++) {
            buffer.offer(i);
            pump.signal();
        }
        waitFor(() -> applied.size() == 50_000);
        assertThat(applied).isSorted().doesNotHaveDuplicates().hasSize(50_000);
        assertThat(maxQueuedOnFx.get()).isEqualTo(1);
        assertThat(batches.get()).as("one FX update per batch, not per item").isLessThan(1_000);
        assertThat(pump.batchCount()).isEqualTo(batches.get());
    }

    @Test
    void batchesAreSpacedAtLeastOneIntervalApart() throws Exception {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(1_000);
        List<Long> applyTimes = Collections.synchronizedList(new ArrayList<>());
        long interval = 40_000_000L;
        FxPump<Integer> pump = new FxPump<>(buffer, b -> applyTimes.add(System.nanoTime()), this::countingFx,
                scheduler, interval, 1_000);
        long end = System.nanoTime() + 500_000_000L;
        int i = 0;
        while (System.nanoTime() < end) {
            buffer.offer(i++);
            pump.signal();
        }
        waitFor(() -> buffer.isEmpty() && !pump.isPending());
        assertThat(applyTimes.size()).isBetween(2, 16);
        for (int k = 1; k < applyTimes.size(); k++) {
            assertThat(applyTimes.get(k) - applyTimes.get(k - 1)).isGreaterThanOrEqualTo(interval);
        }
    }

    @Test
    void aSlowFxThreadCostsOldItemsNotMemoryOrAStalledProducer() throws Exception {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(100);
        AtomicLong applied = new AtomicLong();
        FxPump<Integer> pump = new FxPump<>(buffer, b -> {
            applied.addAndGet(b.size());
            sleep(20);
        }, this::countingFx, scheduler, 1_000_000L, 1_000);
        long t0 = System.nanoTime();
        for (int i = 0; i < 200_000; i++) {
            buffer.offer(i);
            pump.signal();
        }
        long producerMillis = (System.nanoTime() - t0) / 1_000_000;
        waitFor(() -> buffer.isEmpty() && !pump.isPending());
        assertThat(buffer.droppedCount()).isPositive();
        assertThat(applied.get() + buffer.droppedCount()).isEqualTo(200_000);
        assertThat(maxQueuedOnFx.get()).isEqualTo(1);
        assertThat(producerMillis).as("producer never waits for the 20 ms FX batches").isLessThan(5_000);
    }

    @Test
    void stoppedPumpSchedulesNothing() throws Exception {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(10);
        AtomicInteger calls = new AtomicInteger();
        FxPump<Integer> pump = new FxPump<>(buffer, b -> calls.incrementAndGet(), this::countingFx, scheduler,
                1_000_000L, 10);
        pump.stop();
        buffer.offer(1);
        pump.signal();
        scheduler.schedule(() -> { }, 20, TimeUnit.MILLISECONDS).get();
        fxThread.submit(() -> { }).get();
        assertThat(calls.get()).isZero();
        assertThat(buffer.size()).isEqualTo(1);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        Wait.until("the pump's batches", condition);
    }
}
