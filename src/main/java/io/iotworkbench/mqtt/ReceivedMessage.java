package io.iotworkbench.mqtt;

import java.util.Objects;

/**
 * One MQTT message as the workbench keeps it: topic, payload (cut to the configured maximum, with the original size
 * kept), QoS, retained and duplicate flags, arrival time and a sequence number that orders all messages of a pipeline.
 * Immutable once built (the payload array is not copied: the pipeline never hands it out for writing).
 */
public record ReceivedMessage(long sequence, String topic, byte[] payload, int size, int qos, boolean retained,
                              boolean duplicate, long timeMillis) {

    public ReceivedMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * The same message naming its topic with {@code sameTopic}, an equal string: the pipeline keeps one topic string
     * per topic instead of one per message (less to copy in every young collection while messages are kept).
     */
    public ReceivedMessage withTopic(String sameTopic) {
        if (sameTopic == topic) {
            return this;
        }
        if (!sameTopic.equals(topic)) {
            throw new IllegalArgumentException("not the same topic: " + sameTopic);
        }
        return new ReceivedMessage(sequence, sameTopic, payload, size, qos, retained, duplicate, timeMillis);
    }

    /** True when the payload was cut because it was larger than the pipeline keeps. */
    public boolean truncated() {
        return payload.length < size;
    }

    /** Builds a message, cutting the payload to {@code maxPayload} bytes. */
    public static ReceivedMessage of(long sequence, String topic, byte[] payload, int qos, boolean retained,
                                     boolean duplicate, long timeMillis, int maxPayload) {
        byte[] kept = payload.length > maxPayload ? java.util.Arrays.copyOf(payload, maxPayload) : payload;
        return new ReceivedMessage(sequence, topic, kept, payload.length, qos, retained, duplicate, timeMillis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedMessage m && m.sequence == sequence && m.topic.equals(topic);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + topic.hashCode();
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + topic + " (" + size + " B)";
    }
}
