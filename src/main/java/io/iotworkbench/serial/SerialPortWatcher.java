package io.iotworkbench.serial;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the port list fresh for hot-plug: lists the ports on a scheduler at a fixed period (jSerialComm has no plug
 * events) and reports a {@link Change} only when a port appeared, disappeared or changed.
 *
 * <p>Threading: listings and the listener run on the given scheduler; {@link #current()} is safe from any thread.
 */
public final class SerialPortWatcher implements AutoCloseable {

    /** The new list and what differs from the previous one. */
    public record Change(List<PortInfo> ports, List<PortInfo> added, List<PortInfo> removed) {
    }

    private final Supplier<List<PortInfo>> lister;
    private final Consumer<Change> listener;
    private final ScheduledFuture<?> task;
    private volatile List<PortInfo> current = List.of();

    /** Watches the system's ports through {@link SerialPorts#list()}. */
    public SerialPortWatcher(ScheduledExecutorService scheduler, Duration period, Consumer<Change> listener) {
        this(SerialPorts::list, scheduler, period, listener);
    }

    public SerialPortWatcher(Supplier<List<PortInfo>> lister, ScheduledExecutorService scheduler, Duration period,
                             Consumer<Change> listener) {
        this.lister = Objects.requireNonNull(lister);
        this.listener = Objects.requireNonNull(listener);
        this.task = scheduler.scheduleWithFixedDelay(this::refresh, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        List<PortInfo> now = List.copyOf(lister.get());
        List<PortInfo> before = current;
        if (now.equals(before)) {
            return;
        }
        Map<String, PortInfo> old = byPath(before);
        Map<String, PortInfo> fresh = byPath(now);
        List<PortInfo> added = now.stream().filter(p -> !p.equals(old.get(p.path()))).toList();
        List<PortInfo> removed = before.stream().filter(p -> !p.equals(fresh.get(p.path()))).toList();
        current = now;
        listener.accept(new Change(now, added, removed));
    }

    private static Map<String, PortInfo> byPath(List<PortInfo> ports) {
        Map<String, PortInfo> map = new LinkedHashMap<>();
        ports.forEach(p -> map.put(p.path(), p));
        return map;
    }

    public List<PortInfo> current() {
        return current;
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
