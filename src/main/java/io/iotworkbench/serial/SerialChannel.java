package io.iotworkbench.serial;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * A byte stream to a board with the few serial controls the WM tools need: blocking reads with a timeout, writes, the
 * baud rate and the DTR/RTS lines. Implemented over a real port ({@link JSerialCommChannel}), over a claimed
 * {@link SerialConnection}, and over an in-process {@link SerialPipe}, so the flasher and the virtual board run the
 * same code on hardware and in tests.
 *
 * <p>Threading: one reader and one writer thread at a time; control calls may come from either.
 */
public interface SerialChannel extends Closeable {

    /**
     * Reads what has arrived, waiting up to {@code timeout} for the first byte.
     *
     * @return the number of bytes read, 0 when the timeout passed with nothing, -1 when the channel is closed or the
     *         device is gone
     */
    int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException;

    /** Writes all bytes, blocking while the device side is full. */
    void write(byte[] data, int offset, int length) throws IOException;

    default void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    /** Changes the host side's baud rate; false when the adapter does not support the rate. */
    boolean setBaudRate(int baudRate) throws IOException;

    int baudRate();

    /** Sets DTR and RTS (true = asserted); false when the port has no such lines (a pty, a pipe end). */
    boolean setControlLines(boolean dtr, boolean rts) throws IOException;

    /** Drops bytes that have arrived and not been read. */
    void discardInput() throws IOException;

    /** A short name for messages, e.g. the port path. */
    String name();
}
