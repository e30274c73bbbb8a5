package io.iotworkbench.serial;

/**
 * Where a {@link SerialConnection} stands: closed, open, waiting for a lost port to come back, or failed (the first
 * open failed, or the reconnect policy gave up).
 */
public enum PortState { CLOSED, OPEN, RECONNECTING, FAILED }
