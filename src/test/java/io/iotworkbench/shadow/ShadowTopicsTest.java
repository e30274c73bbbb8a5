package io.iotworkbench.shadow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static io.iotworkbench.shadow.ShadowTesting.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShadowTopicsTest {

    @Test
    void buildsClassicAndNamedTopics() {
        assertThat(ShadowTopics.topic("lamp", "", ShadowTopic.Operation.UPDATE))
                .isEqualTo("$aws/things/lamp/shadow/update");
        assertThat(ShadowTopics.topic("lamp", "", ShadowTopic.Operation.GET, ShadowTopic.Suffix.ACCEPTED))
                .isEqualTo("$aws/things/lamp/shadow/get/accepted");
        assertThat(ShadowTopics.topic("lamp", "cfg", ShadowTopic.Operation.UPDATE, ShadowTopic.Suffix.DOCUMENTS))
                .isEqualTo("$aws/things/lamp/shadow/name/cfg/update/documents");
        assertThat(ShadowTopics.prefix("lamp", "cfg")).isEqualTo("$aws/things/lamp/shadow/name/cfg");
        assertThat(ShadowTopics.prefix("lamp", "")).isEqualTo("$aws/things/lamp/shadow");
    }

    @Test
    void refusesTopicsThatDoNotExist() {
        assertThatThrownBy(() -> ShadowTopics.topic("lamp", "", ShadowTopic.Operation.GET, ShadowTopic.Suffix.DELTA))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShadowTopics.topic("lamp", "", ShadowTopic.Operation.DELETE,
                ShadowTopic.Suffix.DOCUMENTS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShadowTopics.topic("la/mp", "", ShadowTopic.Operation.GET))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShadowTopics.topic("lamp", "a+b", ShadowTopic.Operation.GET))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesClassicTopics() {
        ShadowTopic topic = ShadowTopics.parse("$aws/things/lamp/shadow/update/delta").orElseThrow();
        assertThat(topic.thingName()).isEqualTo("lamp");
        assertThat(topic.shadowName()).isEmpty();
        assertThat(topic.isClassic()).isTrue();
        assertThat(topic.operation()).isEqualTo(ShadowTopic.Operation.UPDATE);
        assertThat(topic.suffix()).isEqualTo(ShadowTopic.Suffix.DELTA);
        assertThat(topic.isRequest()).isFalse();

        ShadowTopic request = ShadowTopics.parse("$aws/things/lamp/shadow/get").orElseThrow();
        assertThat(request.operation()).isEqualTo(ShadowTopic.Operation.GET);
        assertThat(request.suffix()).isEqualTo(ShadowTopic.Suffix.NONE);
        assertThat(request.isRequest()).isTrue();
        assertThat(request.withSuffix(ShadowTopic.Suffix.REJECTED).topic())
                .isEqualTo("$aws/things/lamp/shadow/get/rejected");
    }

    @Test
    void parsesNamedTopics() {
        ShadowTopic topic = ShadowTopics.parse("$aws/things/lamp/shadow/name/$cfg:1/delete/accepted").orElseThrow();
        assertThat(topic.thingName()).isEqualTo("lamp");
        assertThat(topic.shadowName()).isEqualTo("$cfg:1");
        assertThat(topic.isClassic()).isFalse();
        assertThat(topic.operation()).isEqualTo(ShadowTopic.Operation.DELETE);
        assertThat(topic.suffix()).isEqualTo(ShadowTopic.Suffix.ACCEPTED);
        // a thing or shadow may be called like a topic level
        assertThat(ShadowTopics.parse("$aws/things/shadow/shadow/name/update/update")).hasValueSatisfying(t -> {
            assertThat(t.thingName()).isEqualTo("shadow");
            assertThat(t.shadowName()).isEqualTo("update");
            assertThat(t.operation()).isEqualTo(ShadowTopic.Operation.UPDATE);
        });
    }

    @Test
    void everyOperationAndSuffixRoundTrips() {
        int count = 0;
        for (ShadowTopic.Operation operation : ShadowTopic.Operation.values()) {
            for (ShadowTopic.Suffix suffix : ShadowTopic.Suffix.values()) {
                if (!suffix.appliesTo(operation)) {
                    continue;
                }
                for (String shadow : new String[] {"", "s1"}) {
                    ShadowTopic topic = new ShadowTopic("t-1", shadow, operation, suffix);
                    assertThat(ShadowTopics.parse(topic.topic())).contains(topic);
                    count++;
                }
            }
        }
        assertThat(count).as("3 requests + 8 replies, classic and named").isEqualTo(22);
    }

    @Test
    void acceptsTheLongestNamesAndTheLongestTopic() {
        String thing = repeat('T', 128);
        String shadow = repeat('s', 64);
        String topic = ShadowTopics.topic(thing, shadow, ShadowTopic.Operation.UPDATE, ShadowTopic.Suffix.DOCUMENTS);
        assertThat(topic).hasSize(234);
        assertThat(topic.chars().filter(c -> c == '/').count()).isEqualTo(7);
        assertThat(ShadowTopics.parse(topic)).hasValueSatisfying(t -> {
            assertThat(t.thingName()).isEqualTo(thing);
            assertThat(t.shadowName()).isEqualTo(shadow);
        });
        assertThat(ShadowTopics.parse("$aws/things/" + repeat('T', 129) + "/shadow/get")).isEmpty();
        assertThat(ShadowTopics.parse("$aws/things/t/shadow/name/" + repeat('s', 65) + "/get")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "$aws/things/", "$aws/things/lamp", "$aws/things/lamp/shadow",
            "$aws/things/lamp/shadow/", "$aws/things/lamp/shadow/list", "$aws/things/lamp/shadow/get/delta",
            "$aws/things/lamp/shadow/delete/documents", "$aws/things/lamp/shadow/update/accepted/extra",
            "$aws/things/lamp/shadow/update/", "$aws/things/lamp/shadowx/get", "$aws/things/lamp/Shadow/get",
            "$aws/things/lamp/shadow/GET", "$aws/things/lamp/shadow/name/cfg", "$aws/things/lamp/shadow/name/get",
            "$aws/things/lamp/shadow/name//get", "$aws/things//shadow/get", "$aws/things/la mp/shadow/get",
            "$aws/things/lamp/shadow/name/a+b/get", "$aws/things/lamp/shadow/cfg/update",
            "$aws/things/lamp/jobs/get", "sensors/lamp/shadow/get", "$AWS/things/lamp/shadow/get",
            "$aws/things/lamp/shadow/+", "$aws/things/lamp/shadow/#"})
    void nonShadowTopicsGiveEmpty(String topic) {
        assertThat(ShadowTopics.parse(topic)).isEmpty();
    }

    @Test
    void nullIsNotAShadowTopic() {
        assertThat(ShadowTopics.parse(null)).isEqualTo(Optional.empty());
    }

    @Test
    void namesFollowTheServiceModel() {
        assertThat(ShadowNames.isValidThingName("a:b_c-D9")).isTrue();
        assertThat(ShadowNames.isValidThingName(repeat('x', 128))).isTrue();
        assertThat(ShadowNames.isValidThingName(repeat('x', 129))).isFalse();
        assertThat(ShadowNames.isValidThingName("")).isFalse();
        assertThat(ShadowNames.isValidThingName("$thing")).isFalse();
        assertThat(ShadowNames.isValidThingName("a.b")).isFalse();
        assertThat(ShadowNames.isValidThingName(null)).isFalse();
        assertThat(ShadowNames.isValidShadowName("$a:b_c-D9")).isTrue();
        assertThat(ShadowNames.isValidShadowName(repeat('x', 64))).isTrue();
        assertThat(ShadowNames.isValidShadowName(repeat('x', 65))).isFalse();
        assertThat(ShadowNames.isValidShadowName("")).isFalse();
        assertThat(ShadowNames.isValidShadowName("a/b")).isFalse();
        assertThat(ShadowNames.requireShadowName("")).isEmpty();
        assertThatThrownBy(() -> ShadowNames.requireThingName("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ShadowNames.displayName("")).isEqualTo("Unnamed Shadow");
        assertThat(ShadowNames.displayName("cfg")).isEqualTo("cfg");
    }
}
