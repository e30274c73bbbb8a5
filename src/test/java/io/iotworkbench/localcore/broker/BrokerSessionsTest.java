package io.iotworkbench.localcore.broker;

import io.iotworkbench.localcore.DeviceIdentity;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.iotworkbench.localcore.broker.BrokerFixture.Received;
import static io.iotworkbench.localcore.broker.BrokerFixture.inbox;
import static io.iotworkbench.localcore.broker.BrokerFixture.lostLatch;
import static io.iotworkbench.localcore.broker.BrokerFixture.subscribe;
import static io.iotworkbench.localcore.broker.BrokerFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions over real TLS with Paho and a raw client: persistent sessions (subscriptions and QoS 1 messages kept
 * while offline, in-flight messages resent with DUP, expiry), clean sessions, client-id takeover, Last Will and the
 * keep-alive timeout.
 */
@Tag("integration")
class BrokerSessionsTest {

    @TempDir
    Path dir;

    @Test
    void aPersistentSessionKeepsSubscriptionsAndQos1MessagesWhileOffline() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            DeviceIdentity d = f.device();
            MqttAsyncClient first = f.connect(d, "keeper", o -> o.setCleanSession(false));
            subscribe(first, "ps/#", 1);
            first.disconnect().waitForCompletion(60_000);
            waitFor(() -> !f.broker.connectedClients().contains("keeper"), "keeper disconnected");

            MqttAsyncClient pub = f.connect("ps-pub");
            for (int i = 0; i < 5; i++) {
                pub.publish("ps/q1", ("m" + i).getBytes(), 1, false).waitForCompletion(60_000);
            }
            pub.publish("ps/q0", "not kept".getBytes(), 0, false).waitForCompletion(60_000);

            MqttAsyncClient again = f.client("keeper");
            BlockingQueue<Received> got = inbox(again);
            var options = f.options(d);
            options.setCleanSession(false);
            IMqttToken token = again.connect(options);
            token.waitForCompletion(60_000);
            assertThat(token.getSessionPresent()).as("CONNACK session present").isTrue();
            List<String> payloads = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Received r = got.poll(60, TimeUnit.SECONDS);
                assertThat(r).as("stored message " + i).isNotNull();
                assertThat(r.message().getQos()).isEqualTo(1);
                payloads.add(r.text());
            }
            assertThat(payloads).containsExactly("m0", "m1", "m2", "m3", "m4");
            pub.publish("ps/live", "live".getBytes(), 1, false).waitForCompletion(60_000);
            Received live = got.poll(60, TimeUnit.SECONDS);
            assertThat(live).as("the restored subscription delivers").isNotNull();
            assertThat(live.text()).isEqualTo("live");
            assertThat(got.poll(200, TimeUnit.MILLISECONDS)).as("the QoS 0 message was not kept").isNull();
        }
    }

    @Test
    void aCleanSessionConnectDiscardsThePersistentSession() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            DeviceIdentity d = f.device();
            MqttAsyncClient c = f.connect(d, "cs", o -> o.setCleanSession(false));
            subscribe(c, "cs/#", 1);
            c.disconnect().waitForCompletion(60_000);
            MqttAsyncClient clean = f.client("cs");
            BlockingQueue<Received> got = inbox(clean);
            IMqttToken token = clean.connect(f.options(d));
            token.waitForCompletion(60_000);
            assertThat(token.getSessionPresent()).isFalse();
            f.connect("cs-pub").publish("cs/x", "x".getBytes(), 1, false).waitForCompletion(60_000);
            assertThat(got.poll(500, TimeUnit.MILLISECONDS)).as("no subscription survived").isNull();
            clean.disconnect().waitForCompletion(60_000);
            MqttAsyncClient persistent = f.client("cs");
            var o = f.options(d);
            o.setCleanSession(false);
            IMqttToken t2 = persistent.connect(o);
            t2.waitForCompletion(60_000);
            assertThat(t2.getSessionPresent()).as("the clean session ended the old one").isFalse();
        }
    }

    @Test
    void aPersistentSessionExpiresAfterTheConfiguredTime() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, BrokerSettings.defaults()
                .withSessionExpiry(Duration.ofMillis(300)))) {
            DeviceIdentity d = f.device();
            MqttAsyncClient c = f.connect(d, "short", o -> o.setCleanSession(false));
            subscribe(c, "short/#", 1);
            assertThat(f.broker.sessionCount()).isEqualTo(1);
            c.disconnect().waitForCompletion(60_000);
            waitFor(() -> f.broker.sessionCount() == 0, "the session expired");
            MqttAsyncClient again = f.client("short");
            var o = f.options(d);
            o.setCleanSession(false);
            IMqttToken t = again.connect(o);
            t.waitForCompletion(60_000);
            assertThat(t.getSessionPresent()).isFalse();
        }
    }

    @Test
    void unacknowledgedQos1MessagesAreResentWithDupOnReconnect() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            DeviceIdentity d = f.device();
            int firstId;
            try (RawMqttClient raw = f.raw(d)) {
                assertThat(raw.connect("no-ack", 60, false)).containsExactly(0, 0);
                raw.subscribe(1, "na/#", 1);
                raw.readType(MqttPackets.SUBACK);
                f.connect("na-pub").publish("na/1", "first".getBytes(), 1, false).waitForCompletion(60_000);
                RawMqttClient.Packet p = raw.readType(MqttPackets.PUBLISH);
                assertThat(p.dup()).isFalse();
                assertThat(p.payloadText()).isEqualTo("first");
                firstId = p.publishPacketId();
                // dropped without PUBACK and without DISCONNECT
            }
            waitFor(() -> !f.broker.connectedClients().contains("no-ack"), "no-ack gone");
            try (RawMqttClient raw = f.raw(d)) {
                assertThat(raw.connect("no-ack", 60, false)).containsExactly(1, 0);
                RawMqttClient.Packet again = raw.readType(MqttPackets.PUBLISH);
                assertThat(again.dup()).as("DUP on the resend").isTrue();
                assertThat(again.publishPacketId()).isEqualTo(firstId);
                assertThat(again.payloadText()).isEqualTo("first");
                raw.pubAck(firstId);
                raw.disconnect();
            }
            assertThat(f.broker.unmatchedAcknowledgements()).isZero();
        }
    }

    @Test
    void takeoverOfAPersistentSessionKeepsItsSubscriptions() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            DeviceIdentity d = f.device();
            MqttAsyncClient first = f.connect(d, "twin", o -> o.setCleanSession(false));
            subscribe(first, "twin/#", 1);
            CountDownLatch lost = lostLatch(first, null);
            MqttAsyncClient second = f.client("twin");
            BlockingQueue<Received> got = inbox(second);
            var o = f.options(d);
            o.setCleanSession(false);
            IMqttToken t = second.connect(o);
            t.waitForCompletion(60_000);
            assertThat(lost.await(60, TimeUnit.SECONDS)).as("the first connection was dropped").isTrue();
            assertThat(t.getSessionPresent()).isTrue();
            f.connect("twin-pub").publish("twin/a", "to the new one".getBytes(), 1, false).waitForCompletion(60_000);
            Received r = got.poll(60, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.text()).isEqualTo("to the new one");
            assertThat(f.broker.connectedClients()).containsOnlyOnce("twin");
        }
    }

    @Test
    void theLastWillIsPublishedOnConnectionLossAndTakeoverButNotOnDisconnect() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            MqttAsyncClient watcher = f.connect("watcher");
            BlockingQueue<Received> wills = subscribe(watcher, "wills/#", 1);

            DeviceIdentity d = f.device();
            MqttAsyncClient polite = f.connect(d, "polite", o -> o.setWill("wills/polite", "gone".getBytes(), 1,
                    false));
            polite.disconnect().waitForCompletion(60_000);

            MqttAsyncClient lossy = f.connect(d, "lossy", o -> o.setWill("wills/lossy", "lost".getBytes(), 1, false));
            lossy.disconnectForcibly(0, 1_000, false);
            Received r = wills.poll(60, TimeUnit.SECONDS);
            assertThat(r).as("will after connection loss").isNotNull();
            assertThat(r.topic()).isEqualTo("wills/lossy");
            assertThat(r.text()).isEqualTo("lost");

            f.connect(d, "taken", o -> o.setWill("wills/taken", "taken over".getBytes(), 1, false));
            f.connect(d, "taken", o -> { });
            Received t = wills.poll(60, TimeUnit.SECONDS);
            assertThat(t).as("will after takeover").isNotNull();
            assertThat(t.topic()).isEqualTo("wills/taken");
            assertThat(wills.poll(300, TimeUnit.MILLISECONDS)).as("no will after DISCONNECT").isNull();
        }
    }

    @Test
    void aRetainedWillIsKeptForLaterSubscribers() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            DeviceIdentity d = f.device();
            MqttAsyncClient c = f.connect(d, "rw", o -> o.setWill("status/rw", "offline".getBytes(), 1, true));
            c.disconnectForcibly(0, 1_000, false);
            waitFor(() -> f.broker.retainedMessageCount() == 1, "the will was retained");
            MqttAsyncClient later = f.connect("later");
            Received r = subscribe(later, "status/rw", 1).poll(60, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.text()).isEqualTo("offline");
            assertThat(r.message().isRetained()).isTrue();
        }
    }

    @Test
    void aSilentClientIsDroppedAfterOneAndAHalfKeepAlivesAndAPingingOneStays() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, BrokerSettings.defaults().withMinKeepAlive(1))) {
            DeviceIdentity d = f.device();
            try (RawMqttClient raw = f.raw(d)) {
                assertThat(raw.connect("silent", 1, true)).containsExactly(0, 0);
                long start = System.nanoTime();
                assertThat(raw.closedWithin(20_000)).as("closed for silence").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isGreaterThanOrEqualTo(Duration.ofMillis(1_400));
            }
            waitFor(() -> f.disconnected.contains("silent"), "silent reported as disconnected");
            try (RawMqttClient raw = f.raw(d)) {
                raw.connect("pinger", 1, true);
                for (int i = 0; i < 4; i++) {
                    assertThat(raw.closedWithin(700)).isFalse();
                    raw.ping();
                }
            }
        }
    }
}
