package io.iotworkbench.cert.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an AWS IoT policy the way a reviewer would and names, in plain words, what will not work: the form errors of
 * {@link PolicyDocuments#problems} (malformed JSON, resources that are not ARNs, …), actions AWS IoT Core does not
 * have, ARNs of an unknown resource type, policy variables AWS does not define (they match nothing), and the classic
 * mistakes: MQTT wildcards {@code +}/{@code #} in a resource (they are literal characters there), {@code topic/} with
 * {@code iot:Subscribe} (checked against {@code topicfilter/}), {@code topicfilter/} with {@code iot:Publish} or
 * {@code iot:Receive} (checked against {@code topic/}), a {@code client/} resource that is not the thing's name, and
 * {@code iot:*} allowed on {@code *}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PolicyLint {

    /** ERROR: AWS refuses the policy; WARNING: AWS accepts it but it will not do what it seems to; NOTE: check it. */
    public enum Severity { ERROR, WARNING, NOTE }

    /** One finding; {@code statement} is 1-based, 0 for the whole document. */
    public record Finding(Severity severity, int statement, String message) {

        @Override
        public String toString() {
            return (statement > 0 ? "Statement " + statement + ": " : "") + message;
        }
    }

    /** The actions of AWS IoT Core policies (data plane: MQTT, HTTPS, shadows, retained messages, jobs). */
    static final List<String> ACTIONS = List.of("iot:Connect", "iot:Publish", "iot:Subscribe", "iot:Receive",
            "iot:RetainPublish", "iot:GetRetainedMessage", "iot:ListRetainedMessages", "iot:GetThingShadow",
            "iot:UpdateThingShadow", "iot:DeleteThingShadow", "iot:ListNamedShadowsForThing",
            "iot:DescribeJobExecution", "iot:GetPendingJobExecutions", "iot:StartNextPendingJobExecution",
            "iot:UpdateJobExecution", "iot:AssumeRoleWithCertificate");

    /** Resource types of AWS IoT Core policy ARNs. */
    static final Set<String> RESOURCE_TYPES = Set.of("client", "topic", "topicfilter", "thing", "thinggroup",
            "rolealias", "job", "cert");

    private static final Set<String> VARIABLES = Set.of("iot:ClientId", "iot:Connection.Thing.ThingName",
            "iot:Connection.Thing.ThingTypeName", "iot:Connection.Thing.IsAttached", "iot:Certificate.Id",
            "iot:Certificate.SerialNumber", "iot:Certificate.Validity.NotBefore", "iot:Certificate.Validity.NotAfter",
            "iot:DomainName", "aws:SourceIp", "aws:CurrentTime", "aws:EpochTime", "*", "?", "$");
    private static final Set<String> DN_FIELDS = Set.of("CommonName", "Country", "Organization",
            "OrganizationalUnit", "DistinguishedNameQualifier", "State", "Locality", "SerialNumber", "Title",
            "Surname", "GivenName", "Initials", "Pseudonym", "GenerationQualifier");
    private static final Set<String> SAN_FIELDS = Set.of("RFC822Name", "DNSName", "DirectoryName",
            "UniformResourceIdentifier", "IPAddress");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern ATTRIBUTE = Pattern.compile("iot:Connection\\.Thing\\.Attributes\\[[^\\]]+]");
    private static final Pattern ARN = Pattern.compile("arn:[a-z-]+:iot:[^:]*:[^:]*:([^/]*)(?:/(.*))?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyLint() {
    }

    /**
     * Everything worth saying about {@code document}, errors first.
     *
     * @param thingName the thing the policy is meant for (the session's thing), or null to skip the client-id check
     */
    public static List<Finding> check(String document, String thingName) {
        List<Finding> out = new ArrayList<>();
        for (String p : PolicyDocuments.problems(document)) {
            out.add(new Finding(Severity.ERROR, 0, p));
        }
        JsonNode root;
        try {
            root = JSON.readTree(document == null ? "" : document);
        } catch (Exception e) {
            return out;
        }
        if (root == null || !root.isObject()) {
            return out;
        }
        JsonNode statements = root.path("Statement");
        if (statements.isObject()) {
            statements = JSON.createArrayNode().add(statements);
        }
        int i = 0;
        for (JsonNode s : statements) {
            i++;
            if (s.isObject()) {
                statement(s, i, thingName, out);
            }
        }
        out.sort((a, b) -> a.severity().compareTo(b.severity()));
        return out;
    }

    /** Only the findings that are not errors (what AWS accepts but will not work as it seems). */
    public static List<Finding> warnings(String document, String thingName) {
        return check(document, thingName).stream().filter(f -> f.severity() != Severity.ERROR).toList();
    }

    private static void statement(JsonNode s, int n, String thingName, List<Finding> out) {
        boolean allow = "Allow".equals(s.path("Effect").asText());
        List<String> actions = strings(s.path("Action"));
        List<String> resources = strings(s.path("Resource"));
        for (String a : actions) {
            if (!a.startsWith("iot:")) {
                continue; // PolicyDocuments names it
            }
            List<String> matched = ACTIONS.stream().filter(known -> wildcard(a).matcher(known).matches()).toList();
            if (matched.isEmpty()) {
                String hint = suggestion(a);
                out.add(new Finding(Severity.WARNING, n, "\"" + a + "\" is not an AWS IoT Core policy action, so it "
                        + "allows or denies nothing" + (hint == null ? "." : "; did you mean " + hint + "?")));
            }
        }
        for (String r : resources) {
            resource(r, n, allow, thingName, out);
            variables(r, n, out);
        }
        kinds(actions, resources, n, out);
        variables(s.path("Condition").toString(), n, out);
        if (allow && resources.contains("*") && (actions.contains("iot:*") || actions.contains("*"))) {
            out.add(new Finding(Severity.WARNING, n, "\"iot:*\" on \"*\" lets anyone with this certificate connect "
                    + "as any client id and read and write every topic, shadow and job of the account; allow only "
                    + "what the device needs (the least-privilege template is a start)."));
        }
    }

    /**
     * Subscribe named with only topic/ resources, or Publish/Receive named with only topicfilter/ resources: the
     * statement never applies to them.
     */
    private static void kinds(List<String> actions, List<String> resources, int n, List<Finding> out) {
        List<String> topics = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        for (String r : resources) {
            Matcher m = ARN.matcher(r);
            if (r.equals("*") || m.matches() && m.group(1).contains("*")) {
                return;
            }
            if (m.matches() && m.group(1).equals("topic")) {
                topics.add(m.group(2) == null ? "" : m.group(2));
            } else if (m.matches() && m.group(1).equals("topicfilter")) {
                filters.add(m.group(2) == null ? "" : m.group(2));
            }
        }
        if (actions.contains("iot:Subscribe") && filters.isEmpty() && !topics.isEmpty()) {
            out.add(new Finding(Severity.WARNING, n, "iot:Subscribe is checked against topicfilter/… resources, and "
                    + "this statement names only topic/… ones, so it never applies to a subscription; write "
                    + "topicfilter/" + topics.get(0) + "."));
        }
        List<String> topicActions = actions.stream().filter(a -> a.equals("iot:Publish") || a.equals("iot:Receive")
                || a.equals("iot:RetainPublish")).toList();
        if (!topicActions.isEmpty() && topics.isEmpty() && !filters.isEmpty()) {
            out.add(new Finding(Severity.WARNING, n, String.join(" and ", topicActions) + (topicActions.size() == 1
                    ? " is" : " are") + " checked against topic/… resources, and this statement names only "
                    + "topicfilter/… ones, so it never applies to them; write topic/" + filters.get(0) + "."));
        }
    }

    private static void resource(String r, int n, boolean allow, String thingName,
                                 List<Finding> out) {
        if (r.equals("*") || !r.startsWith("arn:")) {
            return;
        }
        Matcher m = ARN.matcher(r);
        if (!m.matches()) {
            out.add(new Finding(Severity.WARNING, n, "\"" + r + "\" is not a whole AWS IoT ARN; write "
                    + "arn:aws:iot:REGION:ACCOUNT:topic/… (or * for the region and account)."));
            return;
        }
        String type = m.group(1);
        String name = m.group(2) == null ? "" : m.group(2);
        if (type.contains("*")) {
            return;
        }
        if (!RESOURCE_TYPES.contains(type)) {
            out.add(new Finding(Severity.WARNING, n, "\"" + r + "\": \"" + type + "\" is not an AWS IoT resource "
                    + "type (client, topic, topicfilter, thing, …), so it matches nothing."));
            return;
        }
        boolean mqttWildcards = name.contains("+") || name.contains("#");
        if (type.equals("topic") && mqttWildcards) {
            out.add(new Finding(Severity.WARNING, n, "\"" + r + "\": + and # are not wildcards in a policy; this "
                    + "matches only a topic literally named " + name + ". Use * instead, e.g. topic/"
                    + name.replace("#", "*").replace("+", "*") + "."));
        } else if (type.equals("topicfilter") && mqttWildcards) {
            out.add(new Finding(Severity.NOTE, n, "\"" + r + "\": + and # are literal here: this allows subscribing "
                    + "with exactly the filter " + name + " (not to single topics under it); use * to allow any "
                    + "filter below."));
        }
        if (type.equals("client") && allow && thingName != null && !thingName.isBlank()
                && !name.contains("${") && !wildcard(name).matcher(thingName).matches()) {
            out.add(new Finding(Severity.WARNING, n, "\"" + r + "\": thing " + thingName + " connects with its "
                    + "thing name as client id (the WM SDK and the workbench do), which this does not allow; write "
                    + "client/" + PolicyDocuments.THING_VARIABLE + "."));
        }
    }

    private static void variables(String text, int n, List<Finding> out) {
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            String v = m.group(1);
            if (!known(v)) {
                String hint = VARIABLES.stream().filter(k -> k.equalsIgnoreCase(v)).findFirst().orElse(null);
                out.add(new Finding(Severity.WARNING, n, "${" + v + "} is not an AWS IoT policy variable, so it "
                        + "matches nothing" + (hint == null ? "." : "; variable names are case-sensitive: ${" + hint
                        + "}.")));
            }
        }
    }

    private static boolean known(String v) {
        if (VARIABLES.contains(v) || ATTRIBUTE.matcher(v).matches()) {
            return true;
        }
        for (String prefix : List.of("iot:Certificate.Subject.", "iot:Certificate.Issuer.")) {
            if (v.startsWith(prefix) && DN_FIELDS.contains(v.substring(prefix.length()).replaceAll("\\.List$", ""))) {
                return true;
            }
        }
        String san = "iot:Certificate.SubjectAlternativeName.";
        return v.startsWith(san) && SAN_FIELDS.contains(v.substring(san.length()).replaceAll("\\.List$", ""));
    }

    /** IAM wildcards: * any run of characters, ? one character; everything else literal. */
    static Pattern wildcard(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            re.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString());
    }

    private static String suggestion(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = 3;
        for (String known : ACTIONS) {
            int d = distance(lower, known.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1,
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(x -> out.add(x.asText()));
        }
        return out;
    }
}
