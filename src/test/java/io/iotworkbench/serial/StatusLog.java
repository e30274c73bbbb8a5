package io.iotworkbench.serial;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Collects a connection's status changes so a test can wait for one with a timeout. */
final class StatusLog implements Consumer<PortStatus> {

    private final BlockingQueue<PortStatus> seen = new LinkedBlockingQueue<>();

    @Override
    public void accept(PortStatus status) {
        seen.add(status);
    }

    /** Waits for a status in {@code state}, skipping others; fails after {@code timeout}. */
    PortStatus await(PortState state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            PortStatus s = left > 0 ? seen.poll(left, TimeUnit.NANOSECONDS) : null;
            if (s == null) {
                throw new AssertionError("no " + state + " status within " + timeout);
            }
            if (s.state() == state) {
                return s;
            }
        }
    }
}
