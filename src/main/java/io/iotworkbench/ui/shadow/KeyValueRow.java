package io.iotworkbench.ui.shadow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One leaf of a shadow section for the key/value table: its dotted path, its JSON value, and the nesting depth for
 * indentation. Immutable.
 */
public record KeyValueRow(String path, JsonNode value, int depth) {

    /** The section's leaves, depth-first; objects are walked, arrays and scalars are leaves. */
    public static List<KeyValueRow> flatten(JsonNode section) {
        List<KeyValueRow> rows = new ArrayList<>();
        if (section != null && section.isObject()) {
            walk(section, "", 0, rows);
        }
        return rows;
    }

    private static void walk(JsonNode node, String path, int depth, List<KeyValueRow> rows) {
        node.fields().forEachRemaining(e -> {
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getValue().isObject() && !e.getValue().isEmpty()) {
                walk(e.getValue(), p, depth + 1, rows);
            } else {
                rows.add(new KeyValueRow(p, e.getValue(), depth));
            }
        });
    }
}
