package io.iotworkbench.localcore.broker;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
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

    private record Outgoing(Message message, boolean retainFlag) {
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
    private final LinkedHashMap<Integer, Outgoing> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private long queuedBytes;
    private int lastPacketId;
    private boolean ended;
    private ScheduledFuture<?> expiry;

    Session(BrokerCore core, String clientId, boolean persistent, EventLoop loop) {
        this.core = core;
        this.clientId = clientId;
        this.persistent = persistent;
        this.loop = loop;
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
        inFlight.clear();
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
     * persistent session keeps QoS 1 messages and QoS 0 ones are not kept (as AWS).
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
        Outgoing o = new Outgoing(m, retainFlag);
        if (c == null) {
            if (persistent) {
                enqueue(o);
            }
            return;
        }
        if (queue.isEmpty() && inFlight.size() < core.settings.maxInFlight() && c.writable()) {
            send(c, o);
        } else {
            enqueue(o);
        }
    }

    private void enqueue(Outgoing o) {
        int bytes = o.message().payloadLength();
        if (queue.size() >= core.settings.maxQueuedMessages()
                || queuedBytes + bytes > core.settings.maxQueuedBytes()) {
            core.drops.record(clientId);
            return;
        }
        queue.add(o);
        queuedBytes += bytes;
    }

    private void send(ClientConnection c, Outgoing o) {
        if (!c.mayReceive(o.message())) {
            return;
        }
        int id = nextPacketId();
        inFlight.put(id, o);
        c.writePublish(o.message(), 1, id, false, o.retainFlag());
    }

    private int nextPacketId() {
        int id = lastPacketId;
        do {
            id = id == 65_535 ? 1 : id + 1;
        } while (inFlight.containsKey(id));
        lastPacketId = id;
        return id;
    }

    /** The client acknowledged {@code packetId}; an id not in flight is ignored (a late or repeated PUBACK). */
    boolean acknowledged(int packetId) {
        if (inFlight.remove(packetId) == null) {
            return false;
        }
        drain();
        return true;
    }

    /** Sends queued QoS 1 messages while the window has room and the connection is writable. */
    void drain() {
        ClientConnection c = connection;
        while (c != null && !queue.isEmpty() && inFlight.size() < core.settings.maxInFlight() && c.writable()) {
            Outgoing o = queue.poll();
            queuedBytes -= o.message().payloadLength();
            send(c, o);
        }
    }

    /** After a reconnect: every message still in flight again, with DUP set (MQTT 3.1.1 §4.4). */
    private void resend() {
        ClientConnection c = connection;
        if (inFlight.isEmpty() || c == null) {
            return;
        }
        Iterator<Map.Entry<Integer, Outgoing>> it = inFlight.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, Outgoing> e = it.next();
            if (c.mayReceive(e.getValue().message())) {
                c.writePublish(e.getValue().message(), 1, e.getKey(), true, e.getValue().retainFlag());
            } else {
                it.remove();
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
