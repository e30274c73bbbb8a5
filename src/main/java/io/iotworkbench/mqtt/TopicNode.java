package io.iotworkbench.mqtt;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One level of the topic trie. Mutable; touched only by the pipeline's aggregator thread or under the tree's lock.
 */
final class TopicNode {

    final String name;
    final String path;
    final TopicNode parent;
    final Map<String, TopicNode> children = new HashMap<>();
    final ArrayDeque<ReceivedMessage> history = new ArrayDeque<>();
    long ownMessages;
    long subtreeMessages;
    int topicsInSubtree;
    ReceivedMessage last;
    long lastActivityMillis;
    long windowStartMillis;
    int windowCount;
    double rate;
    boolean dirty;

    TopicNode(String name, String path, TopicNode parent) {
        this.name = name;
        this.path = path;
        this.parent = parent;
    }

    boolean isTopic() {
        return ownMessages > 0;
    }

    /** Counts one message in the per-second window used for the node's rate. */
    void countForRate(long now) {
        long elapsed = now - windowStartMillis;
        if (elapsed >= 1_000) {
            rate = elapsed >= 2_000 ? 0 : windowCount * 1_000.0 / elapsed;
            windowStartMillis = now;
            windowCount = 0;
        }
        windowCount++;
    }

    double rateAt(long now) {
        long elapsed = now - windowStartMillis;
        if (elapsed >= 2_000) {
            return 0;
        }
        if (elapsed >= 1_000) {
            return windowCount * 1_000.0 / elapsed;
        }
        return rate;
    }
}
