package io.iotworkbench.mqtt;

/**
 * An immutable view of one node of the topic tree, as the UI shows it: path, counts, the last message and the rate.
 *
 * @param subtreeMessages messages to this topic and every topic below it
 * @param topicsInSubtree distinct topics (with messages) at and below this node
 */
public record TopicSnapshot(String path, String name, String parentPath, long ownMessages, long subtreeMessages,
                            int topicsInSubtree, ReceivedMessage last, double messagesPerSecond,
                            long lastActivityMillis) {

    /** Whether the last message to this exact topic was retained. */
    public boolean retained() {
        return last != null && last.retained();
    }
}
