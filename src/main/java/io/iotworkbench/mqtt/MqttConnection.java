package io.iotworkbench.mqtt;

import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.event.Notification;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Connector;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.session.ProfileResolver;
import io.iotworkbench.session.Session;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The session's MQTT connection: a Paho async client over mutual TLS for the session's profile (the shared TLS
 * factory: server verified, SNI, ALPN on 443), with the session's state machine kept true at every step
 * (CONNECTING, CONNECTED, RECONNECTING while it retries with exponential backoff and jitter, FAILED with an
 * explanation, DISCONNECTED), subscriptions restored after every reconnect, and topics checked against AWS's limits
 * before anything is sent.
 *
 * <p>Threading: public methods return at once; connection work runs on one private worker thread, in the order asked.
 * Message callbacks run on Paho's thread and go to the registered {@link MessageSink}s, which must only hand them to a
 * bounded buffer.
 */
public final class MqttConnection implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    /** A drop this soon after a publish or subscribe is taken as AWS refusing it (policy). */
    private static final long POLICY_DROP_WINDOW_MILLIS = 3_000;

    /** Receives every message of the connection, on Paho's callback thread. Must not block. */
    @FunctionalInterface
    public interface MessageSink {
        void accept(String topic, MqttMessage message);
    }

    private final Session session;
    private final ProfileResolver resolver;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("mqtt-connection"));
    private final List<MessageSink> sinks = new CopyOnWriteArrayList<>();
    private final List<Runnable> subscriptionListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Backoff backoff = Backoff.standard();
    private volatile MqttAsyncClient client;
    private volatile String lastOperation;
    private volatile long lastOperationMillis;
    private volatile boolean wanted;
    private volatile Function<String, Optional<String>> policyReasons = clientId -> Optional.empty();

    public MqttConnection(Session session, ProfileResolver resolver) {
        this.session = session;
        this.resolver = resolver;
    }

    /**
     * Where the Local IoT Core's reason for refusing or dropping a client id comes from (its newest denial of that
     * client id, e.g. "disconnected: policy P does not allow iot:Publish on topic/…"); used on LOCAL profiles for the
     * session's failure reason instead of a generic "connection lost".
     */
    public void explainPolicyDropsWith(Function<String, Optional<String>> reasons) {
        this.policyReasons = java.util.Objects.requireNonNull(reasons);
    }

    public void addSink(MessageSink sink) {
        sinks.add(sink);
    }

    public void removeSink(MessageSink sink) {
        sinks.remove(sink);
    }

    @Override
    public CompletableFuture<Void> connect() {
        if (session.moveTo(ConnectionState.CONNECTING, "").isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "Already " + session.state().name().toLowerCase()));
        }
        wanted = true;
        backoff.reset();
        return onWorker(this::firstConnect, worker);
    }

    private void firstConnect() {
        Profile profile = session.profile();
        try {
            Profile resolved = resolver.resolve(profile);
            open(resolved);
            session.transition(ConnectionState.CONNECTING, ConnectionState.CONNECTED, "")
                    .ifPresent(s -> session.events().publish(Notification.info("Connected to " + resolved.endpoint()
                            + ":" + resolved.port() + " as " + resolved.clientId() + ".")));
        } catch (Exception e) {
            wanted = false;
            closeClient();
            String reason = e instanceof ProfileIncompleteException ? e.getMessage()
                    : localPolicyReason(profile).orElseGet(() -> ConnectionErrors.explain(e, profile));
            LOG.info("Connection with profile '{}' failed: {}", profile.name(), reason);
            session.moveTo(ConnectionState.FAILED, reason);
            session.events().publish(Notification.error("Connection failed: " + reason));
            throw new CompletionException(reason, e);
        }
    }

    private void open(Profile p) throws Exception {
        if (p.certificateFile() == null || p.privateKeyFile() == null) {
            throw new ProfileIncompleteException("The profile '" + p.name() + "' has no device certificate or "
                    + "private key file. Edit the profile, or create one in the Certificates pane.");
        }
        if (p.endpoint() == null || p.endpoint().isBlank()) {
            throw new ProfileIncompleteException("The profile '" + p.name() + "' has no endpoint host.");
        }
        var chain = PemFiles.readCertificates(Path.of(p.certificateFile()));
        var key = PemFiles.readPrivateKey(Path.of(p.privateKeyFile()));
        List<X509Certificate> roots = p.rootCaFile() == null ? List.of()
                : PemFiles.readCertificates(Path.of(p.rootCaFile()));
        var ctx = TlsContexts.clientContext(chain, key, roots);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(TlsContexts.socketFactory(ctx, p.endpoint(), p.port()));
        options.setHttpsHostnameVerificationEnabled(true);
        options.setCleanSession(true);
        options.setKeepAliveInterval(60);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(15);
        options.setMaxInflight(1_000);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        MqttAsyncClient c = new MqttAsyncClient("ssl://" + p.endpoint() + ":" + p.port(), p.clientId(),
                new MemoryPersistence());
        c.setCallback(new Callbacks(p));
        client = c;
        try {
            c.connect(options).waitForCompletion(20_000);
        } catch (MqttException e) {
            client = null;
            c.close(true);
            throw e;
        }
        restoreSubscriptions(c);
        backoff.reset();
    }

    private void restoreSubscriptions(MqttAsyncClient c) throws MqttException {
        List<Subscription> subs;
        synchronized (subscriptions) {
            subs = List.copyOf(subscriptions.values());
        }
        for (Subscription s : subs) {
            c.subscribe(s.filter(), s.qos()).waitForCompletion(10_000);
        }
    }

    private void reconnectLater(String reason) {
        if (!wanted) {
            return;
        }
        long delay = backoff.nextDelayMillis();
        session.events().publish(Notification.warning("Connection lost (" + reason + "); retrying in "
                + Math.max(1, Math.round(delay / 1000.0)) + " s (attempt " + backoff.attempts() + ")."));
        worker.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        if (!wanted || session.state() != ConnectionState.RECONNECTING) {
            return;
        }
        Profile profile = session.profile();
        try {
            closeClient();
            open(resolver.resolve(profile));
            session.transition(ConnectionState.RECONNECTING, ConnectionState.CONNECTED, "")
                    .ifPresent(s -> session.events().publish(Notification.info("Reconnected; "
                            + subscriptionCount() + " subscriptions restored.")));
        } catch (Exception e) {
            String reason = localPolicyReason(profile).orElseGet(() -> ConnectionErrors.explain(e, profile));
            LOG.debug("Reconnect failed: {}", reason);
            session.moveTo(ConnectionState.RECONNECTING, reason);
            if (session.state() == ConnectionState.RECONNECTING) {
                reconnectLater(reason);
            }
        }
    }

    private int subscriptionCount() {
        synchronized (subscriptions) {
            return subscriptions.size();
        }
    }

    /**
     * Adds a subscription (kept across reconnects) and subscribes now when connected.
     *
     * @throws IllegalArgumentException when the filter breaks AWS's rules, or is {@code #} on an AWS profile
     */
    public CompletableFuture<Void> subscribe(Subscription s) {
        Optional<String> problem = AwsMqttLimits.checkTopicFilter(s.filter());
        if (problem.isEmpty() && session.profile().kind() == ProfileKind.AWS && s.filter().equals("#")) {
            problem = Optional.of("Subscribing to '#' on AWS receives every message of the account and AWS may "
                    + "disconnect you; subscribe to the topics you need instead.");
        }
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem.get()));
        }
        synchronized (subscriptions) {
            subscriptions.put(s.filter(), s);
        }
        subscriptionListeners.forEach(Runnable::run);
        return onWorker(() -> {
            MqttAsyncClient c = client;
            if (c != null && c.isConnected()) {
                try {
                    noteOperation("subscribed to " + s.filter(), "iot:Subscribe on topicfilter/" + s.filter());
                    c.subscribe(s.filter(), s.qos()).waitForCompletion(10_000);
                } catch (MqttException e) {
                    throw new CompletionException(ConnectionErrors.explain(e, session.profile()), e);
                }
            }
        }, worker);
    }

    public CompletableFuture<Void> unsubscribe(String filter) {
        synchronized (subscriptions) {
            subscriptions.remove(filter);
        }
        subscriptionListeners.forEach(Runnable::run);
        return onWorker(() -> {
            MqttAsyncClient c = client;
            if (c != null && c.isConnected()) {
                try {
                    c.unsubscribe(filter).waitForCompletion(10_000);
                } catch (MqttException e) {
                    throw new CompletionException(e.getMessage(), e);
                }
            }
        }, worker);
    }

    /** Called (on the caller's thread) after a subscription was added or removed. */
    public void addSubscriptionListener(Runnable listener) {
        subscriptionListeners.add(listener);
    }

    public List<Subscription> subscriptions() {
        synchronized (subscriptions) {
            return List.copyOf(subscriptions.values());
        }
    }

    /**
     * Publishes a message after checking topic, payload size and QoS against AWS's limits.
     *
     * @return completes when the broker acknowledged (QoS 1) or the message was written (QoS 0)
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        Optional<String> problem = AwsMqttLimits.checkTopicName(topic)
                .or(() -> AwsMqttLimits.checkPayload(payload.length))
                .or(() -> AwsMqttLimits.checkQos(qos))
                .or(() -> AwsMqttLimits.checkClientPublishToReserved(topic, retain));
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem.get()));
        }
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            return CompletableFuture.failedFuture(new IllegalStateException("Not connected: connect first."));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            noteOperation("published to " + topic, "iot:Publish on topic/" + topic);
            c.publish(topic, payload, qos, retain, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
                @Override
                public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void noteOperation(String what, String permission) {
        lastOperation = what + "|" + permission;
        lastOperationMillis = System.currentTimeMillis();
    }

    /** The reason for a connection loss, naming the policy when AWS dropped us right after an operation. */
    String lossReason(Throwable cause, Profile p) {
        Optional<String> policy = localPolicyReason(p);
        if (policy.isPresent()) {
            return policy.get();
        }
        String op = lastOperation;
        if (p.kind() == ProfileKind.AWS && op != null
                && System.currentTimeMillis() - lastOperationMillis < POLICY_DROP_WINDOW_MILLIS) {
            String[] parts = op.split("\\|", 2);
            return "AWS closed the connection right after you " + parts[0] + ": the policy attached to this "
                    + "certificate probably does not allow " + parts[1] + ".";
        }
        return ConnectionErrors.explain(cause, p);
    }

    /** On a LOCAL profile, the Local IoT Core's reason for refusing or dropping this client id, if it is recent. */
    private Optional<String> localPolicyReason(Profile p) {
        return p.kind() == ProfileKind.LOCAL && p.clientId() != null ? policyReasons.apply(p.clientId())
                : Optional.empty();
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        wanted = false;
        return onWorker(() -> {
            closeClient();
            if (session.moveTo(ConnectionState.DISCONNECTED, "").isPresent()) {
                session.events().publish(Notification.info("Disconnected."));
            }
        }, worker);
    }

    private void closeClient() {
        MqttAsyncClient c = client;
        client = null;
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect(1_000).waitForCompletion(2_000);
                }
            } catch (MqttException e) {
                LOG.debug("Disconnect: {}", e.getMessage());
            }
            try {
                c.close(true);
            } catch (MqttException e) {
                LOG.debug("Close: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        disconnect().exceptionally(e -> null).join();
        worker.shutdownNow();
    }

    /** Runs {@code work} on the connection's worker; after {@link #close} the future fails instead of throwing. */
    private CompletableFuture<Void> onWorker(Runnable work, java.util.concurrent.Executor executor) {
        try {
            return CompletableFuture.runAsync(work, executor);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The MQTT connection is closed."));
        }
    }

    /** Paho callbacks: keep the session's state true and hand messages to the sinks. */
    private final class Callbacks implements MqttCallback {
        private final Profile profile;

        Callbacks(Profile profile) {
            this.profile = profile;
        }

        @Override
        public void connectionLost(Throwable cause) {
            String reason = lossReason(cause, profile);
            LOG.info("Connection lost: {}", reason);
            if (session.transition(ConnectionState.CONNECTED, ConnectionState.RECONNECTING, reason).isPresent()) {
                worker.execute(() -> reconnectLater(reason));
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
        public void deliveryComplete(IMqttDeliveryToken token) {
            // QoS 1 acknowledgements complete the publish futures
        }
    }

    /** The profile lacks something needed to connect; the message says what. */
    static final class ProfileIncompleteException extends Exception {
        ProfileIncompleteException(String message) {
            super(message);
        }
    }
}
