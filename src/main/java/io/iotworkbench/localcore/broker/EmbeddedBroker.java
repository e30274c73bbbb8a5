package io.iotworkbench.localcore.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.PermitAllAuthorizatorPolicy;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The Moquette broker inside the Local IoT Core: routing, sessions, retained messages and QoS 1 delivery. It listens
 * in plain MQTT on a free loopback port that only the {@link MqttGateway} uses; every connection must present this
 * run's random secret as its password, so no other local process can bypass the gateway's TLS and AWS rules.
 * Telemetry is off (Moquette would otherwise contact outside hosts) and the message size is raised above AWS's
 * 128 KB (the gateway enforces the exact limit).
 *
 * <p>Thread-safe; Moquette runs its own threads.
 */
final class EmbeddedBroker implements AutoCloseable {

    /** The client id the services publish under. */
    static final String SERVICE_CLIENT_ID = "$local-iot-core";
    /** Commands per session loop; Moquette's default of 1,024 drops QoS 1 routes under a burst from a few clients. */
    private static final int SESSION_QUEUE_SIZE = 131_072;

    private final Server server = new Server();
    private final byte[] secret;

    private EmbeddedBroker(byte[] secret) {
        this.secret = secret;
    }

    static EmbeddedBroker start() throws IOException {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        EmbeddedBroker broker = new EmbeddedBroker(HexFormat.of().formatHex(raw).getBytes());
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
        p.setProperty(IConfig.PORT_PROPERTY_NAME, "0");
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(1024 * 1024));
        p.setProperty("allow_zero_byte_client_id", "false");
        p.setProperty("use_metrics", "false");
        p.setProperty("use_bugsnag", "false");
        p.setProperty(IConfig.BUFFER_FLUSH_MS_PROPERTY_NAME, "0");
        p.setProperty(IConfig.SESSION_QUEUE_SIZE, Integer.toString(SESSION_QUEUE_SIZE));
        broker.server.startServer(new MemoryConfig(p), List.of(), null, broker.authenticator(),
                new PermitAllAuthorizatorPolicy());
        return broker;
    }

    private IAuthenticator authenticator() {
        return (clientId, username, password) -> password != null && MessageDigest.isEqual(secret, password);
    }

    int port() {
        return server.getPort();
    }

    /** The password the gateway puts into every CONNECT it forwards. */
    byte[] secret() {
        return secret.clone();
    }

    /** Publishes as the service itself; Moquette delivers at min(qos, each subscription's QoS). */
    void publish(String topic, byte[] payload, int qos, boolean retain) {
        MqttFixedHeader fixed = new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), retain, 0);
        MqttPublishMessage msg = new MqttPublishMessage(fixed, new MqttPublishVariableHeader(topic, 0),
                Unpooled.wrappedBuffer(payload));
        server.internalPublish(msg, SERVICE_CLIENT_ID);
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
