package io.iotworkbench.serial;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One direction of a {@link SerialPipe}: a fixed ring of bytes. Like a tty, a writer blocks while the ring is full and
 * a reader waits (with a timeout) while it is empty; nothing is dropped.
 *
 * <p>Thread-safe for one writer and one reader; waiting happens on conditions, never by polling.
 */
final class PipeBuffer {

    private final byte[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    private int size;

    PipeBuffer(int capacity) {
        this.ring = new byte[capacity];
    }

    /** Writes every byte, waiting for room while {@code open} holds. */
    void write(byte[] data, int offset, int length, BooleanSupplier open) throws IOException {
        lock.lock();
        try {
            int done = 0;
            while (done < length) {
                while (size == ring.length) {
                    if (!open.getAsBoolean()) {
                        throw new IOException("the other end is gone");
                    }
                    notFull.await();
                }
                int n = Math.min(length - done, ring.length - size);
                for (int i = 0; i < n; i++) {
                    ring[(head + size + i) % ring.length] = data[offset + done + i];
                }
                size += n;
                done += n;
                notEmpty.signalAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        } finally {
            lock.unlock();
        }
    }

    /** Reads what is there, waiting up to {@code timeoutNanos}; -1 once {@code open} is false and nothing is left. */
    int read(byte[] buffer, int offset, int length, long timeoutNanos, BooleanSupplier open)
            throws IOException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (size == 0) {
                if (!open.getAsBoolean()) {
                    return -1;
                }
                if (left <= 0) {
                    return 0;
                }
                left = notEmpty.awaitNanos(left);
            }
            int n = Math.min(length, size);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = ring[(head + i) % ring.length];
            }
            head = (head + n) % ring.length;
            size -= n;
            notFull.signalAll();
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            head = 0;
            size = 0;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes waiting readers and writers so they look at their {@code open} condition again. */
    void wake() {
        lock.lock();
        try {
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
