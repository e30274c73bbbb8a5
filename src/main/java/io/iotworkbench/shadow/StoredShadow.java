package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/**
 * One shadow as it is kept between requests.
 *
 * <p>A deleted shadow is still stored: {@code exists} is false, {@code state} and {@code metadata} are empty, and
 * {@code version} keeps the last version so that an update soon after the delete continues the numbering (see
 * {@link ShadowEngine}); {@code timestamp} is then the time of the delete.
 *
 * <p>Immutable and thread-safe: the constructor copies the two JSON trees and the accessors hand out copies, so no
 * caller can change a stored shadow behind the engine's back.
 *
 * @param thingName  the thing's name
 * @param shadowName the shadow's name, {@link ShadowNames#CLASSIC} ("") for the classic shadow
 * @param version    the last version written (a shadow's first update gives 1)
 * @param exists     false after a delete
 * @param state      {@code {"desired":{..},"reported":{..}}}, each section present only when not empty
 * @param metadata   the same shape as {@code state}, with {@code {"timestamp":epochSeconds}} for every leaf and an
 *                   array of per-element metadata for every array
 * @param timestamp  epoch seconds of the last change (update or delete)
 */
public record StoredShadow(String thingName, String shadowName, long version, boolean exists, ObjectNode state,
                           ObjectNode metadata, long timestamp) {

    public StoredShadow {
        ShadowNames.requireThingName(thingName);
        ShadowNames.requireShadowName(shadowName);
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative, was " + version);
        }
        state = Objects.requireNonNull(state, "state").deepCopy();
        metadata = Objects.requireNonNull(metadata, "metadata").deepCopy();
    }

    /** A copy of the state: {@code {"desired":..,"reported":..}}. */
    @Override
    public ObjectNode state() {
        return state.deepCopy();
    }

    /** A copy of the metadata. */
    @Override
    public ObjectNode metadata() {
        return metadata.deepCopy();
    }

    /**
     * Equal when every component is, with the JSON compared as {@link ShadowJson#semanticEquals} does, so a shadow
     * read back from storage equals the one written (a timestamp may come back as an int where a long went in).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof StoredShadow that
                && version == that.version && exists == that.exists && timestamp == that.timestamp
                && thingName.equals(that.thingName) && shadowName.equals(that.shadowName)
                && ShadowJson.semanticEquals(state, that.state) && ShadowJson.semanticEquals(metadata, that.metadata);
    }

    /** Hashes the non-JSON components only, which is consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return Objects.hash(thingName, shadowName, version, exists, timestamp);
    }

    public boolean isClassic() {
        return ShadowNames.CLASSIC.equals(shadowName);
    }

    /** A copy of the desired section, if there is one. */
    public Optional<ObjectNode> desired() {
        return section(state, ShadowEngine.DESIRED);
    }

    /** A copy of the reported section, if there is one. */
    public Optional<ObjectNode> reported() {
        return section(state, ShadowEngine.REPORTED);
    }

    /** The delta between desired and reported, computed now; empty when they agree. */
    public ObjectNode delta() {
        return ShadowDelta.compute(state.get(ShadowEngine.DESIRED), state.get(ShadowEngine.REPORTED));
    }

    private static Optional<ObjectNode> section(ObjectNode node, String name) {
        JsonNode section = node.get(name);
        return section != null && section.isObject() ? Optional.of(((ObjectNode) section).deepCopy())
                : Optional.empty();
    }
}
