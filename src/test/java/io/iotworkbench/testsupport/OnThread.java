package io.iotworkbench.testsupport;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Reads a view model's state on the thread that writes it. View-model tests hand the model a direct executor as its
 * FX executor, so its pumps apply batches on the test's scheduler thread; a test that polls a list while a batch is
 * applied must read it there too, or it sees a list in mid-change. Called from the test's thread; blocks until read.
 */
public final class OnThread {

    private OnThread() {
    }

    /** Runs {@code read} on {@code thread} and returns its value. */
    public static <T> T read(ExecutorService thread, Callable<T> read) {
        try {
            return thread.submit(read).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading on the model's thread", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
