package io.iotworkbench.serial;

import io.iotworkbench.stream.BoundedBuffer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The exclusive {@link SerialChannel} a {@link SerialConnection} hands out for a probe, the download sequence or a
 * flash. It is one more sink of the connection's reader (the console keeps seeing every byte): chunks go into its own
 * bounded buffer, and {@link #read} waits on a condition with an exact timeout. While it is claimed, only it may write.
 * Closing it releases the port and restores the connection's baud rate.
 *
 * <p>Threading: the reader thread calls {@link #received}; one client thread reads, writes and closes.
 */
final class ClaimedChannel implements SerialChannel, ByteSink {

    private static final int BUFFER_CHUNKS = 4_096;

    private final SerialConnection connection;
    private final String purpose;
    private final BoundedBuffer<byte[]> incoming = new BoundedBuffer<>(BUFFER_CHUNKS);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Consumer<PortStatus> statusListener = status -> wake();
    private byte[] current;
    private int position;
    private volatile boolean closed;

    ClaimedChannel(SerialConnection connection, String purpose) {
        this.connection = connection;
        this.purpose = purpose;
    }

    String purpose() {
        return purpose;
    }

    Consumer<PortStatus> statusListener() {
        return statusListener;
    }

    @Override
    public void received(byte[] chunk) {
        incoming.offer(chunk);
        wake();
    }

    private void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                if (current == null || position == current.length) {
                    current = incoming.poll();
                    position = 0;
                }
                if (current != null) {
                    int n = Math.min(length, current.length - position);
                    System.arraycopy(current, position, buffer, offset, n);
                    position += n;
                    return n;
                }
                if (closed || !connection.status().isOpen()) {
                    return -1;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + name());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException(name() + " was released");
        }
        connection.writeClaimed(data, offset, length);
    }

    @Override
    public boolean setBaudRate(int baudRate) throws IOException {
        return connection.setChannelBaudRate(baudRate);
    }

    @Override
    public int baudRate() {
        return connection.channelBaudRate();
    }

    @Override
    public boolean setControlLines(boolean dtr, boolean rts) throws IOException {
        return connection.setControlLines(dtr, rts);
    }

    @Override
    public void discardInput() {
        lock.lock();
        try {
            current = null;
            incoming.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String name() {
        return connection.name() + " (" + purpose + ")";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connection.release(this);
        wake();
    }
}
