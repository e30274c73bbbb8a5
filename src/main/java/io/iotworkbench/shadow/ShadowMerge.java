package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Applies a validated update's {@code state} to a shadow's state and metadata, in place, by the rules in
 * {@link ShadowEngine}: objects merge recursively, arrays and scalars replace, null deletes, a section or nested
 * object that ends up empty is removed, and every written leaf gets {@code {"timestamp":now}} in the metadata.
 *
 * <p>Stateless and thread-safe; the nodes it is given must not be shared with another thread during the call.
 */
final class ShadowMerge {

    static final String TIMESTAMP = "timestamp";

    private ShadowMerge() {
    }

    /**
     * Merges {@code patchState} (an object or a JSON null) into {@code state} and keeps {@code metadata} in step.
     */
    static void apply(ObjectNode state, ObjectNode metadata, JsonNode patchState, long now) {
        if (patchState.isNull()) {
            state.removeAll();
            metadata.removeAll();
            return;
        }
        mergeObject(state, metadata, (ObjectNode) patchState, now);
    }

    /**
     * The metadata of a request's state as the accepted document shows it: the request's shape with
     * {@code {"timestamp":now}} in place of every scalar and every null, and arrays of per-element metadata.
     */
    static JsonNode metadataOf(JsonNode value, long now) {
        if (value.isArray()) {
            ArrayNode result = ShadowJson.object().arrayNode();
            for (JsonNode element : value) {
                result.add(metadataOf(element, now));
            }
            return result;
        }
        if (value.isObject()) {
            ObjectNode result = ShadowJson.object();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                result.set(field.getKey(), metadataOf(field.getValue(), now));
            }
            return result;
        }
        return ShadowJson.object().put(TIMESTAMP, now);
    }

    private static void mergeObject(ObjectNode target, ObjectNode targetMetadata, ObjectNode patch, long now) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(key);
                targetMetadata.remove(key);
            } else if (value.isObject()) {
                JsonNode current = target.get(key);
                JsonNode currentMetadata = targetMetadata.get(key);
                boolean merging = current != null && current.isObject();
                ObjectNode child = merging ? (ObjectNode) current : ShadowJson.object();
                ObjectNode childMetadata = merging && currentMetadata != null && currentMetadata.isObject()
                        ? (ObjectNode) currentMetadata : ShadowJson.object();
                mergeObject(child, childMetadata, (ObjectNode) value, now);
                if (child.isEmpty()) {
                    target.remove(key);
                    targetMetadata.remove(key);
                } else {
                    target.set(key, child);
                    targetMetadata.set(key, childMetadata);
                }
            } else {
                target.set(key, value.deepCopy());
                targetMetadata.set(key, metadataOf(value, now));
            }
        }
    }
}
