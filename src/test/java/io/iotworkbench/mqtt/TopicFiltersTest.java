package io.iotworkbench.mqtt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicFiltersTest {

    @Test
    void wildcardsMatchLevels() {
        assertThat(TopicFilters.matches("a/+/c", "a/b/c")).isTrue();
        assertThat(TopicFilters.matches("a/+/c", "a/b/d")).isFalse();
        assertThat(TopicFilters.matches("a/#", "a/b/c")).isTrue();
        assertThat(TopicFilters.matches("a/#", "a")).isTrue();
        assertThat(TopicFilters.matches("a/b", "a/b/c")).isFalse();
        assertThat(TopicFilters.matches("#", "x/y")).isTrue();
    }

    @Test
    void leadingWildcardsDoNotMatchReservedTopics() {
        assertThat(TopicFilters.matches("#", "$aws/things/t/shadow/update")).isFalse();
        assertThat(TopicFilters.matches("$aws/things/+/shadow/#", "$aws/things/t/shadow/update/accepted")).isTrue();
    }
}
