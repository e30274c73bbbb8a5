package io.iotworkbench.localcore.broker;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.iotworkbench.localcore.broker.BrokerFixture.Received;
import static io.iotworkbench.localcore.broker.BrokerFixture.inbox;
import static io.iotworkbench.localcore.broker.BrokerFixture.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing over real TLS with Paho: wildcards with AWS's rules, overlapping subscriptions, retained messages and
 * {@code deliverTo}.
 */
@Tag("integration")
class BrokerRoutingTest {

    @TempDir
    Path dir;

    @Test
    void overlappingSubscriptionsDeliverOnceAtTheHighestQos() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            MqttAsyncClient c = f.connect("overlap");
            BlockingQueue<Received> all = inbox(c);
            c.subscribe(new String[] {"o/+", "o/#", "o/x"}, new int[] {0, 1, 0}).waitForCompletion(60_000);
            f.connect("o-pub").publish("o/x", "once".getBytes(), 1, false).waitForCompletion(60_000);
            Received r = all.poll(60, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.message().getQos()).isEqualTo(1);
            assertThat(all.poll(500, TimeUnit.MILLISECONDS)).as("no second copy").isNull();
        }
    }

    @Test
    void wildcardsFollowAwsRulesForDollarTopicsAndTheParentOfHash() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            // one subscription per client: Paho hands a message to every listener whose filter matches by its own rules
            BlockingQueue<Received> hash = subscribe(f.connect("w-hash"), "#", 1);
            BlockingQueue<Received> plus = subscribe(f.connect("w-plus"), "+/things/+/shadow/update/accepted", 1);
            BlockingQueue<Received> sensor = subscribe(f.connect("w-sensor"), "sensor/#", 1);
            BlockingQueue<Received> aws = subscribe(f.connect("w-aws"), "$aws/things/+/shadow/update/accepted", 1);

            f.broker.publish("$aws/things/t1/shadow/update/accepted", "{}".getBytes(), 1, false);
            assertThat(aws.poll(60, TimeUnit.SECONDS)).as("explicit $aws filter").isNotNull();
            MqttAsyncClient pub = f.connect("wild-pub");
            pub.publish("sensor", "parent".getBytes(), 1, false).waitForCompletion(60_000);
            pub.publish("sensor/", "empty level".getBytes(), 1, false).waitForCompletion(60_000);
            pub.publish("sensor/a/b", "deep".getBytes(), 1, false).waitForCompletion(60_000);

            assertThat(sensor.poll(60, TimeUnit.SECONDS).topic()).isEqualTo("sensor/");
            assertThat(sensor.poll(60, TimeUnit.SECONDS).topic()).isEqualTo("sensor/a/b");
            assertThat(sensor.poll(300, TimeUnit.MILLISECONDS)).as("sensor/# does not match sensor (AWS)").isNull();
            for (String expected : new String[] {"sensor", "sensor/", "sensor/a/b"}) {
                Received r = hash.poll(60, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
                assertThat(r.topic()).as("# sees no $ topic, the others in order").isEqualTo(expected);
            }
            assertThat(hash.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(plus).as("a leading + does not match a $ topic").isEmpty();
        }
    }

    @Test
    void retainedMessagesReachExactSubscribersAndAnEmptyOneDeletesIt() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            MqttAsyncClient pub = f.connect("r-pub");
            pub.publish("config/dev1", "v1".getBytes(), 1, true).waitForCompletion(60_000);
            pub.publish("config/dev1", "v2".getBytes(), 1, true).waitForCompletion(60_000);
            assertThat(f.broker.retainedMessageCount()).isEqualTo(1);

            MqttAsyncClient exact = f.connect("r-exact");
            Received r = subscribe(exact, "config/dev1", 1).poll(60, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.text()).isEqualTo("v2");
            assertThat(r.message().isRetained()).isTrue();

            MqttAsyncClient wild = f.connect("r-wild");
            BlockingQueue<Received> wildQ = subscribe(wild, "config/#", 1);
            assertThat(wildQ.poll(500, TimeUnit.MILLISECONDS)).as("AWS: no retained message on a wildcard filter")
                    .isNull();

            MqttAsyncClient q0 = f.connect("r-q0");
            Received atQos0 = subscribe(q0, "config/dev1", 0).poll(60, TimeUnit.SECONDS);
            assertThat(atQos0.message().getQos()).isZero();

            pub.publish("config/dev1", new byte[0], 1, true).waitForCompletion(60_000);
            Received deleted = wildQ.poll(60, TimeUnit.SECONDS);
            assertThat(deleted).as("the empty retained message is still delivered").isNotNull();
            assertThat(deleted.message().getPayload()).isEmpty();
            assertThat(deleted.message().isRetained()).as("live deliveries carry no RETAIN").isFalse();
            assertThat(f.broker.retainedMessageCount()).isZero();
            MqttAsyncClient after = f.connect("r-after");
            assertThat(subscribe(after, "config/dev1", 1).poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void theRetainedStoreIsBoundedAndAPublishBeyondItIsRefused() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, BrokerSettings.defaults().withMaxRetainedMessages(2))) {
            MqttAsyncClient pub = f.connect("bound");
            pub.publish("r/1", "1".getBytes(), 1, true).waitForCompletion(60_000);
            pub.publish("r/2", "2".getBytes(), 1, true).waitForCompletion(60_000);
            pub.publish("r/2", "2b".getBytes(), 1, true).waitForCompletion(60_000);
            pub.publish("r/3", "3".getBytes(), 0, true);
            BrokerFixture.waitFor(() -> f.refusals.stream().anyMatch(s -> s.contains("at most 2 retained")),
                    "the third retained topic refused");
            assertThat(f.broker.retainedMessageCount()).isEqualTo(2);
            assertThat(pub.isConnected()).isTrue();
        }
    }

    @Test
    void deliverToReachesOnlyTheNamedClientWithoutASubscription() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            MqttAsyncClient target = f.connect("requester");
            BlockingQueue<Received> targetInbox = inbox(target);
            MqttAsyncClient other = f.connect("bystander");
            BlockingQueue<Received> otherInbox = subscribe(other, "$aws/things/+/jobs/#", 1);
            String topic = "$aws/things/t1/jobs/$next/get/accepted";

            assertThat(f.broker.deliverTo("requester", topic, "{\"execution\":{}}".getBytes(), 1)).isTrue();
            Received r = targetInbox.poll(60, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.topic()).isEqualTo(topic);
            assertThat(r.message().getQos()).as("QoS honoured").isEqualTo(1);
            assertThat(f.broker.deliverTo("requester", topic, "q0".getBytes(), 0)).isTrue();
            assertThat(targetInbox.poll(60, TimeUnit.SECONDS).message().getQos()).isZero();

            assertThat(f.broker.deliverTo("nobody", topic, new byte[0], 1)).isFalse();
            assertThat(otherInbox.poll(500, TimeUnit.MILLISECONDS)).as("nobody else gets it").isNull();
            assertThat(f.broker.unmatchedAcknowledgements()).isZero();
        }
    }
}
