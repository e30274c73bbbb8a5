package io.iotworkbench.serial;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A {@link ByteSink} for tests: keeps everything and lets a test wait until some text has arrived. */
final class ByteCollector implements ByteSink {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void received(byte[] chunk) {
        bytes.writeBytes(chunk);
        notifyAll();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** Waits until the collected text contains {@code expected}; fails after {@code timeout}. */
    synchronized String await(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!text().contains(expected)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("'" + expected + "' did not arrive within " + timeout + "; got: " + text());
            }
            wait(left);
        }
        return text();
    }
}
