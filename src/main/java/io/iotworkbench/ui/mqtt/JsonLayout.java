package io.iotworkbench.ui.mqtt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lays JSON out as indented text for the payload viewer and remembers, for each line, the JSON pointer of the value
 * on it (so clicking a line can chart that field) and the spans to colour (keys, strings, numbers, literals, braces).
 * Each object field and array element gets its own line. Stateless; any thread.
 */
public final class JsonLayout {

    /** A coloured range of the text: {@code [start, end)} with a style class. */
    public record Span(int start, int end, String styleClass) {
    }

    /** The laid-out text, its spans in order, and the pointer of the value on each line ("" for the root). */
    public record Laid(String text, List<Span> spans, List<String> linePointers) {

        /** The pointer of the value on the line holding {@code offset}, or null when the line has none. */
        public String pointerAt(int offset) {
            int line = 0;
            for (int i = 0; i < Math.min(offset, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line < linePointers.size() ? linePointers.get(line) : null;
        }
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Span> spans = new ArrayList<>();
    private final List<String> pointers = new ArrayList<>();

    private JsonLayout() {
    }

    public static Laid layout(JsonNode node) {
        JsonLayout l = new JsonLayout();
        l.pointers.add("");
        l.value(node, "", 0);
        return new Laid(l.text.toString(), List.copyOf(l.spans), java.util.Collections.unmodifiableList(l.pointers));
    }

    private void value(JsonNode node, String pointer, int indent) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                styled("{}", "json-brace");
                return;
            }
            styled("{", "json-brace");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String child = pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
                newline(indent + 1, child);
                styled(quote(f.getKey()), "json-key");
                text.append(": ");
                value(f.getValue(), child, indent + 1);
                if (fields.hasNext()) {
                    text.append(',');
                }
            }
            newline(indent, null);
            styled("}", "json-brace");
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                styled("[]", "json-brace");
                return;
            }
            styled("[", "json-brace");
            for (int i = 0; i < node.size(); i++) {
                String child = pointer + "/" + i;
                newline(indent + 1, child);
                value(node.get(i), child, indent + 1);
                if (i < node.size() - 1) {
                    text.append(',');
                }
            }
            newline(indent, null);
            styled("]", "json-brace");
        } else if (node.isTextual()) {
            styled(quote(node.asText()), "json-string");
        } else if (node.isNumber()) {
            styled(node.toString(), "json-number");
        } else {
            styled(node.toString(), "json-literal");
        }
    }

    private void newline(int indent, String pointer) {
        text.append('\n');
        text.append("  ".repeat(indent));
        pointers.add(pointer);
    }

    private void styled(String s, String styleClass) {
        int start = text.length();
        text.append(s);
        spans.add(new Span(start, text.length(), styleClass));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
