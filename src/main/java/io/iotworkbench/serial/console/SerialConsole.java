package io.iotworkbench.serial.console;

import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.stream.BoundedBuffer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console pipeline of one port: byte chunks from the serial reader go into a {@link BoundedBuffer}; one pipeline
 * thread drains it, decodes lines with a {@link WmLogDecoder}, appends them to a {@link SerialLineStore} and hands
 * each batch to the listeners (later an {@code FxPump} for the pane). Wi-Fi passwords are masked in every line before
 * it is stored ({@link SecretMask}), so nothing downstream (views, copy, export, log files, timeline) sees them.
 *
 * <p>Threading: {@link #received} may be called from any thread and never blocks (a full buffer drops its oldest
 * chunk and counts it). Decoding, storing and listener calls happen on the pipeline thread
 * ({@code serial-console-<name>}), in arrival order; listeners must hand work to other threads themselves.
 */
public final class SerialConsole implements AutoCloseable {

    public static final int DEFAULT_BUFFER_CHUNKS = 4_096;
    private static final int CHUNKS_PER_BATCH = 256;

    /** Receives decoded lines on the pipeline thread. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param lines   lines completed since the last call, oldest first (may be empty when only the partial line
         *                changed)
         * @param partial the line still being received (e.g. the prompt waiting for input), or null
         */
        void linesDecoded(List<SerialLine> lines, SerialLine partial);
    }

    private final BoundedBuffer<byte[]> chunks;
    private final WmLogDecoder decoder;
    private final PrivateKeyLines keyLines = new PrivateKeyLines();
    private final SerialLineStore store;
    private final ExecutorService pipeline;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lineTotal = new AtomicLong();
    private volatile SerialLine partial;
    private volatile boolean closed;

    public SerialConsole(String name, Clock clock) {
        this(name, clock, DEFAULT_BUFFER_CHUNKS, new SerialLineStore(), WmLogDecoder.DEFAULT_MAX_LINE_CHARS);
    }

    public SerialConsole(String name, Clock clock, int bufferChunks, SerialLineStore store, int maxLineChars) {
        this.chunks = new BoundedBuffer<>(bufferChunks);
        this.decoder = new WmLogDecoder(clock, maxLineChars);
        this.store = store;
        this.pipeline = Executors.newSingleThreadExecutor(DaemonThreads.named("serial-console-" + name));
    }

    /** Takes a chunk of received bytes (not copied: the caller must not change it). Never blocks. */
    public void received(byte[] chunk) {
        if (closed || chunk.length == 0) {
            return;
        }
        chunks.offer(chunk);
        if (pending.compareAndSet(false, true)) {
            pipeline.execute(this::drain);
        }
    }

    private void drain() {
        pending.set(false);
        List<byte[]> batch = new ArrayList<>(CHUNKS_PER_BATCH);
        while (chunks.drainTo(batch, CHUNKS_PER_BATCH) > 0) {
            List<SerialLine> lines = new ArrayList<>();
            for (byte[] chunk : batch) {
                decoder.feed(chunk, 0, chunk.length, line -> lines.add(keyLines.line(SecretMask.always(line))));
                bytes.addAndGet(chunk.length);
            }
            batch.clear();
            publish(lines);
        }
    }

    private void publish(List<SerialLine> lines) {
        store.addAll(lines);
        lineTotal.addAndGet(lines.size());
        SerialLine now = keyLines.partial(SecretMask.always(decoder.partialLine().orElse(null)));
        boolean partialChanged = now == null ? partial != null : partial == null || !now.text().equals(partial.text());
        partial = now;
        if (lines.isEmpty() && !partialChanged) {
            return;
        }
        List<SerialLine> view = List.copyOf(lines);
        for (Listener listener : listeners) {
            listener.linesDecoded(view, now);
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    public SerialLineStore store() {
        return store;
    }

    /** The line still being received, as of the last batch. */
    public Optional<SerialLine> partialLine() {
        return Optional.ofNullable(partial);
    }

    /**
     * Completes on the pipeline thread once every chunk received before this call has been decoded, stored and
     * handed to the listeners.
     */
    public CompletableFuture<Void> sync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pipeline.execute(() -> {
            drain();
            done.complete(null);
        });
        return done;
    }

    /** Ends the line being received (as a CR would) so it is stored; completes on the pipeline thread. */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pipeline.execute(() -> {
            drain();
            List<SerialLine> lines = new ArrayList<>(1);
            decoder.flush(line -> lines.add(keyLines.line(SecretMask.always(line))));
            publish(lines);
            done.complete(null);
        });
        return done;
    }

    /** Chunks the buffer dropped because the pipeline fell behind. */
    public long droppedChunks() {
        return chunks.droppedCount();
    }

    public long bytesDecoded() {
        return bytes.get();
    }

    public long linesDecoded() {
        return lineTotal.get();
    }

    @Override
    public void close() {
        closed = true;
        pipeline.shutdownNow();
    }
}
