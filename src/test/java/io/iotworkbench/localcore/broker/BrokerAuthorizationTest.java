package io.iotworkbench.localcore.broker;

import io.iotworkbench.localcore.DeviceIdentity;
import io.iotworkbench.localcore.policy.Authorizer;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.iotworkbench.localcore.broker.BrokerFixture.Received;
import static io.iotworkbench.localcore.broker.BrokerFixture.inbox;
import static io.iotworkbench.localcore.broker.BrokerFixture.lostLatch;
import static io.iotworkbench.localcore.broker.BrokerFixture.subscribe;
import static io.iotworkbench.localcore.broker.BrokerFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker asks the {@link Authorizer} as AWS IoT Core evaluates policies over MQTT 3.1.1, and answers each denial
 * as AWS does: CONNECT → CONNACK 5 and close; PUBLISH → close, no PUBACK, nothing delivered; SUBSCRIBE → SUBACK 0x80
 * for that filter only; Receive → that subscriber does not get the message, nothing else changes. Test authorizers
 * are lambdas that deny chosen actions and resources.
 */
@Tag("integration")
class BrokerAuthorizationTest {

    @TempDir
    Path dir;

    private static Authorizer denying(String action, String resourcePrefix) {
        return (who, a, resource) -> a.equals(action) && resource.startsWith(resourcePrefix)
                ? Authorizer.Decision.deny("test policy denies " + a + " on " + resource)
                : Authorizer.Decision.allow("allowed");
    }

    @Test
    void connectDeniedGetsConnAck5AndTheAuthorizerSeesCertificateAndClientId() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            f.policy = denying("iot:Connect", "client/intruder");
            DeviceIdentity d = f.device();
            // 3.1.1 only: by default Paho would retry with MQTT 3.1 and report that refusal instead
            assertThatThrownBy(() -> f.connect(d, "intruder",
                    o -> o.setMqttVersion(org.eclipse.paho.client.mqttv3.MqttConnectOptions.MQTT_VERSION_3_1_1)))
                    .isInstanceOfSatisfying(MqttException.class,
                            e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
            assertThat(f.refusals).anyMatch(r -> r.contains("iot:Connect on client/intruder denied")
                    && r.contains("test policy denies"));
            assertThat(f.principals).anyMatch(p -> p.clientId().equals("intruder")
                    && p.certificateId().equals(d.certificateId()));
            assertThat(f.connected).doesNotContain("intruder");
            assertThat(f.connect(d, "friend", o -> { }).isConnected()).isTrue();
        }
    }

    @Test
    void publishDeniedClosesTheConnectionWithoutPubAckAndDeliversNothing() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            f.policy = denying("iot:Publish", "topic/secret/");
            BlockingQueue<Received> got = subscribe(f.connect("pd-sub"), "#", 1);
            MqttAsyncClient pub = f.connect("pd-pub");
            CountDownLatch lost = lostLatch(pub, null);
            var token = pub.publish("secret/plans", "x".getBytes(), 1, false);
            assertThat(lost.await(60, TimeUnit.SECONDS)).as("connection closed").isTrue();
            assertThat(token.isComplete() && token.getException() == null).as("no PUBACK").isFalse();
            assertThat(got.poll(500, TimeUnit.MILLISECONDS)).as("nothing delivered").isNull();
            assertThat(f.refusals).anyMatch(r -> r.contains("iot:Publish on topic/secret/plans denied")
                    && r.contains("test policy denies"));
        }
    }

    @Test
    void aRetainedPublishAlsoNeedsRetainPublish() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            f.policy = denying("iot:RetainPublish", "topic/");
            BlockingQueue<Received> got = subscribe(f.connect("rp-sub"), "rp/#", 1);
            MqttAsyncClient pub = f.connect("rp-pub");
            pub.publish("rp/plain", "ok".getBytes(), 1, false).waitForCompletion(60_000);
            assertThat(got.poll(60, TimeUnit.SECONDS).text()).isEqualTo("ok");
            CountDownLatch lost = lostLatch(pub, null);
            pub.publish("rp/kept", "no".getBytes(), 1, true);
            assertThat(lost.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(got.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(f.broker.retainedMessageCount()).isZero();
            assertThat(f.refusals).anyMatch(r -> r.contains("iot:RetainPublish on topic/rp/kept denied"));
        }
    }

    @Test
    void subscribeDeniedFailsThatFilterOnlyAndTheConnectionStays() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            f.policy = denying("iot:Subscribe", "topicfilter/secret/");
            MqttAsyncClient c = f.connect("sd");
            BlockingQueue<Received> all = inbox(c);
            IMqttToken t = c.subscribe(new String[] {"open/#", "secret/#", "open2"}, new int[] {1, 1, 0});
            t.waitForCompletion(60_000);
            assertThat(t.getGrantedQos()).containsExactly(1, 0x80, 0);
            assertThat(c.isConnected()).isTrue();
            MqttAsyncClient pub = f.connect("sd-pub");
            pub.publish("secret/a", "hidden".getBytes(), 1, false).waitForCompletion(60_000);
            pub.publish("open/a", "seen".getBytes(), 1, false).waitForCompletion(60_000);
            Received r = all.poll(60, TimeUnit.SECONDS);
            assertThat(r.text()).isEqualTo("seen");
            assertThat(all.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(f.refusals).anyMatch(x -> x.contains("iot:Subscribe on topicfilter/secret/# denied"));
        }
    }

    @Test
    void receiveDeniedSkipsThatSubscriberOnlyIncludingRetainedAndQueuedMessages() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            Authorizer base = (who, action, resource) -> action.equals("iot:Receive") && "blind".equals(who.clientId())
                    && resource.startsWith("topic/secret/")
                    ? Authorizer.Decision.deny("statement S1 of policy P denies iot:Receive")
                    : Authorizer.Decision.allow("allowed");
            f.policy = base;
            DeviceIdentity blindDevice = f.device();
            MqttAsyncClient blind = f.connect(blindDevice, "blind", o -> o.setCleanSession(false));
            BlockingQueue<Received> blindQ = inbox(blind);
            blind.subscribe("secret/#", 1).waitForCompletion(60_000);
            blind.subscribe("public/#", 1).waitForCompletion(60_000);
            BlockingQueue<Received> seeing = subscribe(f.connect("seeing"), "secret/#", 1);
            MqttAsyncClient pub = f.connect("rd-pub");

            pub.publish("secret/a", "live".getBytes(), 1, false).waitForCompletion(60_000);
            pub.publish("public/a", "public".getBytes(), 1, false).waitForCompletion(60_000);
            assertThat(seeing.poll(60, TimeUnit.SECONDS).text()).isEqualTo("live");
            Received pubMsg = blindQ.poll(60, TimeUnit.SECONDS);
            assertThat(pubMsg.topic()).as("only the allowed message").isEqualTo("public/a");
            assertThat(blind.isConnected()).as("nothing else changes").isTrue();
            assertThat(f.refusals).anyMatch(r -> r.contains("iot:Receive on topic/secret/a denied")
                    && r.contains("statement S1"));

            // retained: an exact subscription would get it, but Receive is denied
            pub.publish("secret/retained", "kept".getBytes(), 1, true).waitForCompletion(60_000);
            blindQ.clear();
            blind.subscribe("secret/retained", 1).waitForCompletion(60_000);
            assertThat(blindQ.poll(500, TimeUnit.MILLISECONDS)).as("no retained message").isNull();

            // queued while offline, checked when delivered at reconnect
            blind.disconnect().waitForCompletion(60_000);
            waitFor(() -> !f.broker.connectedClients().contains("blind"), "blind offline");
            pub.publish("secret/b", "queued".getBytes(), 1, false).waitForCompletion(60_000);
            pub.publish("public/b", "queued public".getBytes(), 1, false).waitForCompletion(60_000);
            MqttAsyncClient back = f.client("blind");
            BlockingQueue<Received> backQ = inbox(back);
            var o = f.options(blindDevice);
            o.setCleanSession(false);
            back.connect(o).waitForCompletion(60_000);
            Received first = backQ.poll(60, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.topic()).isEqualTo("public/b");
            assertThat(backQ.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void theLastWillNeedsPublishPermission() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            f.policy = denying("iot:Publish", "topic/wills/forbidden");
            BlockingQueue<Received> wills = subscribe(f.connect("w-sub"), "wills/#", 1);
            DeviceIdentity d = f.device();
            f.connect(d, "w1", o -> o.setWill("wills/forbidden", "x".getBytes(), 1, false))
                    .disconnectForcibly(0, 1_000, false);
            f.connect(d, "w2", o -> o.setWill("wills/allowed", "y".getBytes(), 1, false))
                    .disconnectForcibly(0, 1_000, false);
            Received r = wills.poll(60, TimeUnit.SECONDS);
            assertThat(r.topic()).isEqualTo("wills/allowed");
            assertThat(wills.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(f.refusals).anyMatch(x -> x.contains("last will on wills/forbidden not published"));
        }
    }
}
