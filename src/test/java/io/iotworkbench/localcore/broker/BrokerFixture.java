package io.iotworkbench.localcore.broker;

import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.localcore.DeviceIdentity;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.localcore.TestServerTls;
import io.iotworkbench.localcore.policy.Authorizer;
import io.iotworkbench.testsupport.Wait;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A real {@link LocalBroker} on a free loopback port with a test CA, a registry stand-in (certificate statuses in a
 * map), an authorizer the test can swap, and a listener that records what the broker reports; plus Paho clients
 * over real TLS. Close it after the test.
 */
final class BrokerFixture implements AutoCloseable {

    /** A received message with its topic. */
    record Received(String topic, MqttMessage message) {
        String text() {
            return new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    final LocalCa ca;
    final Map<String, String> statuses = new ConcurrentHashMap<>();
    final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    final List<String> connected = Collections.synchronizedList(new ArrayList<>());
    final List<String> disconnected = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, Long>> dropReports = Collections.synchronizedList(new ArrayList<>());
    final List<Authorizer.Principal> principals = Collections.synchronizedList(new ArrayList<>());
    volatile Authorizer policy = Authorizer.ALLOW_ALL;
    final LocalBroker broker;
    private final SSLContext serverTls;
    private final List<MqttAsyncClient> clients = Collections.synchronizedList(new ArrayList<>());
    private final List<AutoCloseable> others = Collections.synchronizedList(new ArrayList<>());

    BrokerFixture(Path dir) throws Exception {
        this(dir, BrokerSettings.defaults());
    }

    BrokerFixture(Path dir, BrokerSettings settings) throws Exception {
        ca = LocalCa.openOrCreate(dir.resolve("ca"), Clock.systemUTC());
        ClientCertificatePolicy certs = (cert, id) -> {
            String s = statuses.get(id);
            return s == null ? Optional.of("certificate " + id + " is not registered")
                    : s.equals("ACTIVE") ? Optional.empty() : Optional.of("certificate " + id + " is " + s);
        };
        serverTls = TestServerTls.context(ca, dir.resolve("ca"), "127.0.0.1",
                LocalBroker.clientTrust(certs, Clock.systemUTC()));
        Authorizer asking = (who, action, resource) -> {
            principals.add(who);
            return policy.authorize(who, action, resource);
        };
        broker = LocalBroker.start("127.0.0.1", 0, serverTls, asking, new GatewayListener() {
            @Override
            public void refused(String clientId, String reason) {
                refusals.add(reason);
            }

            @Override
            public void clientConnected(String clientId, String certificateId, String remoteAddress) {
                connected.add(clientId);
            }

            @Override
            public void clientDisconnected(String clientId, String certificateId) {
                disconnected.add(clientId);
            }

            @Override
            public void droppedForSlowSubscribers(Map<String, Long> sinceLastReport, long total) {
                dropReports.add(sinceLastReport);
            }
        }, settings, Clock.systemUTC());
    }

    DeviceIdentity device() {
        DeviceIdentity d = DeviceIdentity.issuedBy(ca);
        statuses.put(d.certificateId(), "ACTIVE");
        return d;
    }

    MqttConnectOptions options(DeviceIdentity d) throws Exception {
        return d.options("localhost", broker.port());
    }

    /** A connected Paho client with a clean session. */
    MqttAsyncClient connect(String clientId) throws Exception {
        return connect(device(), clientId, o -> { });
    }

    MqttAsyncClient connect(DeviceIdentity d, String clientId, Consumer<MqttConnectOptions> tune) throws Exception {
        MqttAsyncClient c = client(clientId);
        MqttConnectOptions o = options(d);
        tune.accept(o);
        c.connect(o).waitForCompletion(60_000);
        return c;
    }

    /** A Paho client that is not connected yet (to set a callback first). */
    MqttAsyncClient client(String clientId) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient("ssl://localhost:" + broker.port(), clientId, new MemoryPersistence());
        clients.add(c);
        return c;
    }

    /** Every message {@code c} receives, subscribed or not (the client's callback). */
    static BlockingQueue<Received> inbox(MqttAsyncClient c) {
        BlockingQueue<Received> q = new LinkedBlockingQueue<>();
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                q.add(new Received(topic, message));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        return q;
    }

    /** A latch that opens when {@code c} loses its connection (replaces the client's callback). */
    static CountDownLatch lostLatch(MqttAsyncClient c, BlockingQueue<Received> inbox) {
        CountDownLatch lost = new CountDownLatch(1);
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.countDown();
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (inbox != null) {
                    inbox.add(new Received(topic, message));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        return lost;
    }

    /** Subscribes and returns the messages of this subscription. */
    static BlockingQueue<Received> subscribe(MqttAsyncClient c, String filter, int qos) throws Exception {
        BlockingQueue<Received> q = new LinkedBlockingQueue<>();
        c.subscribe(filter, qos, (t, m) -> q.add(new Received(t, m))).waitForCompletion(60_000);
        return q;
    }

    /** A raw MQTT client over TLS (for what Paho cannot do: stop reading, keep silent, not acknowledge). */
    RawMqttClient raw(DeviceIdentity d) throws Exception {
        return raw(d, 0);
    }

    /** The same with a small socket receive buffer (a subscriber that fills up quickly when it stops reading). */
    RawMqttClient raw(DeviceIdentity d, int receiveBuffer) throws Exception {
        var ctx = TlsContexts.clientContext(List.of(d.certificate()), d.keys().getPrivate(), List.of(ca.certificate()));
        RawMqttClient r = new RawMqttClient(ctx, "localhost", broker.port(), receiveBuffer);
        others.add(r);
        return r;
    }

    static void waitFor(BooleanSupplier condition, String what) {
        Wait.until(what, condition);
    }

    @Override
    public void close() {
        List.copyOf(clients).forEach(DeviceIdentity::closeQuietly);
        for (AutoCloseable c : List.copyOf(others)) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        broker.close();
    }
}
