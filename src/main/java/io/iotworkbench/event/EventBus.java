package io.iotworkbench.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A small typed event bus: subscribers register for an event class and receive every published event that is an
 * instance of it. One instance per session, handed around by constructor; there is no default instance.
 *
 * <p>Thread-safe. Events are delivered synchronously on the publishing thread; a subscriber that needs the FX thread
 * hands over itself. A subscriber that throws does not stop delivery to the others; its exception goes to the bus's
 * error handler.
 */
public final class EventBus {

    private final Map<Class<?>, List<Consumer<Object>>> subscribers = new ConcurrentHashMap<>();
    private final Consumer<Throwable> errorHandler;

    public EventBus(Consumer<Throwable> errorHandler) {
        this.errorHandler = Objects.requireNonNull(errorHandler);
    }

    public EventBus() {
        this(e -> Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e));
    }

    /** Subscribes to events of {@code type} and its subtypes; the returned handle unsubscribes. */
    public <T> Subscription subscribe(Class<T> type, Consumer<? super T> subscriber) {
        Consumer<Object> wrapper = event -> subscriber.accept(type.cast(event));
        subscribers.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(wrapper);
        return () -> subscribers.getOrDefault(type, List.of()).remove(wrapper);
    }

    public void publish(Object event) {
        Objects.requireNonNull(event, "event");
        subscribers.forEach((type, list) -> {
            if (type.isInstance(event)) {
                for (Consumer<Object> s : list) {
                    try {
                        s.accept(event);
                    } catch (RuntimeException e) {
                        errorHandler.accept(e);
                    }
                }
            }
        });
    }

    /** Handle of one subscription. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
