package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Field-level differences between two JSON documents, for version timelines ("desired.color.g changed from 0 to
 * 255"). Applied to two shadow states the paths start with {@code desired} or {@code reported}.
 *
 * <p>Rules: objects are walked key by key; a leaf is a scalar, an array (compared whole, like the delta) or an empty
 * object. An added or removed object is reported leaf by leaf. When a value changes type between an object and
 * anything else, that is one {@link Kind#CHANGED} at its path with both whole values. Numbers compare by value
 * ({@code 1} equals {@code 1.0}), as in {@link ShadowDelta}. A null or missing document, and a null value, count as
 * absent. Changes come
 * in the order of the first document's keys, then keys only the second has.
 *
 * <p>Stateless and thread-safe; the change values are copies.
 */
public final class ShadowDiff {

    public enum Kind { ADDED, REMOVED, CHANGED }

    /**
     * One difference.
     *
     * @param path     the keys from the root; empty when the two documents differ as a whole
     * @param kind     what happened
     * @param oldValue the value in the first document, null for {@link Kind#ADDED}
     * @param newValue the value in the second document, null for {@link Kind#REMOVED}
     */
    public record Change(List<String> path, Kind kind, JsonNode oldValue, JsonNode newValue) {

        public Change {
            path = List.copyOf(path);
            Objects.requireNonNull(kind, "kind");
        }

        /** The path joined with dots, e.g. {@code desired.color.g}. */
        public String pathString() {
            return String.join(".", path);
        }
    }

    private ShadowDiff() {
    }

    /** The changes that turn {@code a} into {@code b}; empty when they are equal. */
    public static List<Change> diff(JsonNode a, JsonNode b) {
        List<Change> changes = new ArrayList<>();
        compare(new ArrayList<>(), absentIfNull(a), absentIfNull(b), changes);
        return List.copyOf(changes);
    }

    private static JsonNode absentIfNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static void compare(List<String> path, JsonNode a, JsonNode b, List<Change> out) {
        if (a == null && b == null) {
            return;
        }
        if (a == null) {
            leaves(path, b, Kind.ADDED, out);
        } else if (b == null) {
            leaves(path, a, Kind.REMOVED, out);
        } else if (a.isObject() && b.isObject()) {
            for (Map.Entry<String, JsonNode> field : a.properties()) {
                compare(child(path, field.getKey()), absentIfNull(field.getValue()),
                        absentIfNull(b.get(field.getKey())), out);
            }
            for (Map.Entry<String, JsonNode> field : b.properties()) {
                if (!a.has(field.getKey())) {
                    compare(child(path, field.getKey()), null, absentIfNull(field.getValue()), out);
                }
            }
        } else if (!ShadowJson.semanticEquals(a, b)) {
            out.add(new Change(path, Kind.CHANGED, a.deepCopy(), b.deepCopy()));
        }
    }

    private static void leaves(List<String> path, JsonNode value, Kind kind, List<Change> out) {
        if (value.isNull()) {
            return;
        }
        if (value.isObject() && !value.isEmpty()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                leaves(child(path, field.getKey()), field.getValue(), kind, out);
            }
        } else if (kind == Kind.ADDED) {
            out.add(new Change(path, kind, null, value.deepCopy()));
        } else {
            out.add(new Change(path, kind, value.deepCopy(), null));
        }
    }

    private static List<String> child(List<String> path, String key) {
        List<String> result = new ArrayList<>(path.size() + 1);
        result.addAll(path);
        result.add(key);
        return result;
    }
}
