package io.iotworkbench.mqtt;

import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.stream.BatchSource;
import io.iotworkbench.stream.BoundedBuffer;
import io.iotworkbench.stream.RateMeter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The MQTT message pipeline: producers (Paho's callback thread, a replay) {@link #offer} messages into a bounded
 * buffer that never blocks them; one aggregator thread moves them into the {@link TopicTree} (counts, rates, bounded
 * histories) and into the bounded buffer of the subtree the UI watches; the UI drains changed topics as snapshots
 * ({@link #changes()}) and watched messages ({@link #watched()}) through its pump.
 *
 * <p>Threading: {@link #offer} from any thread; the aggregator thread owns the tree and holds {@code lock} while it
 * applies a batch; {@link #changes()} drains under the same lock, briefly. Everything is bounded by
 * {@link PipelineLimits}; what is dropped is counted.
 */
public final class MessagePipeline implements AutoCloseable {

    private static final int AGGREGATE_BATCH = 4_096;

    private final PipelineLimits limits;
    private final LongSupplier clock;
    private final BoundedBuffer<ReceivedMessage> input;
    private final BoundedBuffer<ReceivedMessage> watchBuffer;
    private final TopicTree tree;
    private final Object lock = new Object();
    private final AtomicLong sequence = new AtomicLong();
    private final RateMeter rate = RateMeter.perSecond();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ReceivedMessage>> recorders = new CopyOnWriteArrayList<>();
    private final List<Tap> taps = new CopyOnWriteArrayList<>();
    private final Thread aggregator;
    private volatile boolean waiting;
    private volatile boolean running = true;
    private volatile String watchPath = null;
    private final AtomicLong processed = new AtomicLong();

    public MessagePipeline(PipelineLimits limits, LongSupplier clockMillis) {
        this.limits = limits;
        this.clock = clockMillis;
        this.input = new BoundedBuffer<>(limits.inputCapacity());
        this.watchBuffer = new BoundedBuffer<>(limits.watchCapacity());
        this.tree = new TopicTree(limits);
        this.aggregator = DaemonThreads.start("mqtt-aggregator", this::aggregate);
    }

    public MessagePipeline(PipelineLimits limits) {
        this(limits, System::currentTimeMillis);
    }

    public PipelineLimits limits() {
        return limits;
    }

    /**
     * Hands a received message to the pipeline. Never blocks: when the input buffer is full the oldest waiting message
     * is dropped and counted.
     */
    public void offer(String topic, byte[] payload, int qos, boolean retained, boolean duplicate) {
        ReceivedMessage m = ReceivedMessage.of(sequence.incrementAndGet(), topic, payload, qos, retained, duplicate,
                clock.getAsLong(), limits.maxPayloadBytes());
        recorders.forEach(r -> r.accept(m));
        input.offer(m);
        if (waiting) {
            LockSupport.unpark(aggregator);
        }
    }

    private void aggregate() {
        List<ReceivedMessage> batch = new ArrayList<>(AGGREGATE_BATCH);
        while (running) {
            batch.clear();
            if (input.drainTo(batch, AGGREGATE_BATCH) == 0) {
                waiting = true;
                if (input.isEmpty() && running) {
                    // no timeout: offer() and close() unpark it, so an idle pipeline does not wake (decision 0033)
                    LockSupport.park(this);
                }
                waiting = false;
                continue;
            }
            long now = clock.getAsLong();
            String watch = watchPath;
            long bytes = 0;
            synchronized (lock) {
                for (ReceivedMessage received : batch) {
                    ReceivedMessage kept = tree.record(received, now);
                    ReceivedMessage m = kept == null ? received : kept;
                    bytes += m.size();
                    if (watch != null && isUnder(m.topic(), watch)) {
                        watchBuffer.offer(m);
                    }
                    for (Tap tap : taps) {
                        if (tap.topic.equals(m.topic())) {
                            tap.buffer.offer(m);
                        }
                    }
                }
            }
            rate.record(batch.size(), bytes);
            processed.addAndGet(batch.size());
            changeListeners.forEach(Runnable::run);
        }
    }

    static boolean isUnder(String topic, String path) {
        return path.isEmpty() || topic.equals(path)
                || (topic.length() > path.length() && topic.startsWith(path) && topic.charAt(path.length()) == '/');
    }

    /** The aggregator thread, for tests that check it sleeps while nothing arrives. */
    Thread aggregatorThread() {
        return aggregator;
    }

    /** Called on the aggregator thread after each batch (e.g. to signal the UI pump). Must not block. */
    public void addChangeListener(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Messages of one exact topic copied into a bounded buffer (for a chart series). */
    private record Tap(String topic, BoundedBuffer<ReceivedMessage> buffer) {
    }

    /** Copies every future message of {@code topic} into a new bounded buffer and returns it. */
    public BoundedBuffer<ReceivedMessage> tap(String topic, int capacity) {
        BoundedBuffer<ReceivedMessage> buffer = new BoundedBuffer<>(capacity);
        taps.add(new Tap(topic, buffer));
        return buffer;
    }

    public void untap(BoundedBuffer<ReceivedMessage> buffer) {
        taps.removeIf(t -> t.buffer == buffer);
    }

    /** Receives every message as it is offered, on the producer's thread (a recorder writing to disk). */
    public void addRecorder(Consumer<ReceivedMessage> recorder) {
        recorders.add(recorder);
    }

    public void removeRecorder(Consumer<ReceivedMessage> recorder) {
        recorders.remove(recorder);
    }

    /** Changed topics as snapshots, each at most once per drain, for the UI pump. */
    public BatchSource<TopicSnapshot> changes() {
        return new BatchSource<>() {
            @Override
            public int drainTo(Collection<? super TopicSnapshot> target, int max) {
                synchronized (lock) {
                    return tree.drainChanges(target, max, clock.getAsLong());
                }
            }

            @Override
            public boolean isEmpty() {
                synchronized (lock) {
                    return !tree.hasChanges();
                }
            }
        };
    }

    /** New messages of the watched subtree (see {@link #watch}), for the message table. */
    public BoundedBuffer<ReceivedMessage> watched() {
        return watchBuffer;
    }

    /**
     * Watches the topic or subtree at {@code path} ("" for everything, null for nothing) and returns the messages kept
     * for it so far; new ones then arrive in {@link #watched()}.
     */
    public List<ReceivedMessage> watch(String path) {
        synchronized (lock) {
            watchPath = path;
            watchBuffer.clear();
            return path == null ? List.of() : tree.history(path, true);
        }
    }

    public List<ReceivedMessage> history(String path, boolean subtree) {
        synchronized (lock) {
            return tree.history(path, subtree);
        }
    }

    public List<TopicSnapshot> allTopics() {
        synchronized (lock) {
            return tree.all(clock.getAsLong());
        }
    }

    public void clear() {
        synchronized (lock) {
            tree.clear();
            watchBuffer.clear();
        }
    }

    /** Figures for the status bar and the benchmark. */
    public record Stats(long received, long processed, long inputDropped, long evicted, long topicsRefused,
                        int keptMessages, int topics, double messagesPerSecond) {
        public long dropped() {
            return inputDropped + topicsRefused;
        }
    }

    public Stats stats() {
        synchronized (lock) {
            return new Stats(sequence.get(), processed.get(), input.droppedCount(), tree.evicted(),
                    tree.topicsRefused(), tree.keptMessages(), tree.nodeCount(), rate.eventsPerSecond());
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(aggregator);
        try {
            aggregator.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
