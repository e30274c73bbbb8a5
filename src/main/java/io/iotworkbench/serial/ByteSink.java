package io.iotworkbench.serial;

/**
 * Receives every chunk of bytes a {@link SerialConnection} reads, on the connection's reader thread. An implementation
 * must not block and must not change the array (all sinks share it): it hands the chunk to a bounded buffer and
 * returns.
 */
@FunctionalInterface
public interface ByteSink {
    void received(byte[] chunk);
}
