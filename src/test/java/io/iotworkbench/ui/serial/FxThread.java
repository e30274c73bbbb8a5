package io.iotworkbench.ui.serial;

import io.iotworkbench.concurrent.DaemonThreads;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A stand-in for the FX thread in toolkit-free view-model tests: one thread that runs everything the view model posts,
 * and the test's own commands and checks (so nothing races the pump's batches).
 */
final class FxThread implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("test-fx"));

    java.util.concurrent.Executor executor() {
        return thread;
    }

    <T> T call(Callable<T> work) throws Exception {
        return thread.submit(work).get(10, TimeUnit.SECONDS);
    }

    void run(Runnable work) throws Exception {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Polls {@code condition} on this thread until it holds; fails after {@code timeout} with {@code what}. */
    void await(String what, Duration timeout, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!call(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
