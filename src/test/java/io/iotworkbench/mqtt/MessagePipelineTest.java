package io.iotworkbench.mqtt;

import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MessagePipelineTest {

    private MessagePipeline pipeline;

    @AfterEach
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private void awaitProcessed(long n) {
        Wait.until(n + " messages processed or dropped",
                () -> pipeline.stats().processed() + pipeline.stats().inputDropped() >= n);
        assertThat(pipeline.stats().processed() + pipeline.stats().inputDropped()).isEqualTo(n);
    }

    @Test
    void anIdleAggregatorWaitsWithoutTimeoutAndWakesForAMessageAndOnClose() throws Exception {
        pipeline = new MessagePipeline(PipelineLimits.defaults());
        Thread aggregator = pipeline.aggregatorThread();
        Wait.until("the aggregator waiting", () -> aggregator.getState() == Thread.State.WAITING);

        pipeline.offer("idle/t", "1".getBytes(), 0, false, false);

        awaitProcessed(1);
        Wait.until("the aggregator waiting again", () -> aggregator.getState() == Thread.State.WAITING);
        pipeline.close();
        assertThat(aggregator.isAlive()).isFalse();
        pipeline = null;
    }

    @Test
    void buildsTheTopicTreeWithCountsAndLastValues() throws Exception {
        pipeline = new MessagePipeline(PipelineLimits.defaults());
        pipeline.offer("home/kitchen/temp", "21".getBytes(), 0, false, false);
        pipeline.offer("home/kitchen/temp", "22".getBytes(), 1, false, false);
        pipeline.offer("home/hall/light", "on".getBytes(), 1, true, false);
        awaitProcessed(3);
        List<TopicSnapshot> all = pipeline.allTopics();
        TopicSnapshot home = all.stream().filter(t -> t.path().equals("home")).findFirst().orElseThrow();
        assertThat(home.subtreeMessages()).isEqualTo(3);
        assertThat(home.topicsInSubtree()).isEqualTo(2);
        assertThat(home.ownMessages()).isZero();
        TopicSnapshot temp = all.stream().filter(t -> t.path().equals("home/kitchen/temp")).findFirst().orElseThrow();
        assertThat(new String(temp.last().payload())).isEqualTo("22");
        assertThat(temp.parentPath()).isEqualTo("home/kitchen");
        TopicSnapshot light = all.stream().filter(t -> t.path().equals("home/hall/light")).findFirst().orElseThrow();
        assertThat(light.retained()).isTrue();
        assertThat(pipeline.history("home", true)).extracting(m -> new String(m.payload()))
                .containsExactly("21", "22", "on");
    }

    @Test
    void historiesNeverExceedTheirBoundsUnderAFlood() throws Exception {
        PipelineLimits limits = new PipelineLimits(50, 2_000, 16, 10_000, 1_000_000, 100);
        pipeline = new MessagePipeline(limits);
        int producers = 4;
        int perProducer = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        for (int p = 0; p < producers; p++) {
            int id = p;
            pool.submit(() -> {
                for (int i = 0; i < perProducer; i++) {
                    pipeline.offer("fleet/dev" + (i % 500) + "/p" + id, ("payload-of-some-length-" + i).getBytes(),
                            1, false, false);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        awaitProcessed((long) producers * perProducer);
        MessagePipeline.Stats s = pipeline.stats();
        assertThat(s.keptMessages()).isLessThanOrEqualTo(limits.overall());
        assertThat(s.keptMessages()).isEqualTo(limits.overall());
        for (TopicSnapshot t : pipeline.allTopics()) {
            assertThat(pipeline.history(t.path(), false).size()).isLessThanOrEqualTo(limits.perTopic());
        }
        assertThat(pipeline.history("", true)).hasSize(limits.overall())
                .allSatisfy(m -> assertThat(m.payload().length).isLessThanOrEqualTo(16));
        assertThat(s.processed() - s.keptMessages()).isEqualTo(s.evicted());
        assertThat(s.topics()).isEqualTo(1 + 500 + 500 * producers);
    }

    @Test
    void payloadsOverTheLimitAreKeptTruncatedWithTheirSize() throws Exception {
        pipeline = new MessagePipeline(new PipelineLimits(10, 100, 8, 100, 100, 10));
        pipeline.offer("big", "0123456789ABCDEF".getBytes(), 0, false, false);
        awaitProcessed(1);
        ReceivedMessage m = pipeline.history("big", false).get(0);
        assertThat(m.payload()).hasSize(8);
        assertThat(m.size()).isEqualTo(16);
        assertThat(m.truncated()).isTrue();
    }

    @Test
    void topicsBeyondTheLimitAreCountedNotTracked() throws Exception {
        pipeline = new MessagePipeline(new PipelineLimits(10, 100, 100, 3, 100, 10));
        pipeline.offer("a/b", new byte[0], 0, false, false);
        pipeline.offer("a/c", new byte[0], 0, false, false);
        pipeline.offer("d", new byte[0], 0, false, false);
        awaitProcessed(3);
        assertThat(pipeline.stats().topicsRefused()).isEqualTo(1);
        assertThat(pipeline.stats().topics()).isEqualTo(3);
    }

    @Test
    void changesAreCoalescedPerTopicAndTheWatchedSubtreeGetsItsMessages() throws Exception {
        pipeline = new MessagePipeline(PipelineLimits.defaults());
        pipeline.offer("s/x", "1".getBytes(), 0, false, false);
        awaitProcessed(1);
        assertThat(pipeline.watch("s")).hasSize(1);
        List<TopicSnapshot> drained = new ArrayList<>();
        pipeline.changes().drainTo(drained, 1_000);
        for (int i = 0; i < 100; i++) {
            pipeline.offer("s/x", ("v" + i).getBytes(), 0, false, false);
        }
        pipeline.offer("other/y", "z".getBytes(), 0, false, false);
        awaitProcessed(102);
        drained.clear();
        pipeline.changes().drainTo(drained, 1_000);
        assertThat(drained).extracting(TopicSnapshot::path).containsExactlyInAnyOrder("s", "s/x", "other", "other/y");
        TopicSnapshot x = drained.stream().filter(t -> t.path().equals("s/x")).findFirst().orElseThrow();
        assertThat(x.ownMessages()).isEqualTo(101);
        assertThat(new String(x.last().payload())).isEqualTo("v99");
        List<ReceivedMessage> watched = new ArrayList<>();
        pipeline.watched().drainTo(watched);
        assertThat(watched).hasSize(100).allMatch(m -> m.topic().equals("s/x"));
    }

    @Test
    void keptMessagesOfOneTopicShareOneTopicString() {
        pipeline = new MessagePipeline(PipelineLimits.defaults());
        for (int i = 0; i < 3; i++) {
            // a new string each time, as the MQTT client decodes one per message
            pipeline.offer(new String("one/topic".toCharArray()), ("v" + i).getBytes(), 0, false, false);
        }
        awaitProcessed(3);
        List<ReceivedMessage> kept = pipeline.history("one/topic", false);
        assertThat(kept).hasSize(3).extracting(ReceivedMessage::topic).containsOnly("one/topic");
        assertThat(kept.get(1).topic()).as("the topic's string, not the message's own copy")
                .isSameAs(kept.get(0).topic()).isSameAs(kept.get(2).topic());
        assertThat(kept).extracting(m -> new String(m.payload())).containsExactly("v0", "v1", "v2");
    }

    @Test
    void subtreeMatchingRespectsLevelBoundaries() {
        assertThat(MessagePipeline.isUnder("a/b", "a")).isTrue();
        assertThat(MessagePipeline.isUnder("ab/c", "a")).isFalse();
        assertThat(MessagePipeline.isUnder("a", "a")).isTrue();
        assertThat(MessagePipeline.isUnder("x", "")).isTrue();
    }
}
