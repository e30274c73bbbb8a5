package io.iotworkbench.ui.common;

import io.iotworkbench.concurrent.DaemonThreads;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way a pane runs blocking work (Cryptomator's {@code Tasks}, JabRef's {@code BackgroundTask}): the work runs
 * on the pane's worker; its result or error comes back on the FX executor; {@link #busyProperty()} is true while any
 * task runs; {@link #messageProperty()} and {@link #errorProperty()} say what is happening or what went wrong, in the
 * user's words (the pane's {@code explain} turns an exception into a sentence). A task started in a <em>lane</em>
 * makes the earlier ones of that lane stale: their results are dropped, so an old answer never overwrites a newer
 * one. Work that is already asynchronous (a client returning a future) goes through {@link #await} with the same
 * rules. After {@link #dispose()} every result is dropped and the pane's own worker thread ends.
 *
 * <p>Threading: every method and property on the FX thread (tests: a direct executor).
 */
public final class PaneTasks {

    /** Blocking work; may throw. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }

    private final Executor worker;
    private final ExecutorService ownWorker;
    private final Executor fx;
    private final Function<Throwable, String> explain;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper(this, "error");
    /** Thread-safe only so that tests with a direct "FX" executor do not race; the pane uses them on the FX thread. */
    private final Map<String, Long> lanes = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private BiConsumer<String, Boolean> messageListener = (text, isError) -> { };
    private volatile boolean disposed;

    private PaneTasks(Executor worker, ExecutorService ownWorker, Executor fx, Function<Throwable, String> explain) {
        this.worker = Objects.requireNonNull(worker);
        this.ownWorker = ownWorker;
        this.fx = Objects.requireNonNull(fx);
        this.explain = Objects.requireNonNull(explain);
    }

    /**
     * Tasks on {@code worker}, or, when it is null, on a daemon thread of the pane's own called {@code threadName}
     * (one task at a time, in order), ended by {@link #dispose()}.
     */
    public static PaneTasks create(Executor worker, String threadName, Executor fx,
                                   Function<Throwable, String> explain) {
        if (worker != null) {
            return new PaneTasks(worker, null, fx, explain);
        }
        ExecutorService own = Executors.newSingleThreadExecutor(DaemonThreads.named(threadName));
        return new PaneTasks(own, own, fx, explain);
    }

    /** Called with every message and whether it is an error (for example to post it to the activity log). */
    public void onMessage(BiConsumer<String, Boolean> listener) {
        this.messageListener = Objects.requireNonNull(listener);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True when the message is a failure. */
    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * Runs {@code work}; shows "{@code what}…" meanwhile (nothing when {@code what} is null); hands the result to
     * {@code done} on the FX thread. An exception from either ends as an error message. The returned future
     * completes after that, with the result (null after a failure or once disposed); callers may ignore it.
     */
    public <T> CompletableFuture<T> run(String what, Work<T> work, Consumer<? super T> done) {
        return start(false, null, what, null, work, done);
    }

    /** Like {@link #run}; a failure reads "{@code failure}: " and then the sentence for the exception. */
    public <T> CompletableFuture<T> run(String what, String failure, Work<T> work, Consumer<? super T> done) {
        return start(false, null, what, Objects.requireNonNull(failure), work, done);
    }

    /** Like {@link #run}, and a later task of the same {@code lane} makes this one's result stale (dropped). */
    public <T> void latest(String lane, String what, Work<T> work, Consumer<? super T> done) {
        start(false, Objects.requireNonNull(lane), what, null, work, done);
    }

    /** Like {@link #latest}; a failure reads "{@code failure}: " and then the sentence for the exception. */
    public <T> void latest(String lane, String what, String failure, Work<T> work, Consumer<? super T> done) {
        start(false, Objects.requireNonNull(lane), what, Objects.requireNonNull(failure), work, done);
    }

    /**
     * Like {@link #latest}, but quiet: neither busy nor a message while it runs (refreshes, polls, checks as the user
     * types), so that buttons bound to {@link #busyProperty()} do not flicker. {@code failure} null: the sentence
     * for the exception alone.
     */
    public <T> CompletableFuture<T> background(String lane, String failure, Work<T> work, Consumer<? super T> done) {
        return start(true, Objects.requireNonNull(lane), null, failure, work, done);
    }

    /** Makes the running tasks of {@code lane} stale without starting another. */
    public void invalidate(String lane) {
        lanes.put(lane, generation.incrementAndGet());
    }

    /** Shows {@code text} as the pane's message. */
    public void info(String text) {
        show(text, false);
    }

    /** Shows {@code text} as a failure. */
    public void fail(String text) {
        show(text, true);
    }

    /** The sentence the pane shows for {@code e}. */
    public String explain(Throwable e) {
        return explain.apply(e);
    }

    /** Drops every result still to come and ends the pane's own worker thread; idempotent. */
    public void dispose() {
        disposed = true;
        if (ownWorker != null) {
            ownWorker.shutdownNow();
        }
    }

    /**
     * For work that is already asynchronous (a network client's future): {@code start} is called now, on the FX
     * thread; its result goes to {@code done} on the FX thread unless it is stale ({@code lane} as in {@link #latest};
     * null: never stale); a failure reads "{@code failure}: " and the sentence for the exception. The returned future
     * completes after that, with the result (null after a failure), also when the result was dropped.
     */
    public <T> CompletableFuture<T> await(String lane, String what, String failure,
                                          Supplier<? extends CompletionStage<T>> start, Consumer<? super T> done) {
        return await(false, lane, what, failure, start, done);
    }

    private <T> CompletableFuture<T> await(boolean quiet, String lane, String what, String failure,
                                           Supplier<? extends CompletionStage<T>> start, Consumer<? super T> done) {
        CompletableFuture<T> settled = new CompletableFuture<>();
        if (disposed) {
            settled.complete(null);
            return settled;
        }
        long ticket = begin(quiet, lane, what);
        CompletionStage<T> stage;
        try {
            stage = start.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((result, e) -> fx.execute(() -> {
            try {
                finish(quiet, lane, ticket, e == null ? () -> done.accept(result)
                        : () -> fail(failure == null ? explain(e) : failure + ": " + explain(e)));
            } finally {
                settled.complete(e == null ? result : null);
            }
        }));
        return settled;
    }

    private long begin(boolean quiet, String lane, String what) {
        long ticket = generation.incrementAndGet();
        if (lane != null) {
            lanes.put(lane, ticket);
        }
        if (quiet) {
            return ticket;
        }
        running.incrementAndGet();
        busy.set(true);
        if (what != null) {
            message.set(what + "…");
            error.set(false);
        }
        return ticket;
    }

    private <T> CompletableFuture<T> start(boolean quiet, String lane, String what, String failure, Work<T> work,
                                           Consumer<? super T> done) {
        return await(quiet, lane, what, failure, () -> {
            CompletableFuture<T> result = new CompletableFuture<>();
            worker.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Exception | LinkageError e) {
                    result.completeExceptionally(e);
                }
            });
            return result;
        }, done);
    }

    private void finish(boolean quiet, String lane, long ticket, Runnable deliver) {
        if (!quiet) {
            busy.set(running.decrementAndGet() > 0);
        }
        if (disposed || lane != null && lanes.get(lane) != ticket) {
            return;
        }
        try {
            deliver.run();
        } catch (RuntimeException e) {
            fail(explain(e));
        }
    }

    private void show(String text, boolean isError) {
        message.set(text);
        error.set(isError);
        messageListener.accept(text, isError);
    }
}
