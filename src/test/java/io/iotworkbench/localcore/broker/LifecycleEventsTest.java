package io.iotworkbench.localcore.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.localcore.DeviceIdentity;
import io.iotworkbench.localcore.policy.Authorizer;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.iotworkbench.localcore.broker.BrokerFixture.Received;
import static io.iotworkbench.localcore.broker.BrokerFixture.lostLatch;
import static io.iotworkbench.localcore.broker.BrokerFixture.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS IoT Core's lifecycle events with the documented fields, for each way a connection ends, delivered like any
 * message (only to subscribers allowed to receive them).
 */
@Tag("integration")
class LifecycleEventsTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode next(BlockingQueue<Received> q, String topic) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            Received r = q.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && r.topic().equals(topic)) {
                return json.readTree(r.message().getPayload());
            }
        }
        throw new AssertionError("no event on " + topic);
    }

    @Test
    void connectAndClientDisconnectEventsCarryTheDocumentedFields() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            BlockingQueue<Received> events = subscribe(f.connect("monitor"), "$aws/events/#", 1);
            DeviceIdentity d = f.device();
            long before = System.currentTimeMillis();
            MqttAsyncClient c = f.connect(d, "dev-1", o -> { });
            JsonNode connected = next(events, "$aws/events/presence/connected/dev-1");
            assertThat(connected.get("clientId").asText()).isEqualTo("dev-1");
            assertThat(connected.get("eventType").asText()).isEqualTo("connected");
            assertThat(connected.get("principalIdentifier").asText()).isEqualTo(d.certificateId());
            assertThat(connected.get("ipAddress").asText()).isEqualTo("127.0.0.1");
            assertThat(connected.get("sessionIdentifier").asText()).matches("[0-9a-f]{32}");
            assertThat(connected.get("timestamp").asLong()).isBetween(before, System.currentTimeMillis());
            assertThat(connected.get("versionNumber").asLong()).isZero();

            c.subscribe("some/topic", 1).waitForCompletion(60_000);
            JsonNode subscribed = next(events, "$aws/events/subscriptions/subscribed/dev-1");
            assertThat(subscribed.get("eventType").asText()).isEqualTo("subscribed");
            assertThat(subscribed.get("topics")).hasSize(1);
            assertThat(subscribed.get("topics").get(0).asText()).isEqualTo("some/topic");
            c.unsubscribe("some/topic").waitForCompletion(60_000);
            assertThat(next(events, "$aws/events/subscriptions/unsubscribed/dev-1").get("eventType").asText())
                    .isEqualTo("unsubscribed");

            c.disconnect().waitForCompletion(60_000);
            JsonNode gone = next(events, "$aws/events/presence/disconnected/dev-1");
            assertThat(gone.get("eventType").asText()).isEqualTo("disconnected");
            assertThat(gone.get("clientInitiatedDisconnect").asBoolean()).isTrue();
            assertThat(gone.get("disconnectReason").asText()).isEqualTo("CLIENT_INITIATED_DISCONNECT");
            assertThat(gone.get("sessionIdentifier").asText()).isEqualTo(connected.get("sessionIdentifier").asText());
            assertThat(gone.get("versionNumber").asLong()).isZero();
            assertThat(gone.has("ipAddress")).as("AWS: connect events only").isFalse();

            f.connect(d, "dev-1", o -> { });
            assertThat(next(events, "$aws/events/presence/connected/dev-1").get("versionNumber").asLong())
                    .as("the next connection of the client id").isEqualTo(1);
        }
    }

    @Test
    void disconnectReasonsNameWhyTheConnectionEnded() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, BrokerSettings.defaults().withMinKeepAlive(1))) {
            f.policy = (who, action, resource) -> action.equals("iot:Publish") && resource.equals("topic/forbidden")
                    ? Authorizer.Decision.deny("no") : Authorizer.Decision.allow("yes");
            BlockingQueue<Received> events = subscribe(f.connect("monitor"), "$aws/events/presence/disconnected/+", 1);
            DeviceIdentity d = f.device();

            try (RawMqttClient raw = f.raw(d)) {
                raw.connect("lost", 60, true);
            }
            assertReason(next(events, "$aws/events/presence/disconnected/lost"), "CONNECTION_LOST");

            MqttAsyncClient first = f.connect(d, "dup", o -> { });
            CountDownLatch lost = lostLatch(first, null);
            f.connect(d, "dup", o -> { });
            assertThat(lost.await(60, TimeUnit.SECONDS)).isTrue();
            assertReason(next(events, "$aws/events/presence/disconnected/dup"), "DUPLICATE_CLIENTID");

            f.connect(d, "denied", o -> { }).publish("forbidden", "x".getBytes(), 0, false);
            assertReason(next(events, "$aws/events/presence/disconnected/denied"), "AUTH_ERROR");

            f.connect(d, "rude", o -> { }).publish("$aws/things/t/shadow/update/accepted", "x".getBytes(), 0, false);
            assertReason(next(events, "$aws/events/presence/disconnected/rude"), "CLIENT_ERROR");

            try (RawMqttClient raw = f.raw(d)) {
                raw.connect("sleepy", 1, true);
                assertThat(raw.closedWithin(20_000)).isTrue();
            }
            assertReason(next(events, "$aws/events/presence/disconnected/sleepy"), "MQTT_KEEP_ALIVE_TIMEOUT");

            f.connect(d, "revoked", o -> { });
            f.statuses.put(d.certificateId(), "REVOKED");
            assertThat(f.broker.disconnectCertificate(d.certificateId())).isPositive();
            assertReason(next(events, "$aws/events/presence/disconnected/revoked"), "AUTH_ERROR");
        }
    }

    private static void assertReason(JsonNode event, String reason) {
        assertThat(event.get("disconnectReason").asText()).isEqualTo(reason);
        assertThat(event.get("clientInitiatedDisconnect").asBoolean()).isFalse();
    }

    @Test
    void eventsGoOnlyToSubscribersAllowedToReceiveThem() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            f.policy = (who, action, resource) -> action.equals("iot:Receive") && "nosy".equals(who.clientId())
                    && resource.startsWith("topic/$aws/events/")
                    ? Authorizer.Decision.deny("no events for nosy") : Authorizer.Decision.allow("yes");
            BlockingQueue<Received> nosy = subscribe(f.connect("nosy"), "$aws/events/#", 1);
            BlockingQueue<Received> ops = subscribe(f.connect("ops"), "$aws/events/#", 1);
            f.connect("someone");
            next(ops, "$aws/events/presence/connected/someone");
            assertThat(nosy.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void clientIdsWithWildcardCharactersGetNoEvents() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            BlockingQueue<Received> events = subscribe(f.connect("monitor"), "$aws/events/#", 1);
            f.connect("odd+id");
            f.connect("plain");
            java.util.List<String> seen = new java.util.ArrayList<>();
            while (!seen.contains("$aws/events/presence/connected/plain")) {
                Received r = events.poll(60, TimeUnit.SECONDS);
                assertThat(r).as("events until plain's").isNotNull();
                seen.add(r.topic());
            }
            assertThat(seen).noneMatch(t -> t.contains("odd"));
        }
    }
}
