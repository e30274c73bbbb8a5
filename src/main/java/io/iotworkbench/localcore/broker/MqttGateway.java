package io.iotworkbench.localcore.broker;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Local IoT Core's front door: a TLS listener that requires a device certificate the registry knows and that is
 * ACTIVE, applies AWS IoT Core's MQTT rules to every packet (QoS 0/1 only, topic and payload limits, reserved topics,
 * client ids, keep-alive clamped to 30–1200 s), and relays what passes to the {@link EmbeddedBroker} over one loopback
 * connection per client. See docs/decisions/0002-local-core-gateway.md for why the rules live here.
 *
 * <p>Threading: Netty event loops (one acceptor thread, two workers); each client's frontend and backend channels share
 * one event loop, so a connection's packets are handled in order without locks. Public methods are thread-safe.
 */
public final class MqttGateway implements AutoCloseable {

    /** ALPN protocol AWS uses for MQTT with client certificates on port 443. */
    public static final String AWS_MQTT_ALPN = "x-amzn-mqtt-ca";
    static final int MAX_DECODED_BYTES = 512 * 1024;

    private final EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("local-core-accept", true));
    private final EventLoopGroup workers = new NioEventLoopGroup(2, new DefaultThreadFactory("local-core-mqtt", true));
    private final SSLContext tls;
    private final EmbeddedBroker broker;
    private final GatewayListener listener;
    private final Map<String, Set<Channel>> channelsByCertificate = new ConcurrentHashMap<>();
    private final Map<String, Channel> channelsByClientId = new ConcurrentHashMap<>();
    private Channel serverChannel;

    private MqttGateway(SSLContext tls, EmbeddedBroker broker, GatewayListener listener) {
        this.tls = tls;
        this.broker = broker;
        this.listener = listener;
    }

    static MqttGateway start(String bindAddress, int port, SSLContext tls, EmbeddedBroker broker,
                             GatewayListener listener) throws InterruptedException {
        MqttGateway gateway = new MqttGateway(tls, broker, listener);
        gateway.bind(bindAddress, port);
        return gateway;
    }

    private void bind(String bindAddress, int port) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 512)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("tls", new SslHandler(serverEngine()));
                        ch.pipeline().addLast("frames", new MqttFrameSplitter(MAX_DECODED_BYTES));
                        ch.pipeline().addLast("encoder", MqttEncoder.INSTANCE);
                        ch.pipeline().addLast("rules", new GatewayConnection(MqttGateway.this));
                    }
                });
        serverChannel = b.bind(bindAddress, port).sync().channel();
    }

    private SSLEngine serverEngine() {
        SSLEngine engine = tls.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        engine.setHandshakeApplicationProtocolSelector((e, offered) ->
                offered.contains(AWS_MQTT_ALPN) ? AWS_MQTT_ALPN : "");
        return engine;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    EmbeddedBroker broker() {
        return broker;
    }

    GatewayListener listener() {
        return listener;
    }

    void registered(String clientId, String certificateId, Channel channel) {
        channelsByCertificate.computeIfAbsent(certificateId, k -> ConcurrentHashMap.newKeySet()).add(channel);
        channelsByClientId.put(clientId, channel);
    }

    void unregistered(String clientId, String certificateId, Channel channel) {
        Set<Channel> set = channelsByCertificate.get(certificateId);
        if (set != null) {
            set.remove(channel);
        }
        if (clientId != null) {
            channelsByClientId.remove(clientId, channel);
        }
    }

    /** Drops every connection that authenticated with this certificate (it left ACTIVE or was deleted). */
    public int disconnectCertificate(String certificateId) {
        Set<Channel> set = channelsByCertificate.getOrDefault(certificateId, Set.of());
        List<Channel> toClose = List.copyOf(set);
        toClose.forEach(Channel::close);
        return toClose.size();
    }

    /** Writes a QoS 0 PUBLISH straight into one client's connection; false when it is not connected. */
    boolean deliverTo(String clientId, String topic, byte[] payload) {
        Channel channel = channelsByClientId.get(clientId);
        if (channel == null || !channel.isActive()) {
            return false;
        }
        channel.writeAndFlush(new io.netty.handler.codec.mqtt.MqttPublishMessage(
                new io.netty.handler.codec.mqtt.MqttFixedHeader(io.netty.handler.codec.mqtt.MqttMessageType.PUBLISH,
                        false, io.netty.handler.codec.mqtt.MqttQoS.AT_MOST_ONCE, false, 0),
                new io.netty.handler.codec.mqtt.MqttPublishVariableHeader(topic, 0),
                io.netty.buffer.Unpooled.wrappedBuffer(payload)));
        return true;
    }

    /** Client ids connected right now. */
    public Collection<String> connectedClients() {
        return List.copyOf(channelsByClientId.keySet());
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
