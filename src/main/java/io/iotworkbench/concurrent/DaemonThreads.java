package io.iotworkbench.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way the workbench makes its own threads: daemon threads (they never keep the JVM alive after the window
 * or a command ends) with a name that says what runs there, as listed in ARCHITECTURE.md's thread table.
 * Stateless; every method may be called from any thread.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory whose threads are all called {@code name} (for single-thread executors). */
    public static ThreadFactory named(String name) {
        return task -> create(name, task);
    }

    /** A factory whose threads are called {@code prefix1}, {@code prefix2}, … (for pools). */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> create(prefix + count.incrementAndGet(), task);
    }

    /** A new daemon thread called {@code name} running {@code task}, not yet started. */
    public static Thread create(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A new daemon thread called {@code name} running {@code task}, started. */
    public static Thread start(String name, Runnable task) {
        Thread thread = create(name, task);
        thread.start();
        return thread;
    }
}
