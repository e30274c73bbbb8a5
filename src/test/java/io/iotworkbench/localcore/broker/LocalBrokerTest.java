package io.iotworkbench.localcore.broker;

import io.iotworkbench.localcore.DeviceIdentity;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.localcore.TestServerTls;
import io.iotworkbench.testsupport.Wait;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway and broker over real TLS with Paho clients: identity checks and AWS IoT's MQTT rules. */
@Tag("integration")
class LocalBrokerTest {

    @TempDir
    Path dir;

    private LocalCa ca;
    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    private LocalBroker broker;
    private final List<MqttAsyncClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ca = LocalCa.openOrCreate(dir.resolve("ca"), Clock.systemUTC());
        ClientCertificatePolicy policy = (cert, id) -> {
            String s = statuses.get(id);
            return s == null ? Optional.of("certificate " + id + " is not registered")
                    : s.equals("ACTIVE") ? Optional.empty() : Optional.of("certificate " + id + " is " + s);
        };
        var tls = TestServerTls.context(ca, dir.resolve("ca"), "127.0.0.1", LocalBroker.clientTrust(policy,
                Clock.systemUTC()));
        broker = LocalBroker.start("127.0.0.1", 0, tls, io.iotworkbench.localcore.policy.Authorizer.ALLOW_ALL,
                new GatewayListener() {
            @Override
            public void refused(String clientId, String reason) {
                refusals.add(reason);
            }
        });
    }

    @AfterEach
    void stop() {
        clients.forEach(DeviceIdentity::closeQuietly);
        broker.close();
    }

    private DeviceIdentity activeDevice() {
        DeviceIdentity d = DeviceIdentity.issuedBy(ca);
        statuses.put(d.certificateId(), "ACTIVE");
        return d;
    }

    private MqttAsyncClient connect(DeviceIdentity d, String clientId) throws Exception {
        MqttAsyncClient c = d.connect("localhost", broker.port(), clientId);
        clients.add(c);
        return c;
    }

    private BlockingQueue<MqttMessage> subscribe(MqttAsyncClient c, String filter, int qos) throws MqttException {
        BlockingQueue<MqttMessage> q = new ArrayBlockingQueue<>(1000);
        IMqttMessageListener l = (t, m) -> q.add(m);
        c.subscribe(filter, qos, l).waitForCompletion(60_000);
        return q;
    }

    private CountDownLatch lostLatch(MqttAsyncClient c) {
        CountDownLatch lost = new CountDownLatch(1);
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.countDown();
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        return lost;
    }

    @Test
    void registeredActiveDevicesExchangeMessagesOverTls() throws Exception {
        MqttAsyncClient sub = connect(activeDevice(), "sub");
        MqttAsyncClient pub = connect(activeDevice(), "pub");
        BlockingQueue<MqttMessage> got = subscribe(sub, "sensors/+/temperature", 1);
        pub.publish("sensors/kitchen/temperature", "21.5".getBytes(), 1, false).waitForCompletion(60_000);
        MqttMessage m = got.poll(60, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(new String(m.getPayload())).isEqualTo("21.5");
        assertThat(broker.connectedClients()).contains("sub", "pub");
    }

    @Test
    void unknownInactiveAndRevokedCertificatesAreRefusedAtTheHandshake() throws Exception {
        DeviceIdentity unknown = DeviceIdentity.issuedBy(ca);
        assertThatThrownBy(() -> unknown.connect("localhost", broker.port(), "u")).isInstanceOf(MqttException.class);
        DeviceIdentity inactive = DeviceIdentity.issuedBy(ca);
        statuses.put(inactive.certificateId(), "INACTIVE");
        assertThatThrownBy(() -> inactive.connect("localhost", broker.port(), "i")).isInstanceOf(MqttException.class);
        DeviceIdentity revoked = DeviceIdentity.issuedBy(ca);
        statuses.put(revoked.certificateId(), "REVOKED");
        assertThatThrownBy(() -> revoked.connect("localhost", broker.port(), "r")).isInstanceOf(MqttException.class);
        waitFor(() -> refusals.size() >= 3);
        assertThat(String.join("\n", refusals)).contains("not registered", "is INACTIVE", "is REVOKED");
    }

    @Test
    void aCertificateLeavingActiveLosesItsConnection() throws Exception {
        DeviceIdentity d = activeDevice();
        MqttAsyncClient c = connect(d, "dev");
        CountDownLatch lost = lostLatch(c);
        statuses.put(d.certificateId(), "INACTIVE");
        assertThat(broker.disconnectCertificate(d.certificateId())).isEqualTo(1);
        assertThat(lost.await(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void secondConnectionWithTheSameClientIdTakesOver() throws Exception {
        DeviceIdentity d = activeDevice();
        MqttAsyncClient first = connect(d, "same-id");
        CountDownLatch lost = lostLatch(first);
        MqttAsyncClient second = connect(d, "same-id");
        assertThat(lost.await(60, TimeUnit.SECONDS)).as("old connection dropped").isTrue();
        assertThat(second.isConnected()).isTrue();
    }

    @Test
    void qos2PublishesAreNotAcknowledgedNorDelivered() throws Exception {
        MqttAsyncClient sub = connect(activeDevice(), "sub");
        MqttAsyncClient pub = connect(activeDevice(), "pub");
        BlockingQueue<MqttMessage> got = subscribe(sub, "q/#", 1);
        var token = pub.publish("q/two", "x".getBytes(), 2, false);
        assertThatThrownBy(() -> token.waitForCompletion(1_500)).isInstanceOf(MqttException.class);
        assertThat(got.poll(500, TimeUnit.MILLISECONDS)).isNull();
        pub.publish("q/one", "y".getBytes(), 1, false).waitForCompletion(60_000);
        assertThat(new String(got.poll(60, TimeUnit.SECONDS).getPayload())).isEqualTo("y");
        assertThat(refusals).anyMatch(r -> r.contains("QoS 0 and 1 only"));
    }

    @Test
    void topicsLongerThan256BytesOrWithMoreThan7SlashesCloseTheConnection() throws Exception {
        MqttAsyncClient c = connect(activeDevice(), "long");
        CountDownLatch lost = lostLatch(c);
        c.publish("a/".repeat(8) + "b", "x".getBytes(), 0, false);
        assertThat(lost.await(60, TimeUnit.SECONDS)).isTrue();
        MqttAsyncClient d = connect(activeDevice(), "long2");
        CountDownLatch lost2 = lostLatch(d);
        d.publish("t".repeat(257), "x".getBytes(), 0, false);
        assertThat(lost2.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(String.join("\n", refusals)).contains("8 slashes", "257 bytes");
    }

    @Test
    void payloadOf128KbPassesAndOneByteMoreClosesTheConnection() throws Exception {
        MqttAsyncClient sub = connect(activeDevice(), "big-sub");
        MqttAsyncClient pub = connect(activeDevice(), "big-pub");
        BlockingQueue<MqttMessage> got = subscribe(sub, "big", 1);
        byte[] max = new byte[128 * 1024];
        max[max.length - 1] = 7;
        pub.publish("big", max, 1, false).waitForCompletion(60_000);
        MqttMessage m = got.poll(60, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(m.getPayload()).hasSize(128 * 1024).endsWith(7);
        CountDownLatch lost = lostLatch(pub);
        pub.publish("big", new byte[128 * 1024 + 1], 1, false);
        assertThat(lost.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(got.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void clientsMayNotPublishToResponseTopicsNorRetainOnReservedTopics() throws Exception {
        MqttAsyncClient c = connect(activeDevice(), "c1");
        CountDownLatch lost = lostLatch(c);
        c.publish("$aws/things/t1/shadow/update/accepted", "{}".getBytes(), 0, false);
        assertThat(lost.await(60, TimeUnit.SECONDS)).isTrue();
        MqttAsyncClient d = connect(activeDevice(), "c2");
        CountDownLatch lost2 = lostLatch(d);
        d.publish("$aws/things/t1/shadow/update", "{}".getBytes(), 0, true);
        assertThat(lost2.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(String.join("\n", refusals)).contains("may not publish to the reserved topic", "RETAIN");
    }

    @Test
    void invalidFiltersGetAFailedSubAck() throws Exception {
        MqttAsyncClient c = connect(activeDevice(), "f");
        var token = c.subscribe("a/b/c/d/e/f/g/h/#", 1);
        token.waitForCompletion(60_000);
        assertThat(token.getGrantedQos()).containsExactly(0x80);
        assertThat(c.isConnected()).isTrue();
    }

    @Test
    void servicePublishesReachSubscribersAndBadTopicsAreRefused() throws Exception {
        MqttAsyncClient c = connect(activeDevice(), "listener");
        BlockingQueue<MqttMessage> got = subscribe(c, "$aws/things/t1/shadow/update/accepted", 1);
        broker.publish("$aws/things/t1/shadow/update/accepted", "{\"version\":1}".getBytes(), 1, false);
        assertThat(new String(got.poll(60, TimeUnit.SECONDS).getPayload())).isEqualTo("{\"version\":1}");
        assertThatThrownBy(() -> broker.publish("a/+/b", new byte[0], 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Wildcards");
    }

    @Test
    void keepAliveBelow30SecondsIsRaisedTo30() throws Exception {
        DeviceIdentity d = activeDevice();
        var ctx = io.iotworkbench.cert.TlsContexts.clientContext(List.of(d.certificate()), d.keys().getPrivate(),
                List.of(ca.certificate()));
        try (SSLSocket s = (SSLSocket) io.iotworkbench.cert.TlsContexts.socketFactory(ctx, "localhost", 8883)
                .createSocket("localhost", broker.port())) {
            s.setSoTimeout(6_000);
            OutputStream out = s.getOutputStream();
            out.write(rawConnect("raw-ka", 1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] connack = in.readNBytes(4);
            assertThat(connack).containsExactly(0x20, 0x02, 0x00, 0x00);
            // with keep-alive 1 s taken literally the broker would drop us after 1.5 s of silence
            Thread.sleep(3_500);
            out.write(new byte[] {(byte) 0xC0, 0x00});
            out.flush();
            assertThat(in.readNBytes(2)).containsExactly(0xD0, 0x00);
        }
    }

    private static byte[] rawConnect(String clientId, int keepAlive) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, (byte) (keepAlive >> 8), (byte) keepAlive};
        int remaining = variable.length + 2 + id.length;
        byte[] packet = new byte[2 + remaining];
        packet[0] = 0x10;
        packet[1] = (byte) remaining;
        System.arraycopy(variable, 0, packet, 2, variable.length);
        packet[2 + variable.length] = (byte) (id.length >> 8);
        packet[3 + variable.length] = (byte) id.length;
        System.arraycopy(id, 0, packet, 4 + variable.length, id.length);
        return packet;
    }

    private static void waitFor(java.util.function.BooleanSupplier c) {
        Wait.until("the broker's state", c);
    }
}
