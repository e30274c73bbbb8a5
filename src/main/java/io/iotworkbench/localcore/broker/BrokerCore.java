package io.iotworkbench.localcore.broker;

import io.iotworkbench.localcore.policy.Authorizer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The broker's shared state and routing: sessions by client id, connections by client id and certificate, the
 * subscription trie, retained messages, drop counts and lifecycle events; routes a message to every matching
 * session through a {@link DeliveryBatch}. Sessions and connections do the per-client work on their event loops.
 *
 * <p>Threading: thread-safe. Maps are concurrent; the only lock ({@code sessionLock}) guards the choice between
 * resuming and replacing a client id's session at CONNECT and is held for a map lookup and insert, never while the
 * authorizer or a listener runs. Each event loop has a {@link LoopState} used on that loop only.
 */
final class BrokerCore {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerCore.class);

    /** What one event loop keeps for itself: connections written to since the last flush, a batch, a match buffer. */
    static final class LoopState {
        final List<ClientConnection> dirty = new ArrayList<>();
        final SubscriptionTrie.Matches matches = new SubscriptionTrie.Matches();
        final DeliveryBatch batch;

        LoopState(BrokerCore core) {
            batch = new DeliveryBatch(core);
        }
    }

    final BrokerSettings settings;
    final Authorizer authorizer;
    final GatewayListener listener;
    final Clock clock;
    final SubscriptionTrie trie = new SubscriptionTrie();
    final SlowSubscriberDrops drops;
    final LifecycleEvents events;
    /** PUBACKs for a packet id that was not in flight (a client's late or repeated acknowledgement). */
    final LongAdder unmatchedAcks = new LongAdder();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Object sessionLock = new Object();
    private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientConnection>> byCertificate = new ConcurrentHashMap<>();
    private final Map<String, Message> retained = new ConcurrentHashMap<>();
    private final Map<EventExecutor, LoopState> loopStates = new IdentityHashMap<>();

    BrokerCore(BrokerSettings settings, Authorizer authorizer, GatewayListener listener, Clock clock,
               EventLoopGroup workers) {
        this.settings = settings;
        this.authorizer = authorizer;
        this.listener = listener;
        this.clock = clock;
        this.drops = new SlowSubscriberDrops(listener, settings.dropReportInterval());
        this.events = new LifecycleEvents(clock, settings.sessionExpiry());
        for (EventExecutor e : workers) {
            loopStates.put(e, new LoopState(this));
        }
    }

    LoopState state(EventExecutor loop) {
        return loopStates.get(loop);
    }

    /** Runs {@code task} on {@code loop}, then flushes what it wrote. */
    void execute(EventLoop loop, Runnable task) {
        loop.execute(() -> {
            try {
                task.run();
            } finally {
                flush(loop);
            }
        });
    }

    /** Flushes every connection of {@code loop} written to since the last flush; on that loop. */
    void flush(EventExecutor loop) {
        LoopState st = loopStates.get(loop);
        if (st == null || st.dirty.isEmpty()) {
            return;
        }
        List<ClientConnection> dirty = st.dirty;
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flushNow();
        }
        dirty.clear();
    }

    // --- routing ---

    /**
     * Adds a delivery to {@code batch} for every session subscribed to {@code m}'s topic, at min(QoS); each delivery
     * holds a reference to {@code m}, the caller keeps its own.
     */
    void route(Message m, SubscriptionTrie.Matches matches, DeliveryBatch batch) {
        trie.match(m.topic, matches);
        for (int i = 0; i < matches.size(); i++) {
            batch.add(matches.session(i), m.retain(), Math.min(m.qos, matches.qos(i)));
        }
        matches.clear();
    }

    /** Runs deliveries on {@code loop} (each releases its reference), then flushes. */
    void runDeliveries(EventLoop loop, List<DeliveryBatch.Delivery> list) {
        for (int i = 0; i < list.size(); i++) {
            DeliveryBatch.Delivery d = list.get(i);
            Session s = d.session();
            if (s.loop() == loop) {
                deliverAndRelease(s, d);
            } else {
                s.run(() -> deliverAndRelease(s, d));
            }
        }
        flush(loop);
    }

    private static void deliverAndRelease(Session s, DeliveryBatch.Delivery d) {
        try {
            s.deliver(d.message(), d.qos(), false);
        } finally {
            d.message().release();
        }
    }

    /**
     * Publishes a message of the broker's own (a service reply, a lifecycle event, a will) from any thread: routed at
     * once, on this thread when it is one of the broker's loops. Takes over the caller's reference.
     */
    void publishInternal(Message m) {
        LoopState st = null;
        for (Map.Entry<EventExecutor, LoopState> e : loopStates.entrySet()) {
            if (e.getKey().inEventLoop()) {
                st = e.getValue();
                break;
            }
        }
        try {
            if (st != null && !st.batch.dispatching()) {
                route(m, st.matches, st.batch);
                st.batch.dispatch();
            } else {
                DeliveryBatch batch = new DeliveryBatch(this);
                route(m, new SubscriptionTrie.Matches(), batch);
                batch.dispatch();
            }
        } finally {
            m.release();
        }
    }

    // --- retained messages ---

    /**
     * Stores a heap copy of {@code m} (or, with an empty payload, deletes) as its topic's retained message. The store
     * never releases its copies (they go to the garbage collector), so a copy read on another thread is never freed.
     *
     * @return false when the store is full and this is a new topic: the message is then refused
     */
    boolean retain(Message m) {
        if (m.payloadLength() == 0) {
            retained.remove(m.topic);
            return true;
        }
        if (retained.size() >= settings.maxRetainedMessages() && !retained.containsKey(m.topic)) {
            return false;
        }
        retained.put(m.topic, m.heapCopy());
        return true;
    }

    /**
     * The retained message a subscription to {@code filter} gets: AWS sends it only to an exact topic filter. The
     * caller needs no reference of its own (see {@link #retain}).
     */
    Message retainedFor(String filter) {
        if (filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0) {
            return null;
        }
        return retained.get(filter);
    }

    int retainedCount() {
        return retained.size();
    }

    // --- sessions ---

    /**
     * Opens the session of {@code c}'s CONNECT (called on {@code c}'s loop): a clean session replaces whatever the
     * client id had; a persistent one resumes the client id's persistent session when there is one (taking it over
     * from its connection and loop) and starts a new one otherwise.
     */
    void open(ClientConnection c, String clientId, boolean cleanSession) {
        Session resumed = null;
        Session fresh = null;
        Session replaced = null;
        synchronized (sessionLock) {
            Session old = sessions.get(clientId);
            if (!cleanSession && old != null && old.persistent) {
                resumed = old;
            } else {
                fresh = new Session(this, clientId, !cleanSession, c.loop());
                sessions.put(clientId, fresh);
                replaced = old;
            }
        }
        if (replaced != null) {
            Session r = replaced;
            r.run(r::replaced);
        }
        if (resumed != null) {
            Session s = resumed;
            s.run(() -> s.takeOver(c));
        } else {
            fresh.attach(c, false);
        }
    }

    /** A resumed session had ended before it could be taken over: open again (a new session). */
    void openAgain(ClientConnection c) {
        execute(c.loop(), () -> open(c, c.clientId(), c.cleanSession()));
    }

    void sessionEnded(Session s) {
        synchronized (sessionLock) {
            sessions.remove(s.clientId, s);
        }
    }

    int sessionCount() {
        return sessions.size();
    }

    // --- connections ---

    void registered(ClientConnection c) {
        connections.put(c.clientId(), c);
        byCertificate.computeIfAbsent(c.certificateId(), k -> ConcurrentHashMap.newKeySet()).add(c);
    }

    void unregistered(ClientConnection c) {
        connections.remove(c.clientId(), c);
        Set<ClientConnection> set = byCertificate.get(c.certificateId());
        if (set != null) {
            set.remove(c);
        }
    }

    Collection<String> connectedClients() {
        return List.copyOf(connections.keySet());
    }

    int disconnectCertificate(String certificateId) {
        List<ClientConnection> toClose = List.copyOf(byCertificate.getOrDefault(certificateId, Set.of()));
        toClose.forEach(c -> c.closeFor(DisconnectReason.AUTH_ERROR,
                "certificate " + certificateId + " is no longer ACTIVE; its connection was closed"));
        return toClose.size();
    }

    /**
     * Delivers into one client's connection, whether or not it subscribed; false when it is not connected. Takes
     * over the caller's reference.
     */
    boolean deliverTo(String clientId, Message m) {
        ClientConnection c = connections.get(clientId);
        Session s = c == null ? null : c.session();
        if (s == null || !c.isOpen()) {
            m.release();
            return false;
        }
        s.run(() -> {
            try {
                if (s.connection() != null) {
                    s.deliver(m, m.qos, false);
                }
            } finally {
                m.release();
            }
        });
        return true;
    }

    void refused(String clientId, String reason) {
        listener.refused(clientId, reason);
    }

    /** Closes every connection (the broker is stopping). */
    void closeAll() {
        for (ClientConnection c : List.copyOf(connections.values())) {
            c.closeFor(DisconnectReason.SERVER_INITIATED_DISCONNECT, null);
        }
    }

    /** Once per report interval: drop counts, and old lifecycle versions forgotten. */
    void periodic() {
        try {
            drops.report();
            events.sweep();
        } catch (RuntimeException e) {
            LOG.warn("Local IoT Core housekeeping failed: {}", e.toString());
        }
    }
}
