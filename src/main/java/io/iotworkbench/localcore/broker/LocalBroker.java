package io.iotworkbench.localcore.broker;

import io.iotworkbench.localcore.ClientDelivery;
import io.iotworkbench.localcore.MessagePublisher;
import io.iotworkbench.mqtt.AwsMqttLimits;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;

/**
 * The Local IoT Core's MQTT side as one piece: the embedded Moquette broker behind the TLS {@link MqttGateway}.
 * Services publish through it ({@link MessagePublisher}); devices reach it on {@link #port()}.
 *
 * <p>Thread-safe.
 */
public final class LocalBroker implements MessagePublisher, ClientDelivery, AutoCloseable {

    private final EmbeddedBroker broker;
    private final MqttGateway gateway;

    private LocalBroker(EmbeddedBroker broker, MqttGateway gateway) {
        this.broker = broker;
        this.gateway = gateway;
    }

    /** The trust manager that admits device certificates {@code policy} accepts, for the server's TLS context. */
    public static TrustManager clientTrust(ClientCertificatePolicy policy, Clock clock) {
        return new RegistryTrustManager(policy, clock);
    }

    /**
     * Starts the broker and the gateway.
     *
     * @param tls server context whose trust manager is {@link #clientTrust}
     */
    public static LocalBroker start(String bindAddress, int port, SSLContext tls, GatewayListener listener)
            throws IOException {
        EmbeddedBroker broker = EmbeddedBroker.start();
        try {
            return new LocalBroker(broker, MqttGateway.start(bindAddress, port, tls, broker, listener));
        } catch (InterruptedException e) {
            broker.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding the MQTT port", e);
        } catch (Exception e) {
            broker.close();
            throw new IOException("The MQTT port " + bindAddress + ":" + port + " cannot be opened: "
                    + e.getMessage() + ". Choose another port or stop what uses it.", e);
        }
    }

    public int port() {
        return gateway.port();
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retain) {
        Optional<String> problem = AwsMqttLimits.checkTopicName(topic)
                .or(() -> AwsMqttLimits.checkPayload(payload.length))
                .or(() -> AwsMqttLimits.checkQos(qos));
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        broker.publish(topic, payload, qos, retain);
    }

    /** Interim: written straight into the client's connection at QoS 0 (the broker owns packet ids). */
    @Override
    public boolean deliverTo(String clientId, String topic, byte[] payload, int qos) {
        return gateway.deliverTo(clientId, topic, payload);
    }

    /** Drops the connections of a certificate that is no longer ACTIVE. */
    public int disconnectCertificate(String certificateId) {
        return gateway.disconnectCertificate(certificateId);
    }

    public Collection<String> connectedClients() {
        return gateway.connectedClients();
    }

    @Override
    public void close() {
        gateway.close();
        broker.close();
    }
}
