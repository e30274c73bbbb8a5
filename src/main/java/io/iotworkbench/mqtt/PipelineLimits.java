package io.iotworkbench.mqtt;

/**
 * The bounds of a message pipeline, so memory never depends on traffic: messages kept per topic and overall, the
 * payload size kept per message, distinct topics tracked, and the input buffer's capacity.
 */
public record PipelineLimits(int perTopic, int overall, int maxPayloadBytes, int maxTopics, int inputCapacity,
                             int watchCapacity) {

    public PipelineLimits {
        if (perTopic < 1 || overall < 1 || maxPayloadBytes < 0 || maxTopics < 1 || inputCapacity < 1
                || watchCapacity < 1) {
            throw new IllegalArgumentException("pipeline limits must be positive");
        }
    }

    /** 1,000 messages per topic, 200,000 overall, payloads over 64 KB truncated, 100,000 topics. */
    public static PipelineLimits defaults() {
        return new PipelineLimits(1_000, 200_000, 64 * 1024, 100_000, 65_536, 10_000);
    }
}
