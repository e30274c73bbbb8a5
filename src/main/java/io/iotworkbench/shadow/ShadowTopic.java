package io.iotworkbench.shadow;

import java.util.Objects;

/**
 * One Device Shadow topic, taken apart: {@code
 * $aws/things/{thingName}/shadow[/name/{shadowName}]/{operation}[/{suffix}]}.
 * {@link ShadowTopics} builds and parses them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param thingName  a valid thing name
 * @param shadowName a valid shadow name, or {@link ShadowNames#CLASSIC} ("") for the classic shadow
 * @param operation  get, update or delete
 * @param suffix     {@link Suffix#NONE} for the request topic a client publishes to, else the reply topic's suffix
 */
public record ShadowTopic(String thingName, String shadowName, Operation operation, Suffix suffix) {

    public enum Operation {
        GET("get"), UPDATE("update"), DELETE("delete");

        private final String word;

        Operation(String word) {
            this.word = word;
        }

        /** The topic level: {@code get}, {@code update} or {@code delete}. */
        public String word() {
            return word;
        }
    }

    public enum Suffix {
        NONE(""), ACCEPTED("accepted"), REJECTED("rejected"), DELTA("delta"), DOCUMENTS("documents");

        private final String word;

        Suffix(String word) {
            this.word = word;
        }

        /** The topic level, empty for {@link #NONE}. */
        public String word() {
            return word;
        }

        /** True when AWS publishes this suffix for {@code operation}: delta and documents exist for update only. */
        public boolean appliesTo(Operation operation) {
            return this != DELTA && this != DOCUMENTS || operation == Operation.UPDATE;
        }
    }

    public ShadowTopic {
        ShadowNames.requireThingName(thingName);
        ShadowNames.requireShadowName(shadowName);
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(suffix, "suffix");
        if (!suffix.appliesTo(operation)) {
            throw new IllegalArgumentException("There is no " + operation.word() + "/" + suffix.word() + " topic");
        }
    }

    public boolean isClassic() {
        return ShadowNames.CLASSIC.equals(shadowName);
    }

    /** True for the topics clients publish requests to ({@code get}, {@code update}, {@code delete}). */
    public boolean isRequest() {
        return suffix == Suffix.NONE;
    }

    /** This topic with another suffix, e.g. the {@code accepted} reply to a request. */
    public ShadowTopic withSuffix(Suffix newSuffix) {
        return new ShadowTopic(thingName, shadowName, operation, newSuffix);
    }

    /** The topic string. */
    public String topic() {
        String base = ShadowTopics.prefix(thingName, shadowName) + "/" + operation.word();
        return suffix == Suffix.NONE ? base : base + "/" + suffix.word();
    }

    @Override
    public String toString() {
        return topic();
    }
}
