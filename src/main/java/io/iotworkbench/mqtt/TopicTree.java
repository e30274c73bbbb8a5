package io.iotworkbench.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The topic trie with per-node counts, rates and last message, per-topic bounded histories and a global bound on the
 * messages kept. When a bound is hit the oldest message goes and is counted; a topic beyond the topic limit is not
 * tracked and is counted too. Changed nodes are remembered (each once) until the UI drains them as snapshots.
 *
 * <p>Not thread-safe by itself: the pipeline calls it under one lock (the aggregator records, the UI drains).
 */
final class TopicTree {

    private final PipelineLimits limits;
    private final TopicNode root = new TopicNode("", "", null);
    private final ArrayDeque<TopicNode> dirty = new ArrayDeque<>();
    private final TopicNode[] globalNodes;
    private final long[] globalSeqs;
    private int globalHead;
    private int globalSize;
    private int nodeCount;
    private long evicted;
    private long topicsRefused;
    private long total;
    private int kept;

    TopicTree(PipelineLimits limits) {
        this.limits = limits;
        this.globalNodes = new TopicNode[limits.overall()];
        this.globalSeqs = new long[limits.overall()];
    }

    /**
     * Records a message and returns it as kept (naming its topic with the topic node's own path string, decision
     * 0028), or null when its topic could not be tracked (topic limit reached).
     */
    ReceivedMessage record(ReceivedMessage received, long now) {
        TopicNode node = nodeFor(received.topic());
        if (node == null) {
            topicsRefused++;
            return null;
        }
        ReceivedMessage m = received.withTopic(node.path);
        total++;
        boolean newTopic = node.ownMessages == 0;
        node.ownMessages++;
        node.last = m;
        node.history.addLast(m);
        kept++;
        if (node.history.size() > limits.perTopic()) {
            node.history.removeFirst();
            kept--;
            evicted++;
        }
        addGlobal(node, m.sequence());
        for (TopicNode n = node; n != null; n = n.parent) {
            n.subtreeMessages++;
            if (newTopic) {
                n.topicsInSubtree++;
            }
            n.lastActivityMillis = now;
            n.countForRate(now);
            markDirty(n);
        }
        return m;
    }

    private void addGlobal(TopicNode node, long seq) {
        if (globalSize == globalNodes.length) {
            TopicNode oldest = globalNodes[globalHead];
            long oldestSeq = globalSeqs[globalHead];
            ReceivedMessage head = oldest.history.peekFirst();
            if (head != null && head.sequence() == oldestSeq) {
                oldest.history.removeFirst();
                kept--;
                evicted++;
            }
            globalNodes[globalHead] = node;
            globalSeqs[globalHead] = seq;
            globalHead = (globalHead + 1) % globalNodes.length;
        } else {
            int tail = (globalHead + globalSize) % globalNodes.length;
            globalNodes[tail] = node;
            globalSeqs[tail] = seq;
            globalSize++;
        }
    }

    private TopicNode nodeFor(String topic) {
        TopicNode node = root;
        int start = 0;
        while (true) {
            int slash = topic.indexOf('/', start);
            String level = slash < 0 ? topic.substring(start) : topic.substring(start, slash);
            TopicNode child = node.children.get(level);
            if (child == null) {
                if (nodeCount >= limits.maxTopics()) {
                    return null;
                }
                String path = slash < 0 ? topic : topic.substring(0, slash);
                child = new TopicNode(level, path, node);
                node.children.put(level, child);
                nodeCount++;
            }
            node = child;
            if (slash < 0) {
                return node;
            }
            start = slash + 1;
        }
    }

    private void markDirty(TopicNode n) {
        if (!n.dirty && n != root) {
            n.dirty = true;
            dirty.addLast(n);
        }
    }

    int drainChanges(Collection<? super TopicSnapshot> target, int max, long now) {
        int moved = 0;
        while (moved < max && !dirty.isEmpty()) {
            TopicNode n = dirty.pollFirst();
            n.dirty = false;
            target.add(snapshot(n, now));
            moved++;
        }
        return moved;
    }

    boolean hasChanges() {
        return !dirty.isEmpty();
    }

    static TopicSnapshot snapshot(TopicNode n, long now) {
        return new TopicSnapshot(n.path, n.name, n.parent == null ? null : n.parent.path, n.ownMessages,
                n.subtreeMessages, n.topicsInSubtree, n.last, n.rateAt(now), n.lastActivityMillis);
    }

    Optional<TopicNode> find(String path) {
        if (path.isEmpty()) {
            return Optional.of(root);
        }
        TopicNode node = root;
        for (String level : path.split("/", -1)) {
            node = node.children.get(level);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /** Messages kept for the topic at {@code path} and, if {@code subtree}, every topic below it, oldest first. */
    List<ReceivedMessage> history(String path, boolean subtree) {
        Optional<TopicNode> start = find(path);
        if (start.isEmpty()) {
            return List.of();
        }
        List<ReceivedMessage> out = new ArrayList<>(start.get().history);
        if (subtree) {
            collect(start.get(), out);
            out.sort(java.util.Comparator.comparingLong(ReceivedMessage::sequence));
        }
        return out;
    }

    private static void collect(TopicNode n, List<ReceivedMessage> out) {
        for (TopicNode c : n.children.values()) {
            out.addAll(c.history);
            collect(c, out);
        }
    }

    /** Snapshots of every node, parents before children, for a full refresh. */
    List<TopicSnapshot> all(long now) {
        List<TopicSnapshot> out = new ArrayList<>(nodeCount);
        ArrayDeque<TopicNode> queue = new ArrayDeque<>(root.children.values());
        while (!queue.isEmpty()) {
            TopicNode n = queue.pollFirst();
            out.add(snapshot(n, now));
            queue.addAll(n.children.values());
        }
        return out;
    }

    void clear() {
        root.children.clear();
        root.history.clear();
        root.ownMessages = 0;
        root.subtreeMessages = 0;
        root.topicsInSubtree = 0;
        dirty.clear();
        java.util.Arrays.fill(globalNodes, null);
        globalHead = 0;
        globalSize = 0;
        nodeCount = 0;
        kept = 0;
    }

    int keptMessages() {
        return kept;
    }

    int nodeCount() {
        return nodeCount;
    }

    long evicted() {
        return evicted;
    }

    long topicsRefused() {
        return topicsRefused;
    }

    long total() {
        return total;
    }

    int historySize(String path) {
        return find(path).map(n -> n.history.size()).orElse(0);
    }
}
