package io.iotworkbench.cert.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * AWS IoT policy documents: a least-privilege template for one device (connect as its thing name; publish, subscribe
 * and receive on its own shadow and jobs topics, through {@code ${iot:Connection.Thing.ThingName}}) and a validation
 * that names each problem in plain words (JSON syntax, Version, Statement, Effect, Action, Resource, AWS's size limit).
 *
 * <p>Stateless and thread-safe.
 */
public final class PolicyDocuments {

    /** The policy variable AWS fills in with the thing the connecting certificate is attached to. */
    public static final String THING_VARIABLE = "${iot:Connection.Thing.ThingName}";

    /** AWS IoT's limit on a policy document, in characters without whitespace. */
    public static final int MAX_CHARACTERS = 2048;

    private static final Pattern ACTION = Pattern.compile("iot:(\\*|[A-Za-z*]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {
    }

    /**
     * The least-privilege template for a region and account ({@code *} for either makes the ARNs match any). The
     * device may connect only with its thing name as client id, and use only its own {@code $aws/things/<name>/shadow},
     * {@code $aws/things/<name>/jobs} and {@code $aws/things/<name>/streams} topics (the streams for OTA over MQTT, as
     * AWS's OTA guide grants them).
     */
    public static String leastPrivilege(String region, String account) {
        String prefix = "arn:aws:iot:" + orAny(region) + ":" + orAny(account) + ":";
        String thing = THING_VARIABLE;
        String topic = prefix + "topic/$aws/things/" + thing;
        String filter = prefix + "topicfilter/$aws/things/" + thing;
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Action": "iot:Connect",
                      "Resource": "%1$sclient/%2$s"
                    },
                    {
                      "Effect": "Allow",
                      "Action": ["iot:Publish", "iot:Receive"],
                      "Resource": ["%3$s/shadow/*", "%3$s/jobs/*", "%3$s/streams/*"]
                    },
                    {
                      "Effect": "Allow",
                      "Action": "iot:Subscribe",
                      "Resource": ["%4$s/shadow/*", "%4$s/jobs/*", "%4$s/streams/*"]
                    }
                  ]
                }
                """.formatted(prefix, thing, topic, filter);
    }

    /**
     * The workbench's own identity on the Local IoT Core, like an administrator on AWS: connect with any client id,
     * subscribe to and receive everything ({@code #} included), use any shadow over HTTPS, publish and retain anywhere
     * except the topics on which only AWS IoT answers ({@code …/accepted}, {@code …/rejected}, shadow {@code delta}
     * and {@code documents},
     * jobs {@code notify}, lifecycle {@code $aws/events}).
     */
    public static String workbench(String region, String account) {
        String prefix = "arn:aws:iot:" + orAny(region) + ":" + orAny(account) + ":";
        String things = prefix + "topic/$aws/things/*";
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Action": ["iot:Connect", "iot:Subscribe", "iot:Receive", "iot:Publish", "iot:RetainPublish",
                                 "iot:GetRetainedMessage", "iot:GetThingShadow", "iot:UpdateThingShadow",
                                 "iot:DeleteThingShadow"],
                      "Resource": ["%1$sclient/*", "%1$stopicfilter/*", "%1$stopic/*", "%1$sthing/*"]
                    },
                    {
                      "Effect": "Deny",
                      "Action": ["iot:Publish", "iot:RetainPublish"],
                      "Resource": ["%2$s/accepted", "%2$s/rejected", "%2$s/shadow/*delta", "%2$s/shadow/*documents",
                                   "%2$s/jobs/notify*", "%1$stopic/$aws/events/*"]
                    }
                  ]
                }
                """.formatted(prefix, things);
    }

    /** What the WM SDK's {@code http_demo_mutual_auth} needs: publish on the topic {@code topic} (over HTTPS). */
    public static String httpDemo(String region, String account) {
        String prefix = "arn:aws:iot:" + orAny(region) + ":" + orAny(account) + ":";
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Action": "iot:Publish",
                      "Resource": "%stopic/topic"
                    }
                  ]
                }
                """.formatted(prefix);
    }

    private static String orAny(String s) {
        return s == null || s.isBlank() ? "*" : s.trim();
    }

    /** The problems of a policy document; empty when AWS would accept its form. */
    public static List<String> problems(String document) {
        List<String> problems = new ArrayList<>();
        if (document == null || document.isBlank()) {
            problems.add("The policy is empty.");
            return problems;
        }
        long chars = document.chars().filter(c -> !Character.isWhitespace(c)).count();
        if (chars > MAX_CHARACTERS) {
            problems.add("The policy has " + chars + " characters without spaces; AWS IoT allows " + MAX_CHARACTERS
                    + ".");
        }
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (Exception e) {
            String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            problems.add("The policy is not valid JSON: " + m);
            return problems;
        }
        if (root == null || !root.isObject()) {
            problems.add("The policy must be a JSON object with Version and Statement.");
            return problems;
        }
        if (!"2012-10-17".equals(root.path("Version").asText())) {
            problems.add("\"Version\" must be \"2012-10-17\".");
        }
        JsonNode statements = root.path("Statement");
        if (statements.isObject()) {
            statements = JSON.createArrayNode().add(statements);
        }
        if (!statements.isArray() || statements.isEmpty()) {
            problems.add("\"Statement\" must hold at least one statement.");
            return problems;
        }
        int i = 1;
        for (JsonNode s : statements) {
            String where = "Statement " + i++ + ": ";
            String effect = s.path("Effect").asText("");
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                problems.add(where + "\"Effect\" must be \"Allow\" or \"Deny\".");
            }
            List<String> actions = strings(s.path("Action"));
            if (actions.isEmpty()) {
                problems.add(where + "\"Action\" is missing (for example \"iot:Connect\").");
            }
            for (String a : actions) {
                if (!ACTION.matcher(a).matches()) {
                    problems.add(where + "\"" + a + "\" is not an AWS IoT action (they look like iot:Publish).");
                }
            }
            List<String> resources = strings(s.path("Resource"));
            if (resources.isEmpty()) {
                problems.add(where + "\"Resource\" is missing (an ARN such as arn:aws:iot:REGION:ACCOUNT:client/x, "
                        + "or \"*\").");
            }
            for (String r : resources) {
                if (!r.equals("*") && !r.startsWith("arn:aws")) {
                    problems.add(where + "\"" + r + "\" is not an ARN or \"*\".");
                }
            }
        }
        return problems;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
