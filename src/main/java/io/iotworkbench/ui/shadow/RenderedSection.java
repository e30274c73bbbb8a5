package io.iotworkbench.ui.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotworkbench.shadow.ShadowJson;

import java.util.ArrayList;
import java.util.List;

/**
 * One section (desired, reported or delta) of a shadow as the pane shows it: pretty JSON text, the dotted field path
 * of each line (for highlighting and metadata tooltips), which lines differ between desired and reported, and the
 * metadata timestamp of each leaf. Immutable; built off or on the FX thread.
 */
public record RenderedSection(String text, List<String> linePaths, List<Boolean> lineDiffers,
                                 List<Long> lineTimestamps) {

    public static RenderedSection empty(String placeholder) {
        return new RenderedSection(placeholder, List.of(""), List.of(false), List.of(0L));
    }

    /**
     * Renders {@code section} (may be null: empty view) with 2-space indentation, marking the lines whose path is
     * in {@code differing} (paths relative to the section, e.g. {@code lights.color.g}), with timestamps from
     * {@code metadata} (the section's metadata tree).
     */
    public static RenderedSection of(JsonNode section, JsonNode differing, JsonNode metadata) {
        if (section == null || section.isMissingNode() || section.isNull() || section.isEmpty()) {
            return empty("{ }");
        }
        Lines lines = new Lines();
        lines.add("{", "", false, 0);
        writeFields(section, "", 1, differing, metadata, lines);
        lines.add("}", "", false, 0);
        return new RenderedSection(String.join("\n", lines.text), List.copyOf(lines.paths),
                List.copyOf(lines.differs), List.copyOf(lines.stamps));
    }

    /** Lines being built, one entry per line in each list. */
    private static final class Lines {
        final List<String> text = new ArrayList<>();
        final List<String> paths = new ArrayList<>();
        final List<Boolean> differs = new ArrayList<>();
        final List<Long> stamps = new ArrayList<>();

        void add(String line, String path, boolean differ, long stamp) {
            text.add(line);
            paths.add(path);
            differs.add(differ);
            stamps.add(stamp);
        }
    }

    private static void writeFields(JsonNode node, String path, int indent, JsonNode differing, JsonNode metadata,
                                    Lines lines) {
        var it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            String key = "  ".repeat(indent) + com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()) + ": ";
            String comma = it.hasNext() ? "," : "";
            JsonNode childDiff = differing == null ? null : differing.get(e.getKey());
            JsonNode childMeta = metadata == null ? null : metadata.get(e.getKey());
            JsonNode value = e.getValue();
            if (value.isObject() && !value.isEmpty()) {
                lines.add(key + "{", childPath, false, 0);
                writeFields(value, childPath, indent + 1, childDiff, childMeta, lines);
                lines.add("  ".repeat(indent) + "}" + comma, childPath, false, 0);
            } else {
                lines.add(key + ShadowJson.write(value) + comma, childPath, childDiff != null, timestamp(childMeta));
            }
        }
    }

    private static long timestamp(JsonNode meta) {
        if (meta == null) {
            return 0;
        }
        if (meta.has("timestamp")) {
            return meta.get("timestamp").asLong();
        }
        if (meta.isArray() && meta.size() > 0) {
            return meta.get(0).path("timestamp").asLong();
        }
        return 0;
    }
}
