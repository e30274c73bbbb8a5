package io.iotworkbench.localcore.broker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every session's topic filters in one trie, one level per node, with {@code +} and {@code #} as their own branches.
 * Matching follows MQTT 3.1.1 with AWS IoT Core's documented difference:
 * <ul>
 *   <li>{@code +} matches exactly one level, {@code #} the level it stands on and everything below;</li>
 *   <li>{@code #} does not match its parent: {@code sensor/#} matches {@code sensor/} and {@code sensor/a} but not
 *       {@code sensor} (AWS; MQTT would match it);</li>
 *   <li>a topic starting with {@code $} is not matched by a filter starting with a wildcard (MQTT 4.7.2), so
 *       {@code #} does not see {@code $aws/...}.</li>
 * </ul>
 * A session with several matching filters is reported once, at the highest QoS of those filters (MQTT 3.1.1 §3.3.5).
 *
 * <p>Threading: {@link #match} runs on any thread without locks (children in concurrent maps, subscriber lists
 * replaced copy-on-write); {@link #add} and {@link #remove} are serialized by one lock that guards nothing but the
 * trie's shape, and no other code runs while it is held.
 */
final class SubscriptionTrie {

    private static final Subscriber[] NONE = new Subscriber[0];

    record Subscriber(Session session, int qos) {
    }

    private static final class Node {
        final Node parent;
        final String key;
        final ConcurrentHashMap<String, Node> children = new ConcurrentHashMap<>(4);
        volatile Node plus;
        volatile Node hash;
        volatile Subscriber[] subscribers = NONE;

        Node(Node parent, String key) {
            this.parent = parent;
            this.key = key;
        }

        boolean empty() {
            return subscribers.length == 0 && children.isEmpty() && plus == null && hash == null;
        }
    }

    private final Node root = new Node(null, "");
    private final Object shape = new Object();

    /** Adds (or changes the QoS of) {@code session}'s subscription to {@code filter}, a valid filter. */
    void add(String filter, Session session, int qos) {
        synchronized (shape) {
            Node n = root;
            for (String level : levels(filter)) {
                n = child(n, level);
            }
            Subscriber[] old = n.subscribers;
            for (int i = 0; i < old.length; i++) {
                if (old[i].session() == session) {
                    Subscriber[] copy = old.clone();
                    copy[i] = new Subscriber(session, qos);
                    n.subscribers = copy;
                    return;
                }
            }
            Subscriber[] copy = Arrays.copyOf(old, old.length + 1);
            copy[old.length] = new Subscriber(session, qos);
            n.subscribers = copy;
        }
    }

    /** @return whether {@code session} was subscribed to exactly {@code filter} */
    boolean remove(String filter, Session session) {
        synchronized (shape) {
            Node n = root;
            for (String level : levels(filter)) {
                n = level.equals("+") ? n.plus : level.equals("#") ? n.hash : n.children.get(level);
                if (n == null) {
                    return false;
                }
            }
            Subscriber[] old = n.subscribers;
            int at = -1;
            for (int i = 0; i < old.length; i++) {
                if (old[i].session() == session) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return false;
            }
            Subscriber[] copy = new Subscriber[old.length - 1];
            System.arraycopy(old, 0, copy, 0, at);
            System.arraycopy(old, at + 1, copy, at, old.length - at - 1);
            n.subscribers = copy.length == 0 ? NONE : copy;
            prune(n);
            return true;
        }
    }

    private static Node child(Node n, String level) {
        switch (level) {
            case "+" -> {
                if (n.plus == null) {
                    n.plus = new Node(n, level);
                }
                return n.plus;
            }
            case "#" -> {
                if (n.hash == null) {
                    n.hash = new Node(n, level);
                }
                return n.hash;
            }
            default -> {
                return n.children.computeIfAbsent(level, k -> new Node(n, k));
            }
        }
    }

    /** Unlinks empty nodes up to the root (a reader still walking one sees it empty). */
    private static void prune(Node n) {
        while (n.parent != null && n.empty()) {
            Node p = n.parent;
            if (p.plus == n) {
                p.plus = null;
            } else if (p.hash == n) {
                p.hash = null;
            } else {
                p.children.remove(n.key, n);
            }
            n = p;
        }
    }

    static List<String> levels(String topicOrFilter) {
        List<String> out = new ArrayList<>(8);
        int start = 0;
        while (true) {
            int slash = topicOrFilter.indexOf('/', start);
            if (slash < 0) {
                out.add(topicOrFilter.substring(start));
                return out;
            }
            out.add(topicOrFilter.substring(start, slash));
            start = slash + 1;
        }
    }

    /** Collects the sessions whose filters match {@code topic} (a topic name, no wildcards) into {@code out}. */
    void match(String topic, Matches out) {
        match(root, topic, 0, topic.startsWith("$"), out);
    }

    private static void match(Node n, String topic, int start, boolean dollarAtRoot, Matches out) {
        if (start > topic.length()) {
            out.addAll(n.subscribers);
            return;
        }
        Node h = n.hash;
        if (h != null && !dollarAtRoot) {
            out.addAll(h.subscribers);
        }
        int end = topic.indexOf('/', start);
        if (end < 0) {
            end = topic.length();
        }
        Node c = n.children.get(topic.substring(start, end));
        if (c != null) {
            match(c, topic, end + 1, false, out);
        }
        Node p = n.plus;
        if (p != null && !dollarAtRoot) {
            match(p, topic, end + 1, false, out);
        }
    }

    /**
     * The result of one match, reused by its owner (one per connection or per call): each session once, with the
     * highest QoS among its matching filters. Not thread-safe.
     */
    static final class Matches {
        private Session[] sessions = new Session[8];
        private int[] qos = new int[8];
        private int size;
        private IdentityHashMap<Session, Integer> index;

        void addAll(Subscriber[] subs) {
            for (Subscriber s : subs) {
                add(s.session(), s.qos());
            }
        }

        void add(Session s, int q) {
            if (size < 8) {
                for (int i = 0; i < size; i++) {
                    if (sessions[i] == s) {
                        qos[i] = Math.max(qos[i], q);
                        return;
                    }
                }
            } else {
                if (index == null) {
                    index = new IdentityHashMap<>();
                }
                if (index.isEmpty()) {
                    for (int i = 0; i < size; i++) {
                        index.put(sessions[i], i);
                    }
                }
                Integer at = index.get(s);
                if (at != null) {
                    qos[at] = Math.max(qos[at], q);
                    return;
                }
                index.put(s, size);
            }
            if (size == sessions.length) {
                sessions = Arrays.copyOf(sessions, size * 2);
                qos = Arrays.copyOf(qos, size * 2);
            }
            sessions[size] = s;
            qos[size] = q;
            size++;
        }

        int size() {
            return size;
        }

        Session session(int i) {
            return sessions[i];
        }

        int qos(int i) {
            return qos[i];
        }

        void clear() {
            Arrays.fill(sessions, 0, size, null);
            size = 0;
            if (index != null) {
                index.clear();
            }
        }
    }
}
