package io.iotworkbench.localcore;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The activity-log sentence for messages the broker dropped for slow subscribers. */
@Tag("integration")
class SlowSubscriberNoticeTest {

    @Test
    void namesTheBusiestClientsFirstWithTheTotal() {
        Map<String, Long> since = new LinkedHashMap<>();
        since.put("sub-b", 34L);
        since.put("sub-a", 1_200L);
        assertThat(LocalCoreRuntime.dropNotice(since, 5_678)).isEqualTo(
                "1,234 messages dropped for slow subscribers (sub-a 1,200, sub-b 34; 5,678 since the Local IoT Core "
                        + "started)");
    }

    @Test
    void namesAtMostThreeClients() {
        Map<String, Long> since = Map.of("a", 4L, "b", 3L, "c", 2L, "d", 1L, "e", 1L);
        assertThat(LocalCoreRuntime.dropNotice(since, 11)).startsWith("11 messages dropped")
                .contains("(a 4, b 3, c 2 and 2 more; 11 since");
        assertThat(LocalCoreRuntime.dropNotice(Map.of("x", 1L), 1)).startsWith("1 message dropped");
    }
}
