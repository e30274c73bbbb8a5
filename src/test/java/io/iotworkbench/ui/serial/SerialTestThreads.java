package io.iotworkbench.ui.serial;

import io.iotworkbench.testsupport.Wait;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threads the Serial pane's toolkit-free tests share: a single thread as the FX thread, a scheduler for the
 * pumps, a worker pool for the pane's tasks, and what else the test opened. {@link #close(Runnable)} ends the view
 * model on the FX thread first, then the rest, and checks that the worker's tasks ended.
 *
 * <p>Threading: the test thread.
 */
final class SerialTestThreads {

    final FxThread fx = new FxThread();
    final ScheduledExecutorService scheduler;
    final ExecutorService worker = Executors.newCachedThreadPool();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    SerialTestThreads(int schedulerThreads) {
        scheduler = Executors.newScheduledThreadPool(schedulerThreads);
    }

    /** Closes {@code c} after the test, in the order added. */
    <T extends AutoCloseable> T closeAfter(T c) {
        toClose.add(c);
        return c;
    }

    /** Runs {@code dispose} (null: nothing) on the FX thread, closes what was added, then ends the threads. */
    void close(Runnable dispose) throws Exception {
        if (dispose != null) {
            fx.run(dispose);
        }
        for (AutoCloseable c : toClose) {
            c.close();
        }
        worker.shutdown();
        assertThat(worker.awaitTermination(Wait.CAP.toSeconds(), TimeUnit.SECONDS)).as("worker tasks ended").isTrue();
        scheduler.shutdownNow();
        fx.close();
    }
}
