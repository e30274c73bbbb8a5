package io.iotworkbench.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks an update request before it is sent, with AWS's limits, and names the offending field: state over 8 KB
 * (desired + reported), nesting deeper than the limit (counted as AWS does: the section is level 1), {@code null}
 * inside an array, a client token over 64 bytes, keys other than desired/reported in {@code state}. Stateless.
 */
public final class ShadowPreflight {

    /** One problem; {@code path} like {@code desired.lights.color} or {@code clientToken}. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    private ShadowPreflight() {
    }

    public static List<Problem> check(JsonNode request, ShadowLimits limits) {
        List<Problem> problems = new ArrayList<>();
        if (request == null || !request.isObject()) {
            problems.add(new Problem("(document)", "The update must be a JSON object with a \"state\"."));
            return problems;
        }
        JsonNode token = request.get("clientToken");
        if (token != null && token.isTextual()
                && token.asText().getBytes(StandardCharsets.UTF_8).length > limits.maxClientTokenBytes()) {
            problems.add(new Problem("clientToken", "is " + token.asText().getBytes(StandardCharsets.UTF_8).length
                    + " bytes; AWS allows " + limits.maxClientTokenBytes() + "."));
        }
        JsonNode state = request.get("state");
        if (state == null) {
            problems.add(new Problem("state", "is missing: put desired and/or reported inside \"state\"."));
            return problems;
        }
        if (state.isNull()) {
            return problems;
        }
        if (!state.isObject()) {
            problems.add(new Problem("state", "must be an object."));
            return problems;
        }
        int bytes = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = state.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String section = e.getKey();
            JsonNode value = e.getValue();
            if (!section.equals("desired") && !section.equals("reported")) {
                problems.add(new Problem("state." + section, "is not allowed; state holds only desired and reported."));
                continue;
            }
            if (!value.isObject() && !value.isNull()) {
                problems.add(new Problem("state." + section, "must be an object (or null to delete the section)."));
                continue;
            }
            bytes += value.isNull() ? 0 : ShadowJson.sizeInBytes(value);
            walk(value, section, 1, limits.maxDepth(), problems);
        }
        if (bytes > limits.maxStateBytes()) {
            problems.add(new Problem("state", "desired + reported are " + bytes + " bytes; AWS allows "
                    + limits.maxStateBytes() + "."));
        }
        return problems;
    }

    private static void walk(JsonNode node, String path, int level, int maxDepth, List<Problem> problems) {
        boolean counts = (node.isObject() || node.isArray()) && !node.isEmpty();
        if (counts && level > maxDepth) {
            problems.add(new Problem(path, "is nested " + level + " levels deep; AWS allows " + maxDepth + "."));
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> walk(e.getValue(), path + "." + e.getKey(), level + 1, maxDepth,
                    problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode el = node.get(i);
                if (el.isNull()) {
                    problems.add(new Problem(path + "[" + i + "]", "is null; AWS does not accept null inside arrays."));
                } else {
                    walk(el, path + "[" + i + "]", level + 1, maxDepth, problems);
                }
            }
        }
    }

    /** Convenience: the request as parsed text, or a problem pointing at the JSON error. */
    public static List<Problem> check(String requestText, ShadowLimits limits) {
        try {
            return check(ShadowJson.parse(requestText), limits);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of(new Problem("(json)", io.iotworkbench.storage.Json.syntaxDetail(e)));
        }
    }

    /** Builds an update request {@code {"state":{section:values},"version":v}} (version omitted when null). */
    public static ObjectNode request(String section, JsonNode values, Long version, String clientToken) {
        ObjectNode req = ShadowJson.object();
        req.putObject("state").set(section, values);
        if (version != null) {
            req.put("version", version);
        }
        if (clientToken != null) {
            req.put("clientToken", clientToken);
        }
        return req;
    }
}
