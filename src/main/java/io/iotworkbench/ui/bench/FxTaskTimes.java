package io.iotworkbench.ui.bench;

import io.iotworkbench.stream.LatencyRecorder;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Wraps the FX stand-in's executor for {@code bench mqtt} and splits each task's wall time into what our code costs
 * and what stood in its way: the task's own CPU time, the GC pause time that fell inside it (the collectors' summed
 * collection time before and after the task, millisecond resolution; a pause that began before the task counts whole,
 * so the figure errs on the side of blaming GC), and the rest (waiting for a core). Keeps the longest task's split.
 *
 * <p>Written by the one FX stand-in thread only; read after a task submitted to that thread has completed.
 */
final class FxTaskTimes {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final LatencyRecorder cpu = new LatencyRecorder();
    private final LatencyRecorder wall = new LatencyRecorder();
    private final LatencyRecorder wallLessGc = new LatencyRecorder();
    private long longestWallNanos;
    private long longestGcNanos;
    private long longestCpuNanos;
    private long gcInTasksNanos;

    /** {@code fx} with every task timed. */
    Executor wrap(Executor fx) {
        return task -> fx.execute(() -> {
            long gc0 = gcMillis();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            try {
                task.run();
            } finally {
                record(System.nanoTime() - t0, threads.getCurrentThreadCpuTime() - cpu0,
                        (gcMillis() - gc0) * 1_000_000L);
            }
        });
    }

    private void record(long wallNanos, long cpuNanos, long gcNanos) {
        long gc = Math.min(gcNanos, wallNanos);
        cpu.recordNanos(cpuNanos);
        wall.recordNanos(wallNanos);
        wallLessGc.recordNanos(wallNanos - gc);
        gcInTasksNanos += gc;
        if (wallNanos > longestWallNanos) {
            longestWallNanos = wallNanos;
            longestGcNanos = gc;
            longestCpuNanos = cpuNanos;
        }
    }

    private long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean c : collectors) {
            sum += Math.max(0, c.getCollectionTime());
        }
        return sum;
    }

    /** Each task's CPU time on the FX stand-in. */
    LatencyRecorder cpu() {
        return cpu;
    }

    /** Each task's wall time. */
    LatencyRecorder wall() {
        return wall;
    }

    /** Each task's wall time less the GC pause time inside it. */
    LatencyRecorder wallLessGc() {
        return wallLessGc;
    }

    long longestWallNanos() {
        return longestWallNanos;
    }

    /** GC pause time inside the longest task. */
    long longestGcNanos() {
        return longestGcNanos;
    }

    /** CPU time of the longest task. */
    long longestCpuNanos() {
        return longestCpuNanos;
    }

    /** GC pause time inside all tasks together. */
    long gcInTasksNanos() {
        return gcInTasksNanos;
    }
}
