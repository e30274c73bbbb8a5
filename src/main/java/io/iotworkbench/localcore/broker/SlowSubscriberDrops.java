package io.iotworkbench.localcore.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts messages the broker dropped for a client because it could not keep up (a QoS 0 delivery while its
 * connection's outbound buffer is above the high-water mark; a QoS 1 delivery beyond its session's queue bound),
 * per client id and in total, and reports them once per interval: one log line per client that dropped anything
 * in that interval, and one call of {@link GatewayListener#droppedForSlowSubscribers}.
 *
 * <p>Thread-safe: {@link #record} is called on any event loop; {@link #report} on one timer thread.
 */
final class SlowSubscriberDrops {

    private static final Logger LOG = LoggerFactory.getLogger(SlowSubscriberDrops.class);

    private static final class Counter {
        final LongAdder total = new LongAdder();
        long reported;
    }

    private final Map<String, Counter> byClient = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final GatewayListener listener;
    private final Duration interval;

    SlowSubscriberDrops(GatewayListener listener, Duration interval) {
        this.listener = listener;
        this.interval = interval;
    }

    void record(String clientId) {
        byClient.computeIfAbsent(clientId, k -> new Counter()).total.increment();
        total.incrementAndGet();
    }

    long total() {
        return total.get();
    }

    /** Drops so far per client id (clients that never dropped are absent), sorted by client id. */
    Map<String, Long> byClient() {
        Map<String, Long> out = new TreeMap<>();
        byClient.forEach((id, c) -> out.put(id, c.total.sum()));
        return out;
    }

    private String span() {
        return interval.toMillis() % 1000 == 0 ? interval.toSeconds() + " s" : interval.toMillis() + " ms";
    }

    /** Logs and reports what was dropped since the last report; called once per interval. */
    synchronized void report() {
        Map<String, Long> fresh = new LinkedHashMap<>();
        byClient.forEach((id, c) -> {
            long now = c.total.sum();
            if (now > c.reported) {
                fresh.put(id, now - c.reported);
                LOG.warn("Local IoT Core dropped {} messages for slow subscriber {} in the last {} ({} in all): it "
                        + "does not read fast enough", now - c.reported, id, span(), now);
                c.reported = now;
            }
        });
        if (!fresh.isEmpty()) {
            listener.droppedForSlowSubscribers(Map.copyOf(fresh), total.get());
        }
    }
}
