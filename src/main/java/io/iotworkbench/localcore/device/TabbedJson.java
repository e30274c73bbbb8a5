package io.iotworkbench.localcore.device;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * JSON pretty-printed the way cJSON's {@code cJSON_Print} does it on the WM board: tab indentation, {@code
 * "key":\tvalue}.
 * Stateless.
 */
final class TabbedJson {

    private TabbedJson() {
    }

    static String write(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, 0, sb);
        return sb.toString();
    }

    private static void write(JsonNode node, int depth, StringBuilder sb) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{\n").append("\t".repeat(depth)).append('}');
                return;
            }
            sb.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append("\t".repeat(depth + 1))
                        .append(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()))
                        .append(":\t");
                write(e.getValue(), depth + 1, sb);
                if (it.hasNext()) {
                    sb.append(',');
                }
                sb.append('\n');
            }
            sb.append("\t".repeat(depth)).append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                write(node.get(i), depth + 1, sb);
            }
            sb.append(']');
        } else {
            sb.append(node);
        }
    }
}
