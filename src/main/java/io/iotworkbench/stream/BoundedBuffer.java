package io.iotworkbench.stream;

import java.util.Collection;

/**
 * A fixed-capacity FIFO between a producer (a network or serial thread) and a consumer (an aggregator or the FX
 * pump). {@link #offer} never waits for space: when the buffer is full the oldest item is dropped to make room and
 * counted, so a slow consumer costs old data, never a stalled producer.
 *
 * <p>Thread-safe for any number of producers and consumers. Each operation holds an internal lock for O(1) work
 * ({@link #drainTo} for O(items moved)); the producer never waits on the consumer.
 */
public final class BoundedBuffer<T> implements BatchSource<T> {

    private final Object lock = new Object();
    private final Object[] ring;
    private int head;
    private int size;
    private long dropped;
    private long offered;

    public BoundedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.ring = new Object[capacity];
    }

    /**
     * Adds an item; if the buffer is full, drops the oldest item first.
     *
     * @return true if nothing had to be dropped
     */
    public boolean offer(T item) {
        if (item == null) {
            throw new NullPointerException("item");
        }
        synchronized (lock) {
            offered++;
            boolean room = size < ring.length;
            if (room) {
                ring[(head + size) % ring.length] = item;
                size++;
            } else {
                ring[head] = item;
                head = (head + 1) % ring.length;
                dropped++;
            }
            return room;
        }
    }

    /** Removes and returns the oldest item, or null when empty. */
    @SuppressWarnings("unchecked")
    public T poll() {
        synchronized (lock) {
            if (size == 0) {
                return null;
            }
            T item = (T) ring[head];
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
            return item;
        }
    }

    /**
     * Moves up to {@code max} of the oldest items, in order, into {@code target}.
     *
     * @return how many were moved
     */
    @Override
    @SuppressWarnings("unchecked")
    public int drainTo(Collection<? super T> target, int max) {
        synchronized (lock) {
            int n = Math.min(max, size);
            for (int i = 0; i < n; i++) {
                target.add((T) ring[head]);
                ring[head] = null;
                head = (head + 1) % ring.length;
            }
            size -= n;
            return n;
        }
    }

    public int drainTo(Collection<? super T> target) {
        return drainTo(target, Integer.MAX_VALUE);
    }


    public int size() {
        synchronized (lock) {
            return size;
        }
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    public int capacity() {
        return ring.length;
    }

    /** How many items were dropped since creation because the buffer was full. */
    public long droppedCount() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** How many items were offered since creation. */
    public long offeredCount() {
        synchronized (lock) {
            return offered;
        }
    }

    public void clear() {
        synchronized (lock) {
            java.util.Arrays.fill(ring, null);
            head = 0;
            size = 0;
        }
    }
}
