package io.iotworkbench.mqtt;

import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.event.Notification;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Connector;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileResolver;
import io.iotworkbench.session.Session;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The session's MQTT connection: a Paho async client over mutual TLS for the session's profile, with the session's
 * state machine kept true at every step (CONNECTING, CONNECTED, RECONNECTING while Paho retries, FAILED with an
 * explanation, DISCONNECTED).
 *
 * <p>Threading: {@link #connect()} and {@link #disconnect()} return at once; the work runs on one private worker
 * thread, so connects and disconnects happen in the order asked. Message callbacks run on Paho's thread and go to the
 * registered {@link MessageSink}s, which must only hand them to a bounded buffer.
 */
public final class MqttConnection implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    /** Receives every message of the connection, on Paho's callback thread. Must not block. */
    @FunctionalInterface
    public interface MessageSink {
        void accept(String topic, MqttMessage message);
    }

    private final Session session;
    private final ProfileResolver resolver;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mqtt-connection");
        t.setDaemon(true);
        return t;
    });
    private final List<MessageSink> sinks = new CopyOnWriteArrayList<>();
    private volatile MqttAsyncClient client;

    public MqttConnection(Session session, ProfileResolver resolver) {
        this.session = session;
        this.resolver = resolver;
    }

    public void addSink(MessageSink sink) {
        sinks.add(sink);
    }

    /** The connected client, or null. */
    public MqttAsyncClient client() {
        return client;
    }

    @Override
    public CompletableFuture<Void> connect() {
        if (session.moveTo(ConnectionState.CONNECTING, "").isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "Already " + session.state().name().toLowerCase()));
        }
        return CompletableFuture.runAsync(this::doConnect, worker);
    }

    private void doConnect() {
        Profile profile = session.profile();
        try {
            Profile resolved = resolver.resolve(profile);
            MqttAsyncClient c = open(resolved);
            client = c;
            session.transition(ConnectionState.CONNECTING, ConnectionState.CONNECTED, "")
                    .ifPresent(s -> session.events().publish(Notification.info("Connected to " + resolved.endpoint()
                            + ":" + resolved.port() + " as " + resolved.clientId() + ".")));
        } catch (Exception e) {
            String reason = e instanceof ProfileIncompleteException ? e.getMessage()
                    : ConnectionErrors.explain(e, profile);
            LOG.info("Connection with profile '{}' failed: {}", profile.name(), reason);
            session.moveTo(ConnectionState.FAILED, reason);
            session.events().publish(Notification.error("Connection failed: " + reason));
            throw new java.util.concurrent.CompletionException(reason, e);
        }
    }

    private MqttAsyncClient open(Profile p) throws Exception {
        if (p.certificateFile() == null || p.privateKeyFile() == null) {
            throw new ProfileIncompleteException("The profile '" + p.name() + "' has no device certificate or "
                    + "private key file. Edit the profile, or create one in the Certificates pane.");
        }
        if (p.endpoint() == null || p.endpoint().isBlank()) {
            throw new ProfileIncompleteException("The profile '" + p.name() + "' has no endpoint host.");
        }
        var chain = PemFiles.readCertificates(Path.of(p.certificateFile()));
        var key = PemFiles.readPrivateKey(Path.of(p.privateKeyFile()));
        var roots = p.rootCaFile() == null ? List.<java.security.cert.X509Certificate>of()
                : PemFiles.readCertificates(Path.of(p.rootCaFile()));
        var ctx = TlsContexts.clientContext(chain, key, roots);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(TlsContexts.socketFactory(ctx, p.endpoint(), p.port()));
        options.setHttpsHostnameVerificationEnabled(true);
        options.setCleanSession(true);
        options.setKeepAliveInterval(60);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(30_000);
        options.setConnectionTimeout(15);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        MqttAsyncClient c = new MqttAsyncClient("ssl://" + p.endpoint() + ":" + p.port(), p.clientId(),
                new MemoryPersistence());
        c.setCallback(new Callbacks(p));
        c.connect(options).waitForCompletion(20_000);
        return c;
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return CompletableFuture.runAsync(() -> {
            MqttAsyncClient c = client;
            client = null;
            if (c != null) {
                try {
                    c.disconnect(2_000).waitForCompletion(3_000);
                } catch (MqttException e) {
                    LOG.debug("Disconnect: {}", e.getMessage());
                }
                try {
                    c.close(true);
                } catch (MqttException e) {
                    LOG.debug("Close: {}", e.getMessage());
                }
            }
            if (session.moveTo(ConnectionState.DISCONNECTED, "").isPresent()) {
                session.events().publish(Notification.info("Disconnected."));
            }
        }, worker);
    }

    @Override
    public void close() {
        disconnect().join();
        worker.shutdown();
    }

    /** Paho callbacks: keep the session's state true and hand messages to the sinks. */
    private final class Callbacks implements MqttCallbackExtended {
        private final Profile profile;

        Callbacks(Profile profile) {
            this.profile = profile;
        }

        @Override
        public void connectionLost(Throwable cause) {
            String reason = ConnectionErrors.explain(cause, profile);
            session.transition(ConnectionState.CONNECTED, ConnectionState.RECONNECTING, reason)
                    .ifPresent(s -> session.events().publish(Notification.warning("Connection lost, reconnecting: "
                            + reason)));
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                session.transition(ConnectionState.RECONNECTING, ConnectionState.CONNECTED, "")
                        .ifPresent(s -> session.events().publish(Notification.info("Reconnected to " + serverURI)));
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            session.metrics().messageReceived(message.getPayload().length);
            for (MessageSink sink : sinks) {
                sink.accept(topic, message);
            }
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            // QoS 1 acknowledgements need no action here
        }
    }

    /** The profile lacks something needed to connect; the message says what. */
    static final class ProfileIncompleteException extends Exception {
        ProfileIncompleteException(String message) {
            super(message);
        }
    }
}
