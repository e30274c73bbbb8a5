package io.iotworkbench.cert.aws;

import io.iotworkbench.cert.aws.PolicyLint.Finding;
import io.iotworkbench.cert.aws.PolicyLint.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyLintTest {

    private static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static String allow(String action, String... resources) {
        return "{\"Effect\":\"Allow\",\"Action\":" + action + ",\"Resource\":[\"" + String.join("\",\"", resources)
                + "\"]}";
    }

    private static List<String> messages(String document, String thing) {
        return PolicyLint.check(document, thing).stream().map(Finding::toString).toList();
    }

    @Test
    void theLeastPrivilegeTemplateIsClean() {
        assertThat(PolicyLint.check(PolicyDocuments.leastPrivilege("eu-west-1", "123456789012"), "wm_demo_1"))
                .isEmpty();
        assertThat(PolicyLint.check(PolicyDocuments.leastPrivilege(null, null), null)).isEmpty();
    }

    @Test
    void malformedJsonAndResourcesThatAreNotArnsAreErrors() {
        List<Finding> broken = PolicyLint.check("{\"Version\":", null);
        assertThat(broken).hasSize(1);
        assertThat(broken.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(broken.get(0).message()).startsWith("The policy is not valid JSON");

        List<Finding> notArn = PolicyLint.check(policy(allow("\"iot:Publish\"", "topic/a")), null);
        assertThat(notArn).extracting(Finding::severity).containsExactly(Severity.ERROR);
        assertThat(notArn.get(0).toString()).contains("\"topic/a\" is not an ARN");

        assertThat(messages(policy(allow("\"iot:Publish\"", "arn:aws:iot:topic/a")), null))
                .containsExactly("Statement 1: \"arn:aws:iot:topic/a\" is not a whole AWS IoT ARN; write "
                        + "arn:aws:iot:REGION:ACCOUNT:topic/… (or * for the region and account).");
        assertThat(messages(policy(allow("\"iot:Publish\"", "arn:aws:iot:*:*:topics/a")), null))
                .singleElement().asString().contains("\"topics\" is not an AWS IoT resource type");
    }

    @Test
    void unknownActionsAreNamedWithASuggestion() {
        assertThat(messages(policy(allow("[\"iot:Publsh\",\"iot:Publish*\",\"iot:*Shadow\"]",
                "arn:aws:iot:*:*:topic/a")), null))
                .containsExactly("Statement 1: \"iot:Publsh\" is not an AWS IoT Core policy action, so it allows or "
                        + "denies nothing; did you mean iot:Publish?");
        assertThat(messages(policy(allow("\"iot:CreateThing\"", "arn:aws:iot:*:*:thing/a")), null))
                .singleElement().asString().contains("\"iot:CreateThing\" is not an AWS IoT Core policy action");
    }

    @Test
    void unknownVariablesMatchNothing() {
        assertThat(messages(policy(allow("\"iot:Connect\"", "arn:aws:iot:*:*:client/${iot:ClientID}",
                "arn:aws:iot:*:*:client/${iot:Connection.Thing.Name}")), null))
                .containsExactly("Statement 1: ${iot:ClientID} is not an AWS IoT policy variable, so it matches "
                                + "nothing; variable names are case-sensitive: ${iot:ClientId}.",
                        "Statement 1: ${iot:Connection.Thing.Name} is not an AWS IoT policy variable, so it matches "
                                + "nothing.");
        assertThat(PolicyLint.check(policy(allow("\"iot:Publish\"",
                "arn:aws:iot:*:*:topic/${iot:Connection.Thing.Attributes[room]}/x",
                "arn:aws:iot:*:*:topic/${iot:Certificate.Subject.CommonName}/${iot:Certificate.Issuer.Country}",
                "arn:aws:iot:*:*:topic/${iot:Connection.Thing.ThingTypeName}/${iot:ClientId}")), null)).isEmpty();
        String condition = policy("{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"${iot:Connection.Thing.Attached}\":\"true\"}}}");
        assertThat(messages(condition, null)).singleElement().asString()
                .contains("${iot:Connection.Thing.Attached} is not an AWS IoT policy variable");
    }

    @Test
    void mqttWildcardsInResourcesAreLiteral() {
        List<Finding> topic = PolicyLint.check(policy(allow("\"iot:Publish\"", "arn:aws:iot:*:*:topic/sensors/#")),
                null);
        assertThat(topic).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("+ and # are not wildcards").contains("topic/sensors/*");
        });
        List<Finding> filter = PolicyLint.check(policy(allow("\"iot:Subscribe\"",
                "arn:aws:iot:*:*:topicfilter/sensors/+/temp")), null);
        assertThat(filter).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.message()).contains("exactly the filter sensors/+/temp");
        });
    }

    @Test
    void topicForSubscribeAndTopicFilterForPublishOrReceive() {
        assertThat(messages(policy(allow("\"iot:Subscribe\"", "arn:aws:iot:*:*:topic/a/b")), null))
                .containsExactly("Statement 1: iot:Subscribe is checked against topicfilter/… resources, and this "
                        + "statement names only topic/… ones, so it never applies to a subscription; write "
                        + "topicfilter/a/b.");
        assertThat(messages(policy(allow("[\"iot:Publish\",\"iot:Receive\"]", "arn:aws:iot:*:*:topicfilter/a/b")),
                null)).containsExactly("Statement 1: iot:Publish and iot:Receive are checked against topic/… "
                + "resources, and this statement names only topicfilter/… ones, so it never applies to them; write "
                + "topic/a/b.");
        // both kinds named: each action finds its own resource
        assertThat(PolicyLint.check(policy(allow("[\"iot:Subscribe\",\"iot:Receive\"]",
                "arn:aws:iot:*:*:topic/a/b", "arn:aws:iot:*:*:topicfilter/a/b")), null)).isEmpty();
    }

    @Test
    void aClientResourceThatIsNotTheThingName() {
        String p = policy(allow("\"iot:Connect\"", "arn:aws:iot:*:*:client/sensor-01"));
        assertThat(messages(p, "sensor_01")).singleElement().asString()
                .contains("thing sensor_01 connects with its thing name as client id")
                .contains("client/${iot:Connection.Thing.ThingName}");
        assertThat(PolicyLint.check(p, "sensor-01")).isEmpty();
        assertThat(PolicyLint.check(p, null)).isEmpty();
        assertThat(PolicyLint.check(policy(allow("\"iot:Connect\"", "arn:aws:iot:*:*:client/sensor-*")),
                "sensor-07")).isEmpty();
    }

    @Test
    void everythingOnEverythingIsNamed() {
        List<Finding> f = PolicyLint.check(policy(allow("\"iot:*\"", "*")), "t1");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).startsWith("\"iot:*\" on \"*\" lets anyone with this certificate connect");
        });
        String deny = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"iot:*\","
                + "\"Resource\":\"*\"}}";
        assertThat(PolicyLint.check(deny, "t1")).isEmpty();
        assertThat(PolicyLint.warnings(policy(allow("\"iot:*\"", "*"), allow("\"iot:Publish\"", "topic/x")), null))
                .extracting(Finding::severity).containsOnly(Severity.WARNING);
    }
}
