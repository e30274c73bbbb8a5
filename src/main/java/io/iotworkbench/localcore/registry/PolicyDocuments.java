package io.iotworkbench.localcore.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.policy.IotPolicy;
import io.iotworkbench.localcore.policy.PolicyProblem;

/**
 * Checks an IoT policy document's shape before it is stored: a JSON object with a non-empty {@code Statement} (one
 * object or an array of them), each with {@code Effect} Allow or Deny, an {@code Action} or {@code NotAction} and a
 * {@code Resource} or {@code NotResource}, and then what the evaluator refuses ({@link IotPolicy#parse}: actions,
 * resource ARNs, condition operators). Anything else is a MalformedPolicyException saying what is wrong.
 * Thread-safe (the mapper is only read).
 */
final class PolicyDocuments {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PolicyDocuments() {
    }

    static void check(String document) {
        if (document == null || document.isBlank()) {
            throw malformed("the policy document is empty.");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(document);
        } catch (JsonProcessingException e) {
            throw malformed("the policy document is not valid JSON (" + io.iotworkbench.storage.Json.syntaxDetail(e)
                    + ").");
        }
        if (root == null || !root.isObject()) {
            throw malformed("the policy document must be a JSON object.");
        }
        JsonNode statements = root.get("Statement");
        if (statements == null || statements.isNull() || (statements.isArray() && statements.isEmpty())) {
            throw malformed("the policy document has no Statement.");
        }
        if (statements.isObject()) {
            checkStatement(statements, 0);
        } else if (statements.isArray()) {
            for (int i = 0; i < statements.size(); i++) {
                checkStatement(statements.get(i), i);
            }
        } else {
            throw malformed("Statement must be an object or an array of objects.");
        }
        try {
            IotPolicy.parse(document);
        } catch (PolicyProblem e) {
            throw malformed(e.getMessage());
        }
    }

    private static void checkStatement(JsonNode statement, int index) {
        String where = "statement " + (index + 1);
        if (!statement.isObject()) {
            throw malformed(where + " is not a JSON object.");
        }
        String effect = statement.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw malformed(where + " needs \"Effect\": \"Allow\" or \"Deny\".");
        }
        if (!statement.hasNonNull("Action") && !statement.hasNonNull("NotAction")) {
            throw malformed(where + " has no Action.");
        }
        if (!statement.hasNonNull("Resource") && !statement.hasNonNull("NotResource")) {
            throw malformed(where + " has no Resource.");
        }
    }

    private static RegistryException malformed(String detail) {
        return new RegistryException(AwsErrorKind.MALFORMED_POLICY, "The policy is malformed: " + detail);
    }
}
