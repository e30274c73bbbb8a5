package io.iotworkbench.localcore.broker;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One client id's MQTT session: its subscriptions, the QoS 1 messages sent and not yet acknowledged (in flight, at
 * most {@link BrokerSettings#maxInFlight}, by packet id), and the QoS 1 messages waiting behind them (bounded by
 * {@link BrokerSettings#maxQueuedMessages} and {@link BrokerSettings#maxQueuedBytes}; beyond, dropped and counted).
 * A clean session ends with its connection; a persistent one (cleanSession=0) keeps subscriptions and QoS 1
 * messages while offline until {@link BrokerSettings#sessionExpiry}, and on reconnect resends what was in flight
 * with DUP set, then the queue.
 *
 * <p>Threading: a session is confined to one event loop, {@link #loop}: the loop of its connection while one is
 * attached, else the loop of its last connection. Everything but {@link #run} and {@link #loop()} must be called on
 * that loop. A takeover by a connection on another loop moves the session: the old loop detaches it and hands it
 * over; work that still arrives at the old loop follows it there ({@link #run}).
 */
final class Session {

    /** A queued message that goes out with RETAIN set (a retained message sent on subscription). */
    private record Retained(Message message) {
    }

    final String clientId;
    final boolean persistent;
    /** AWS's sessionIdentifier: stays the same for the life of the session (across reconnects when persistent). */
    final String identifier = UUID.randomUUID().toString().replace("-", "");
    private final BrokerCore core;
    private volatile EventLoop loop;

    // confined to loop
    private ClientConnection connection;
    private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
    private final InFlightWindow inFlight;
    /** Queued QoS 1 messages: a {@link Message}, or a {@link Retained} one; each holds a reference. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean ended;
    private ScheduledFuture<?> expiry;

    Session(BrokerCore core, String clientId, boolean persistent, EventLoop loop) {
        this.core = core;
        this.clientId = clientId;
        this.persistent = persistent;
        this.loop = loop;
        this.inFlight = new InFlightWindow(core.settings.maxInFlight());
    }

    EventLoop loop() {
        return loop;
    }

    /** Runs {@code task} on this session's loop: now when called there, else as a task that follows the session. */
    void run(Runnable task) {
        EventLoop l = loop;
        if (l.inEventLoop()) {
            task.run();
        } else {
            core.execute(l, () -> run(task));
        }
    }

    boolean ended() {
        return ended;
    }

    ClientConnection connection() {
        return connection;
    }

    // --- connection ---

    /** A new connection of this (fresh or resumed) session; called on the connection's loop, which is the session's. */
    void attach(ClientConnection c, boolean sessionPresent) {
        connection = c;
        if (!c.attached(this, sessionPresent)) {
            detach(c);
            return;
        }
        resend();
        drain();
    }

    /**
     * Another connection takes this persistent session over: the current connection (if any) is closed with
     * DUPLICATE_CLIENTID, and the session moves to {@code next}'s loop, where it is attached.
     */
    void takeOver(ClientConnection next) {
        if (ended) {
            core.openAgain(next);
            return;
        }
        cancelExpiry();
        ClientConnection previous = connection;
        connection = null;
        if (previous != null) {
            previous.closeFor(DisconnectReason.DUPLICATE_CLIENTID, null);
        }
        EventLoop target = next.loop();
        loop = target;
        if (target.inEventLoop()) {
            attach(next, true);
        } else {
            core.execute(target, () -> attach(next, true));
        }
    }

    /** Ends this session because a clean session took over its client id; its connection (if any) is closed. */
    void replaced() {
        ClientConnection previous = connection;
        connection = null;
        if (previous != null) {
            previous.closeFor(DisconnectReason.DUPLICATE_CLIENTID, null);
        }
        end();
    }

    /** The connection {@code c} closed: a clean session ends, a persistent one waits for its client. */
    void detach(ClientConnection c) {
        if (connection != c) {
            return;
        }
        connection = null;
        if (!persistent) {
            end();
            return;
        }
        cancelExpiry();
        long millis = core.settings.sessionExpiry().toMillis();
        expiry = loop.schedule(() -> run(this::expire), millis, TimeUnit.MILLISECONDS);
    }

    private void expire() {
        if (connection == null && !ended) {
            end();
        }
    }

    private void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }

    /** Forgets everything: subscriptions leave the trie, queued and in-flight messages are discarded. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        cancelExpiry();
        for (String filter : subscriptions.keySet()) {
            core.trie.remove(filter, this);
        }
        subscriptions.clear();
        core.sessionEnded(this);
        inFlight.clear(e -> e.message().release());
        for (Object o : queue) {
            message(o).release();
        }
        queue.clear();
        queuedBytes = 0;
    }

    // --- subscriptions ---

    int subscriptionCount() {
        return subscriptions.size();
    }

    /** @return the QoS this filter had before, or -1 when it is new */
    int subscribe(String filter, int qos) {
        Integer before = subscriptions.put(filter, qos);
        core.trie.add(filter, this, qos);
        return before == null ? -1 : before;
    }

    boolean unsubscribe(String filter) {
        if (subscriptions.remove(filter) == null) {
            return false;
        }
        core.trie.remove(filter, this);
        return true;
    }

    /** Puts a subscription back as it was before {@link #subscribe} (rollback of a refused SUBSCRIBE). */
    void restore(String filter, int previousQos) {
        if (previousQos < 0) {
            unsubscribe(filter);
        } else {
            subscribe(filter, previousQos);
        }
    }

    // --- delivery ---

    /**
     * A message for this session at {@code qos} (already min(published, subscribed)). QoS 0 goes out now when the
     * connection can take it, else it is dropped and counted; QoS 1 goes out when the in-flight window has room and
     * the connection is writable, else it waits in the queue (bounded; beyond, dropped and counted). Offline, a
     * persistent session keeps QoS 1 messages and QoS 0 ones are not kept (as AWS). The caller keeps its own
     * reference to {@code m}; the session retains what it keeps.
     */
    void deliver(Message m, int qos, boolean retainFlag) {
        if (ended) {
            return;
        }
        ClientConnection c = connection;
        if (c != null && c.closing()) {
            c = null; // about to be detached: as good as offline, and not a slow subscriber
        }
        if (qos == 0) {
            if (c == null) {
                return;
            }
            if (!c.writable()) {
                core.drops.record(clientId);
                return;
            }
            if (c.mayReceive(m)) {
                c.writePublish(m, 0, 0, false, retainFlag);
            }
            return;
        }
        if (c == null) {
            if (persistent) {
                enqueue(m, retainFlag);
            }
            return;
        }
        if (queue.isEmpty() && inFlight.size() < core.settings.maxInFlight() && c.writable()) {
            send(c, m.retain(), retainFlag);
        } else {
            enqueue(m, retainFlag);
        }
    }

    private void enqueue(Message m, boolean retainFlag) {
        int bytes = m.payloadLength();
        if (queue.size() >= core.settings.maxQueuedMessages()
                || queuedBytes + bytes > core.settings.maxQueuedBytes()) {
            core.drops.record(clientId);
            return;
        }
        m.retain();
        queue.add(retainFlag ? new Retained(m) : m);
        queuedBytes += bytes;
    }

    private static Message message(Object queued) {
        return queued instanceof Retained r ? r.message() : (Message) queued;
    }

    /** Sends a QoS 1 message whose reference the session holds (it moves into the in-flight window). */
    private void send(ClientConnection c, Message m, boolean retainFlag) {
        if (!c.mayReceive(m)) {
            m.release();
            return;
        }
        int id = inFlight.add(m, retainFlag);
        c.writePublish(m, 1, id, false, retainFlag);
    }

    /** The client acknowledged {@code packetId}; an id not in flight is ignored (a late or repeated PUBACK). */
    boolean acknowledged(int packetId) {
        InFlightWindow.Entry e = inFlight.remove(packetId);
        if (e == null) {
            return false;
        }
        e.message().release();
        drain();
        return true;
    }

    /** Sends queued QoS 1 messages while the window has room and the connection is writable. */
    void drain() {
        ClientConnection c = connection;
        while (c != null && !queue.isEmpty() && inFlight.size() < core.settings.maxInFlight() && c.writable()) {
            Object o = queue.poll();
            Message m = message(o);
            queuedBytes -= m.payloadLength();
            send(c, m, o instanceof Retained);
        }
    }

    /** After a reconnect: every message still in flight again, with DUP set (MQTT 3.1.1 §4.4). */
    private void resend() {
        ClientConnection c = connection;
        if (inFlight.isEmpty() || c == null) {
            return;
        }
        for (InFlightWindow.Entry e : inFlight.inOrder()) {
            if (c.mayReceive(e.message())) {
                c.writePublish(e.message(), 1, e.packetId(), true, e.retainFlag());
            } else {
                inFlight.remove(e.packetId());
                e.message().release();
            }
        }
    }

    /** For lifecycle events and tests: the filters this session holds. */
    List<String> filters() {
        return new ArrayList<>(subscriptions.keySet());
    }

    int inFlightCount() {
        return inFlight.size();
    }

    int queuedCount() {
        return queue.size();
    }

    @Override
    public String toString() {
        return "Session[" + clientId + (persistent ? ", persistent" : ", clean") + (ended ? ", ended" : "") + "]";
    }
}
