package io.iotworkbench.localcore.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An IoT policy document parsed for evaluation: its statements with Effect, Action or NotAction (string or list,
 * IAM wildcards, case-insensitive), Resource or NotResource (string or list, IAM wildcards, policy variables when
 * {@code Version} is 2012-10-17) and Conditions ({@link PolicyCondition}). {@link #parse} refuses what the Local IoT
 * Core cannot evaluate with a {@link PolicyProblem} naming the statement. Immutable and thread-safe.
 */
public final class IotPolicy {

    /** The policy language version that enables policy variables. */
    public static final String VERSION = "2012-10-17";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACTION = Pattern.compile("\\*|(?i:iot):[A-Za-z*?]+");

    /** One statement; {@code index} counts from 0 in document order. */
    record Statement(int index, String sid, boolean allow, List<String> actions, boolean notAction,
                     List<PolicyTemplate> resources, boolean notResource, List<PolicyCondition> conditions) {

        boolean coversAction(String action) {
            boolean any = false;
            for (String a : actions) {
                if (Wildcards.matches(a, action, true)) {
                    any = true;
                    break;
                }
            }
            return any != notAction;
        }

        boolean coversResource(String resourceArn, Map<String, String> variables) {
            boolean any = false;
            for (PolicyTemplate r : resources) {
                String pattern = r.resolve(variables);
                if (pattern != null && Wildcards.matches(pattern, resourceArn, false)) {
                    any = true;
                    break;
                }
            }
            return any != notResource;
        }

        boolean conditionsHold(Map<String, String> variables) {
            for (PolicyCondition c : conditions) {
                if (!c.holds(variables)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Statement> statements;
    private final boolean variables;

    private IotPolicy(List<Statement> statements, boolean variables) {
        this.statements = statements;
        this.variables = variables;
    }

    List<Statement> statements() {
        return statements;
    }

    /** Whether {@code ${…}} are policy variables here (Version 2012-10-17) rather than literal text. */
    public boolean usesVariables() {
        return variables;
    }

    /** Parses and checks a policy document; a {@link PolicyProblem} says what the Local IoT Core refuses. */
    public static IotPolicy parse(String document) {
        JsonNode root;
        try {
            root = document == null ? null : JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new PolicyProblem("the policy document is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new PolicyProblem("the policy document must be a JSON object.");
        }
        JsonNode version = root.get("Version");
        if (version != null && !version.isNull() && !VERSION.equals(version.asText())
                && !"2008-10-17".equals(version.asText())) {
            throw new PolicyProblem("\"Version\" must be \"" + VERSION + "\".");
        }
        boolean vars = version != null && VERSION.equals(version.asText());
        JsonNode node = root.get("Statement");
        List<JsonNode> nodes = new ArrayList<>();
        if (node != null && node.isObject()) {
            nodes.add(node);
        } else if (node != null && node.isArray()) {
            node.forEach(nodes::add);
        }
        if (nodes.isEmpty()) {
            throw new PolicyProblem("the policy document has no Statement.");
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            statements.add(statement(nodes.get(i), i, vars));
        }
        return new IotPolicy(List.copyOf(statements), vars);
    }

    private static Statement statement(JsonNode s, int index, boolean vars) {
        String where = "statement " + (index + 1);
        if (!s.isObject()) {
            throw new PolicyProblem(where + " is not a JSON object.");
        }
        String effect = s.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new PolicyProblem(where + " needs \"Effect\": \"Allow\" or \"Deny\".");
        }
        if (s.has("Principal") || s.has("NotPrincipal")) {
            throw new PolicyProblem(where + " has a Principal; IoT policies apply to what they are attached to and "
                    + "take no Principal.");
        }
        boolean notAction = one(s, "Action", "NotAction", where);
        List<String> actions = new ArrayList<>();
        for (String a : strings(s.get(notAction ? "NotAction" : "Action"), where, notAction ? "NotAction" : "Action")) {
            if (!ACTION.matcher(a).matches()) {
                throw new PolicyProblem(where + ": \"" + a + "\" is not an AWS IoT action (they look like "
                        + "iot:Publish or iot:*).");
            }
            actions.add(Wildcards.encode(a));
        }
        boolean notResource = one(s, "Resource", "NotResource", where);
        List<PolicyTemplate> resources = new ArrayList<>();
        for (String r : strings(s.get(notResource ? "NotResource" : "Resource"), where,
                notResource ? "NotResource" : "Resource")) {
            if (!r.equals("*") && !r.startsWith("arn:")) {
                throw new PolicyProblem(where + ": the resource \"" + r + "\" is not an ARN or \"*\".");
            }
            resources.add(PolicyTemplate.of(r, vars));
        }
        List<PolicyCondition> conditions = new ArrayList<>();
        JsonNode c = s.get("Condition");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                throw new PolicyProblem(where + ": Condition must be a JSON object.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = c.fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!op.getValue().isObject()) {
                    throw new PolicyProblem(where + ": the condition " + op.getKey() + " must map keys to values.");
                }
                for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                    Map.Entry<String, JsonNode> k = keys.next();
                    List<PolicyTemplate> values = new ArrayList<>();
                    for (String v : strings(k.getValue(), where, op.getKey())) {
                        values.add(PolicyTemplate.of(v, vars));
                    }
                    conditions.add(PolicyCondition.of(op.getKey(), k.getKey(), values, where));
                }
            }
        }
        return new Statement(index, s.path("Sid").asText(null), effect.equals("Allow"), List.copyOf(actions),
                notAction, List.copyOf(resources), notResource, List.copyOf(conditions));
    }

    /** Whether the statement uses the {@code not} form; exactly one of the two must be there. */
    private static boolean one(JsonNode s, String plain, String not, String where) {
        boolean hasPlain = s.hasNonNull(plain);
        boolean hasNot = s.hasNonNull(not);
        if (hasPlain == hasNot) {
            throw new PolicyProblem(where + (hasPlain ? " has both " + plain + " and " + not + "; use one."
                    : " has no " + plain + "."));
        }
        return hasNot;
    }

    private static List<String> strings(JsonNode node, String where, String what) {
        List<String> out = new ArrayList<>();
        if (node.isValueNode()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                if (!n.isValueNode()) {
                    throw new PolicyProblem(where + ": " + what + " must be a string or a list of strings.");
                }
                out.add(n.asText());
            }
        } else {
            throw new PolicyProblem(where + ": " + what + " must be a string or a list of strings.");
        }
        if (out.isEmpty() || out.stream().anyMatch(String::isEmpty)) {
            throw new PolicyProblem(where + ": " + what + " must not be empty.");
        }
        return out;
    }
}
