package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test device connected to a Local IoT Core over TLS with a provisioned thing's files: subscribes to a filter and
 * collects (topic, JSON) replies in order; {@link #next} takes them by topic.
 */
public final class ShadowClient implements AutoCloseable {

    public record Reply(String topic, JsonNode json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MqttAsyncClient client;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final java.util.List<Reply> passedOver = new java.util.ArrayList<>();

    public ShadowClient(LocalIoTCore core, LocalIoTCore.ProvisionedThing thing, String clientId) throws Exception {
        this(core.mqttHost(), core.mqttPort(), core.caFile(), thing, clientId);
    }

    public ShadowClient(String host, int port, java.nio.file.Path caFile, LocalIoTCore.ProvisionedThing thing,
                        String clientId) throws Exception {
        var ctx = TlsContexts.clientContext(PemFiles.readCertificates(thing.certificateFile()),
                PemFiles.readPrivateKey(thing.privateKeyFile()), PemFiles.readCertificates(caFile));
        MqttConnectOptions o = new MqttConnectOptions();
        o.setSocketFactory(TlsContexts.socketFactory(ctx, host, port));
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        client = new MqttAsyncClient("ssl://" + host + ":" + port, clientId, new MemoryPersistence());
        client.connect(o).waitForCompletion(60_000);
    }

    public ShadowClient subscribe(String filter) throws Exception {
        client.subscribe(filter, 1, (t, m) -> replies.add(new Reply(t, parse(m.getPayload()))))
                .waitForCompletion(60_000);
        return this;
    }

    private static JsonNode parse(byte[] payload) {
        try {
            return payload.length == 0 ? JSON.createObjectNode() : JSON.readTree(payload);
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(new String(payload, StandardCharsets.UTF_8));
        }
    }

    public void publish(String topic, String payload) throws Exception {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(60_000);
    }

    /**
     * The oldest message not taken yet whose topic ends with {@code suffix}; the ones it passes over stay for later
     * calls (messages of different paths, such as a jobs reply and the notifications of the same change, may arrive
     * in either order). Fails after a minute.
     */
    public Reply next(String suffix) throws InterruptedException {
        synchronized (passedOver) {
            for (java.util.Iterator<Reply> i = passedOver.iterator(); i.hasNext(); ) {
                Reply r = i.next();
                if (r.topic().endsWith(suffix)) {
                    i.remove();
                    return r;
                }
            }
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            Reply r = replies.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && r.topic().endsWith(suffix)) {
                return r;
            }
            if (r != null) {
                synchronized (passedOver) {
                    passedOver.add(r);
                }
            }
        }
        throw new AssertionError("no reply on *" + suffix + " within 60 s");
    }

    /** Publishes and waits for the reply on {@code topic + suffix}. */
    public Reply request(String topic, String payload, String suffix) throws Exception {
        publish(topic, payload);
        return next(topic.substring(topic.lastIndexOf('/')) + suffix);
    }

    /** Forgets every message received so far. */
    public void clear() {
        replies.clear();
        synchronized (passedOver) {
            passedOver.clear();
        }
    }

    public MqttAsyncClient paho() {
        return client;
    }

    @Override
    public void close() {
        DeviceIdentity.closeQuietly(client);
    }
}
