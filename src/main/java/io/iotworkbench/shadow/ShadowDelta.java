package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The delta between a shadow's desired and reported sections, by AWS's rules:
 * <ul>
 *   <li>every field of {@code desired} is compared with the same path in {@code reported};</li>
 *   <li>a field missing from reported is included, a field only in reported is not, equal fields are not;</li>
 *   <li>objects are walked, and the delta keeps the path from the root to each differing leaf only
 *       (desired {@code lights.color {r:255,g:255,b:255}} against reported {@code {r:255,g:0,b:255}} gives
 *       {@code {"lights":{"color":{"g":255}}}});</li>
 *   <li>arrays are compared as whole values, and a differing array goes into the delta whole;</li>
 *   <li>numbers are compared by value, at any depth ({@code 1} equals {@code 1.0}).</li>
 * </ul>
 * Choices for inputs a stored shadow never holds (the editor may pass them): a JSON null in desired means "no desired
 * value" and is skipped; an empty desired object has no leaves and so never appears; a desired object whose reported
 * counterpart is not an object is compared against an empty object, so all its leaves appear.
 *
 * <p>Stateless and thread-safe; the inputs are not changed and the result shares no nodes with them.
 */
public final class ShadowDelta {

    private ShadowDelta() {
    }

    /**
     * @param desired  the desired section (anything but an object, e.g. null, counts as empty)
     * @param reported the reported section (anything but an object counts as empty)
     * @return the delta; an empty object when there is nothing to do
     */
    public static ObjectNode compute(JsonNode desired, JsonNode reported) {
        ObjectNode delta = ShadowJson.object();
        if (desired == null || !desired.isObject()) {
            return delta;
        }
        ObjectNode empty = ShadowJson.object();
        JsonNode against = reported != null && reported.isObject() ? reported : empty;
        for (Map.Entry<String, JsonNode> field : desired.properties()) {
            JsonNode want = field.getValue();
            JsonNode have = against.get(field.getKey());
            if (want.isNull()) {
                continue;
            }
            if (want.isObject()) {
                ObjectNode child = compute(want, have);
                if (!child.isEmpty()) {
                    delta.set(field.getKey(), child);
                }
            } else if (!ShadowJson.semanticEquals(want, have)) {
                delta.set(field.getKey(), want.deepCopy());
            }
        }
        return delta;
    }

    /**
     * The metadata that goes with a delta: the delta's shape, filled from the desired metadata (a leaf's
     * {@code {"timestamp":..}}, an array's whole per-element metadata array). Paths without desired metadata are
     * left out.
     */
    public static ObjectNode metadataFor(JsonNode delta, JsonNode desiredMetadata) {
        ObjectNode result = ShadowJson.object();
        if (delta == null || !delta.isObject() || desiredMetadata == null || !desiredMetadata.isObject()) {
            return result;
        }
        for (Map.Entry<String, JsonNode> field : delta.properties()) {
            JsonNode metadata = desiredMetadata.get(field.getKey());
            if (metadata == null) {
                continue;
            }
            if (field.getValue().isObject()) {
                ObjectNode child = metadataFor(field.getValue(), metadata);
                if (!child.isEmpty()) {
                    result.set(field.getKey(), child);
                }
            } else {
                result.set(field.getKey(), metadata.deepCopy());
            }
        }
        return result;
    }
}
