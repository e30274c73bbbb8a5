package io.iotworkbench.localcore.policy;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The evaluator on the AWS IoT Developer Guide's own policy examples (pub-sub-policy, connect-policy,
 * thing-policy-variables, cert-policy-variables), each with the decision the guide states.
 */
class PolicyEvaluationTest {

    private static final String A = "arn:aws:iot:us-east-1:123456789012:";

    private static EffectivePolicy policy(String name, String document) {
        return new EffectivePolicy(name, A + "policy/" + name, "1", document, IotPolicy.parse(document),
                A + "cert/abc");
    }

    private static String doc(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static String st(String effect, String action, String resource) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":" + action + ",\"Resource\":" + resource + "}";
    }

    private static AccessDecision.Verdict eval(List<EffectivePolicy> policies, String action, String resource,
                                               Map<String, String> vars) {
        PolicyEvaluation e = PolicyEvaluation.of(policies, action, A + resource, vars);
        // the authorizer's compiled rules must decide the same, by the same statement, with or without the account's
        // ARN prefix split off
        for (String prefix : List.of(A, "", "arn:aws:iot:")) {
            ActionRules.Rule r = ActionRules.compile(policies, action, vars, prefix)
                    .deciding((A + resource).substring(prefix.length()));
            AccessDecision.Verdict compiled = r == null ? AccessDecision.Verdict.IMPLICIT_DENY
                    : r.allow ? AccessDecision.Verdict.ALLOWED : AccessDecision.Verdict.EXPLICIT_DENY;
            assertThat(compiled).as("compiled rules with prefix '%s'", prefix).isEqualTo(e.verdict());
            assertThat(r == null ? null : r.policy).isEqualTo(e.policy());
            assertThat(r == null ? -1 : r.statementIndex).isEqualTo(e.statementIndex());
        }
        return e.verdict();
    }

    private static Map<String, String> thing(String clientId, String thingName) {
        Map<String, String> v = new HashMap<>();
        v.put("iot:ClientId", clientId);
        if (thingName != null) {
            v.put("iot:Connection.Thing.ThingName", thingName);
            v.put("iot:Connection.Thing.IsAttached", "true");
        } else {
            v.put("iot:Connection.Thing.IsAttached", "false");
        }
        return v;
    }

    @Test
    void connectOnlyWithTheListedClientIds() {
        // connect-policy: "Allow iot:Connect on client/clientid1 and client/clientid2"
        var p = policy("p", doc(st("Allow", "\"iot:Connect\"",
                "[\"" + A + "client/clientid1\",\"" + A + "client/clientid2\"]")));
        assertThat(eval(List.of(p), "iot:Connect", "client/clientid1", Map.of()))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(p), "iot:Connect", "client/clientid3", Map.of()))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
    }

    @Test
    void noPolicyIsAnImplicitDenyAndTheReasonSaysSo() {
        PolicyEvaluation e = PolicyEvaluation.of(List.of(), "iot:Connect", A + "client/x", Map.of());
        assertThat(e.verdict()).isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        assertThat(e.reason("iot:Connect", "client/x", List.of())).contains("no policy is attached");
    }

    @Test
    void thingNameVariableLimitsConnectAndTopics() {
        // thing-policy-variables: Connect on client/${iot:Connection.Thing.ThingName}
        var p = policy("p", doc(
                st("Allow", "\"iot:Connect\"", "\"" + A + "client/${iot:Connection.Thing.ThingName}\""),
                st("Allow", "[\"iot:Publish\",\"iot:Receive\"]",
                        "\"" + A + "topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*\"")));
        assertThat(eval(List.of(p), "iot:Connect", "client/t1", thing("t1", "t1")))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(p), "iot:Publish", "topic/$aws/things/t1/shadow/update", thing("t1", "t1")))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(p), "iot:Publish", "topic/$aws/things/t2/shadow/update", thing("t1", "t1")))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        // no thing attached: the variable does not resolve, the statement matches nothing
        assertThat(eval(List.of(p), "iot:Connect", "client/t2", thing("t2", null)))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
    }

    @Test
    void explicitDenyWinsOverAnAllowInAnotherPolicy() {
        // pub-sub-policy: allow publish on topic/*, deny on topic/restricted
        var allow = policy("allow", doc(st("Allow", "\"iot:Publish\"", "\"" + A + "topic/*\"")));
        var deny = policy("deny", doc(st("Deny", "\"iot:Publish\"", "\"" + A + "topic/restricted\"")));
        PolicyEvaluation e = PolicyEvaluation.of(List.of(allow, deny), "iot:Publish", A + "topic/restricted",
                Map.of());
        assertThat(e.verdict()).isEqualTo(AccessDecision.Verdict.EXPLICIT_DENY);
        assertThat(e.policy().name()).isEqualTo("deny");
        assertThat(e.allowing()).extracting(EffectivePolicy::name).containsExactly("allow");
        assertThat(e.reason("iot:Publish", "topic/restricted", List.of(allow, deny)))
                .isEqualTo("policy deny (version 1) statement 1 denies iot:Publish on topic/restricted");
        assertThat(eval(List.of(allow, deny), "iot:Publish", "topic/open", Map.of()))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
    }

    @Test
    void denyAllActionsDeniesEverything() {
        var p = policy("p", doc(st("Deny", "\"iot:*\"", "\"*\""), st("Allow", "\"iot:*\"", "\"*\"")));
        assertThat(eval(List.of(p), "iot:UpdateThingShadow", "thing/t2", Map.of()))
                .isEqualTo(AccessDecision.Verdict.EXPLICIT_DENY);
    }

    @Test
    void mqttWildcardsAreLiteralInResources() {
        // pub-sub-policy: topicfilter/a/# allows exactly the filter a/#; topicfilter/a/* allows a/#, a/+/x, a/b
        var literal = policy("p", doc(st("Allow", "\"iot:Subscribe\"", "\"" + A + "topicfilter/a/#\"")));
        assertThat(eval(List.of(literal), "iot:Subscribe", "topicfilter/a/#", Map.of()))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(literal), "iot:Subscribe", "topicfilter/a/b", Map.of()))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        var star = policy("p", doc(st("Allow", "\"iot:Subscribe\"", "\"" + A + "topicfilter/a/*\"")));
        for (String f : List.of("a/#", "a/+/x", "a/b")) {
            assertThat(eval(List.of(star), "iot:Subscribe", "topicfilter/" + f, Map.of())).as(f)
                    .isEqualTo(AccessDecision.Verdict.ALLOWED);
        }
        var one = policy("p", doc(st("Allow", "\"iot:Publish\"", "\"" + A + "topic/room?/temp\"")));
        assertThat(eval(List.of(one), "iot:Publish", "topic/room1/temp", Map.of()))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(one), "iot:Publish", "topic/room12/temp", Map.of()))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
    }

    @Test
    void subscribeAndReceiveAreSeparateActions() {
        // pub-sub-policy: a Deny on topicfilter/a/secret/* does not stop Receive through a/#; deny Receive for that
        var p = policy("p", doc(st("Allow", "[\"iot:Subscribe\",\"iot:Receive\"]", "\"*\""),
                st("Deny", "\"iot:Subscribe\"", "\"" + A + "topicfilter/a/secret/*\"")));
        assertThat(eval(List.of(p), "iot:Subscribe", "topicfilter/a/#", Map.of()))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(p), "iot:Receive", "topic/a/secret/1", Map.of()))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        var q = policy("q", doc(st("Deny", "\"iot:Receive\"", "\"" + A + "topic/a/secret/*\"")));
        assertThat(eval(List.of(p, q), "iot:Receive", "topic/a/secret/1", Map.of()))
                .isEqualTo(AccessDecision.Verdict.EXPLICIT_DENY);
    }

    @Test
    void actionWildcardsAndCase() {
        var p = policy("p", doc(st("Allow", "\"iot:Publish*\"", "\"*\"")));
        assertThat(eval(List.of(p), "iot:Publish", "topic/x", Map.of())).isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(p), "iot:Subscribe", "topicfilter/x", Map.of()))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        var lower = policy("p", doc(st("Allow", "\"iot:publish\"", "\"*\"")));
        assertThat(eval(List.of(lower), "iot:Publish", "topic/x", Map.of())).isEqualTo(AccessDecision.Verdict.ALLOWED);
    }

    @Test
    void notActionAndNotResource() {
        var p = policy("p", doc("{\"Effect\":\"Allow\",\"NotAction\":\"iot:Publish\",\"Resource\":\"*\"}",
                "{\"Effect\":\"Deny\",\"Action\":\"iot:Receive\",\"NotResource\":\"" + A + "topic/public/*\"}"));
        assertThat(eval(List.of(p), "iot:Publish", "topic/x", Map.of()))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        assertThat(eval(List.of(p), "iot:Subscribe", "topicfilter/x", Map.of()))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(p), "iot:Receive", "topic/public/1", Map.of()))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(p), "iot:Receive", "topic/private/1", Map.of()))
                .isEqualTo(AccessDecision.Verdict.EXPLICIT_DENY);
    }

    @Test
    void isAttachedCondition() {
        // audit-chk-iot-policy-permissive: Connect only when the thing is attached
        var p = policy("p", doc("{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"" + A
                + "client/${iot:Connection.Thing.ThingName}\",\"Condition\":{\"Bool\":"
                + "{\"iot:Connection.Thing.IsAttached\":\"true\"}}}"));
        assertThat(eval(List.of(p), "iot:Connect", "client/t1", thing("t1", "t1")))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        var anyClient = policy("p", doc("{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"iot:Connection.Thing.IsAttached\":true}}}"));
        assertThat(eval(List.of(anyClient), "iot:Connect", "client/x", thing("x", null)))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
    }

    @Test
    void attributeAndCertificateVariables() {
        // thing-policy-variables: ${iot:Connection.Thing.Attributes[floor]}; cert-policy-variables: CommonName
        var p = policy("p", doc(st("Allow", "\"iot:Publish\"",
                "\"" + A + "topic/floor/${iot:Connection.Thing.Attributes[floor]}/*\""),
                st("Allow", "\"iot:Subscribe\"", "\"" + A + "topicfilter/cn/${iot:Certificate.Subject.CommonName}\"")));
        Map<String, String> vars = thing("t1", "t1");
        vars.put("iot:Connection.Thing.Attributes[floor]", "3");
        vars.put("iot:Certificate.Subject.CommonName", "device-7");
        assertThat(eval(List.of(p), "iot:Publish", "topic/floor/3/temp", vars))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(p), "iot:Publish", "topic/floor/4/temp", vars))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        assertThat(eval(List.of(p), "iot:Subscribe", "topicfilter/cn/device-7", vars))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        // an attribute the thing does not have: no match
        assertThat(eval(List.of(p), "iot:Publish", "topic/floor/3/temp", thing("t1", "t1")))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
    }

    @Test
    void substitutedValuesStayLiteral() {
        var p = policy("p", doc(st("Allow", "\"iot:Publish\"", "\"" + A + "topic/${iot:ClientId}\"")));
        assertThat(eval(List.of(p), "iot:Publish", "topic/anything", Map.of("iot:ClientId", "*")))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        assertThat(eval(List.of(p), "iot:Publish", "topic/*", Map.of("iot:ClientId", "*")))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
    }

    @Test
    void withoutVersion2012VariablesAreLiteral() {
        String d = "{\"Statement\":" + st("Allow", "\"iot:Connect\"", "\"" + A + "client/${iot:ClientId}\"") + "}";
        var p = policy("p", d);
        assertThat(eval(List.of(p), "iot:Connect", "client/c1", Map.of("iot:ClientId", "c1")))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        assertThat(eval(List.of(p), "iot:Connect", "client/${iot:ClientId}", Map.of()))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
    }

    @Test
    void stringConditionsAndQuantifiers() {
        var like = policy("p", doc("{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringLike\":{\"iot:ClientId\":[\"sensor-*\",\"gw-?\"]}}}"));
        assertThat(eval(List.of(like), "iot:Connect", "client/sensor-9", Map.of("iot:ClientId", "sensor-9")))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(like), "iot:Connect", "client/gw-10", Map.of("iot:ClientId", "gw-10")))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        var notEq = policy("p", doc("{\"Effect\":\"Deny\",\"Action\":\"iot:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringNotEquals\":{\"iot:Connection.Thing.ThingTypeName\":\"lamp\"}}}"));
        assertThat(eval(List.of(notEq), "iot:Connect", "client/x", Map.of()))
                .as("a missing key satisfies a negated operator").isEqualTo(AccessDecision.Verdict.EXPLICIT_DENY);
        var anyValue = policy("p", doc("{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\","
                + "\"Condition\":{\"ForAnyValue:StringEquals\":{\"iot:Connection.Thing.ThingTypeName\":"
                + "[\"lamp\",\"fan\"]}}}"));
        assertThat(eval(List.of(anyValue), "iot:Connect", "client/x",
                Map.of("iot:Connection.Thing.ThingTypeName", "fan"))).isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(anyValue), "iot:Connect", "client/x", Map.of()))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        var arn = policy("p", doc("{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\","
                + "\"Condition\":{\"ArnLike\":{\"iot:Certificate.Arn\":\"" + A + "cert/*\"}}}"));
        assertThat(eval(List.of(arn), "iot:Connect", "client/x", Map.of("iot:Certificate.Arn", A + "cert/ab")))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
    }

    @Test
    void theLeastPrivilegeTemplateOfNewDevice() {
        String d = io.iotworkbench.cert.aws.PolicyDocuments.leastPrivilege("us-east-1", "123456789012");
        var p = policy("device", d);
        Map<String, String> t1 = thing("t1", "t1");
        assertThat(eval(List.of(p), "iot:Connect", "client/t1", t1)).isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(p), "iot:Connect", "client/t2", t1)).isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        assertThat(eval(List.of(p), "iot:Subscribe", "topicfilter/#", t1))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        assertThat(eval(List.of(p), "iot:Subscribe", "topicfilter/$aws/things/t1/jobs/+/update/accepted", t1))
                .isEqualTo(AccessDecision.Verdict.ALLOWED);
        assertThat(eval(List.of(p), "iot:Publish", "topic/$aws/things/t2/shadow/update", t1))
                .isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
    }

    @Test
    void malformedPoliciesAreRefusedWithASentence() {
        assertThatThrownBy(() -> IotPolicy.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\"}]}")).isInstanceOf(PolicyProblem.class).hasMessageContaining("not an AWS IoT");
        assertThatThrownBy(() -> IotPolicy.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\","
                + "\"Resource\":\"topic/a\"}]}")).hasMessageContaining("not an ARN");
        assertThatThrownBy(() -> IotPolicy.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\","
                + "\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}]}"))
                .hasMessageContaining("IpAddress");
        assertThatThrownBy(() -> IotPolicy.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\","
                + "\"NotAction\":\"iot:Publish\",\"Resource\":\"*\"}]}")).hasMessageContaining("both");
        assertThatThrownBy(() -> IotPolicy.parse("{\"Version\":\"2020-01-01\",\"Statement\":[]}"))
                .hasMessageContaining("Version");
    }
}
