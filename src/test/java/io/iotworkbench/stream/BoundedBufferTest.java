package io.iotworkbench.stream;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedBufferTest {

    @Test
    void keepsInsertionOrder() {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(10);
        for (int i = 0; i < 5; i++) {
            assertThat(buffer.offer(i)).isTrue();
        }
        List<Integer> out = new ArrayList<>();
        assertThat(buffer.drainTo(out, 3)).isEqualTo(3);
        buffer.offer(5);
        buffer.drainTo(out);
        assertThat(out).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void neverHoldsMoreThanItsCapacityAndDropsTheOldestCountingEachDrop() {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(100);
        for (int i = 0; i < 1_000; i++) {
            buffer.offer(i);
            assertThat(buffer.size()).isLessThanOrEqualTo(100);
        }
        assertThat(buffer.droppedCount()).isEqualTo(900);
        assertThat(buffer.offeredCount()).isEqualTo(1_000);
        List<Integer> out = new ArrayList<>();
        buffer.drainTo(out);
        assertThat(out).hasSize(100).startsWith(900, 901).endsWith(999);
    }

    @Test
    void offerReportsWhetherSomethingWasDropped() {
        BoundedBuffer<String> buffer = new BoundedBuffer<>(1);
        assertThat(buffer.offer("a")).isTrue();
        assertThat(buffer.offer("b")).isFalse();
        assertThat(buffer.poll()).isEqualTo("b");
        assertThat(buffer.poll()).isNull();
    }

    @Test
    void rejectsNullAndSillyCapacities() {
        assertThatThrownBy(() -> new BoundedBuffer<>(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedBuffer<String>(2).offer(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void concurrentProducersBelowCapacityLoseNothingAndKeepEachProducersOrder() throws Exception {
        int producers = 8;
        int perProducer = 50_000;
        BoundedBuffer<long[]> buffer = new BoundedBuffer<>(producers * perProducer);
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        CountDownLatch start = new CountDownLatch(1);
        for (int p = 0; p < producers; p++) {
            long id = p;
            pool.submit(() -> {
                start.await();
                for (long i = 0; i < perProducer; i++) {
                    buffer.offer(new long[] {id, i});
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(buffer.droppedCount()).isZero();
        List<long[]> all = new ArrayList<>();
        buffer.drainTo(all);
        assertThat(all).hasSize(producers * perProducer);
        Map<Long, Long> next = new HashMap<>();
        for (long[] item : all) {
            long expected = next.getOrDefault(item[0], 0L);
            assertThat(item[1]).as("producer %d order", item[0]).isEqualTo(expected);
            next.put(item[0], expected + 1);
        }
    }

    @Test
    void concurrentProducersAndAConsumerAccountForEveryItem() throws Exception {
        BoundedBuffer<Integer> buffer = new BoundedBuffer<>(1_000);
        int producers = 4;
        int perProducer = 200_000;
        ExecutorService pool = Executors.newFixedThreadPool(producers + 1);
        AtomicBoolean done = new AtomicBoolean();
        long[] consumed = new long[1];
        var consumer = pool.submit(() -> {
            List<Integer> batch = new ArrayList<>();
            while (!done.get() || !buffer.isEmpty()) {
                batch.clear();
                consumed[0] += buffer.drainTo(batch, 256);
            }
        });
        CountDownLatch finished = new CountDownLatch(producers);
        for (int p = 0; p < producers; p++) {
            pool.submit(() -> {
                for (int i = 0; i < perProducer; i++) {
                    buffer.offer(i);
                }
                finished.countDown();
            });
        }
        assertThat(finished.await(60, TimeUnit.SECONDS)).isTrue();
        done.set(true);
        consumer.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(consumed[0] + buffer.droppedCount()).isEqualTo((long) producers * perProducer);
        assertThat(buffer.offeredCount()).isEqualTo((long) producers * perProducer);
    }
}
