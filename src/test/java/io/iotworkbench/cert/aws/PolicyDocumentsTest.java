package io.iotworkbench.cert.aws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyDocumentsTest {

    @Test
    void theTemplateIsValidAndLimitedToTheThingsOwnTopics() {
        String doc = PolicyDocuments.leastPrivilege("eu-west-1", "123456789012");
        assertThat(PolicyDocuments.problems(doc)).isEmpty();
        assertThat(doc).contains("arn:aws:iot:eu-west-1:123456789012:client/${iot:Connection.Thing.ThingName}")
                .contains("topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*")
                .contains("topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/jobs/*")
                .doesNotContain("\"iot:*\"");
        assertThat(PolicyDocuments.leastPrivilege(null, " ")).contains("arn:aws:iot:*:*:client/");
    }

    @Test
    void problemsNameWhatIsWrong() {
        assertThat(PolicyDocuments.problems("")).containsExactly("The policy is empty.");
        assertThat(PolicyDocuments.problems("{\"Version\": ")).singleElement().asString()
                .startsWith("The policy is not valid JSON");
        assertThat(PolicyDocuments.problems("[]")).singleElement().asString().contains("JSON object");
        assertThat(PolicyDocuments.problems("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"bucket\"}]}"))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("Effect"))
                .anySatisfy(p -> assertThat(p).contains("s3:GetObject"))
                .anySatisfy(p -> assertThat(p).contains("bucket"));
        assertThat(PolicyDocuments.problems("{\"Version\":\"2012-10-17\",\"Statement\":[]}"))
                .containsExactly("\"Statement\" must hold at least one statement.");
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:*\","
                + "\"Resource\":\"arn:aws:iot:x:" + "1".repeat(2100) + "\"}}";
        assertThat(PolicyDocuments.problems(big)).singleElement().asString().contains("2048");
    }
}
