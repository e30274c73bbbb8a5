package io.iotworkbench.serial.timeline;

import io.iotworkbench.mqtt.ReceivedMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineMergerTest {

    private static TimelineEvent at(long millis, long seq, String text) {
        return new TimelineEvent(Instant.ofEpochMilli(millis), seq, TimelineEvent.Source.SERIAL, "p", text);
    }

    @Test
    void lateEventsAreInsertedInTimeOrderAndTiesKeepArrivalOrder() {
        TimelineMerger merger = new TimelineMerger(100);
        List<TimelineEvent> list = new ArrayList<>();
        merger.merge(list, List.of(at(10, 1, "a"), at(30, 2, "c"), at(50, 3, "e")));
        merger.merge(list, List.of(at(60, 4, "f"), at(20, 5, "b"), at(40, 6, "d"), at(30, 7, "c2")));
        assertThat(list).extracting(TimelineEvent::text).containsExactly("a", "b", "c", "c2", "d", "e", "f");
    }

    @Test
    void theOldestEventsGoBeyondTheCapacityAndAreCounted() {
        TimelineMerger merger = new TimelineMerger(3);
        List<TimelineEvent> list = new ArrayList<>();
        merger.merge(list, List.of(at(1, 1, "a"), at(2, 2, "b"), at(3, 3, "c"), at(4, 4, "d"), at(0, 5, "z")));
        assertThat(list).extracting(TimelineEvent::text).containsExactly("b", "c", "d");
        assertThat(merger.droppedCount()).isEqualTo(2);
    }

    @Test
    void messagesAreClassifiedByTopicAndOnlyTheThingsTopicsBelong() {
        ReceivedMessage shadow = new ReceivedMessage(1, "$aws/things/lamp/shadow/update/accepted",
                "{\n\t\"state\": {}\n}".getBytes(StandardCharsets.UTF_8), 17, 1, false, false, 1000);
        ReceivedMessage job = new ReceivedMessage(2, "$aws/things/lamp/jobs/notify", new byte[0], 0, 1, false, false,
                1000);
        ReceivedMessage other = new ReceivedMessage(3, "$aws/things/lamp/telemetry", new byte[0], 0, 0, false, false,
                1000);
        assertThat(TimelineEvent.ofMessage(shadow, 1).source()).isEqualTo(TimelineEvent.Source.SHADOW);
        assertThat(TimelineEvent.ofMessage(shadow, 1).text()).isEqualTo("{ \"state\": {} }");
        assertThat(TimelineEvent.ofMessage(job, 2).source()).isEqualTo(TimelineEvent.Source.JOB);
        assertThat(TimelineEvent.ofMessage(other, 3).source()).isEqualTo(TimelineEvent.Source.MQTT);
        assertThat(TimelineEvent.isThingTopic("$aws/things/lamp/shadow/get", "lamp")).isTrue();
        assertThat(TimelineEvent.isThingTopic("$aws/things/lamp2/shadow/get", "lamp")).isFalse();
        assertThat(TimelineEvent.isThingTopic("sensors/lamp", "lamp")).isFalse();
    }
}
