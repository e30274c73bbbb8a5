package io.iotworkbench.localcore.jobs;

import io.iotworkbench.concurrent.DaemonThreads;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The jobs service's two threads, in one place: {@code jobs-service} answers device MQTT requests in arrival order
 * from a bounded queue (when it is full a request is refused at once, RequestThrottled), and {@code jobs-timers} runs
 * the timeout sweep once a second. Control-plane and HTTPS calls run on their callers' threads. Both are daemons.
 *
 * <p>Thread-safe.
 */
final class JobsThreads implements AutoCloseable {

    static final int QUEUE_CAPACITY = 10_000;

    private final ThreadPoolExecutor requests = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), DaemonThreads.named("jobs-service"));
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("jobs-timers"));

    /** Queues a device request; false when the queue is full or the service is closing. */
    boolean submit(Runnable request) {
        try {
            requests.execute(request);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code task} once a second, starting in a second; it must catch its own failures. */
    void everySecond(Runnable task) {
        timers.scheduleWithFixedDelay(task, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops the timer and lets queued requests finish (up to 5 s). */
    @Override
    public void close() {
        timers.shutdownNow();
        requests.shutdown();
        try {
            requests.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
