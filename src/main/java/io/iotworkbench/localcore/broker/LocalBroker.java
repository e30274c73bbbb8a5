package io.iotworkbench.localcore.broker;

import io.iotworkbench.localcore.ClientDelivery;
import io.iotworkbench.localcore.MessagePublisher;
import io.iotworkbench.localcore.policy.Authorizer;
import io.iotworkbench.mqtt.AwsMqttLimits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Local IoT Core's MQTT broker: an MQTT 3.1.1 broker with AWS IoT Core's semantics on a TLS listener whose trust
 * manager asks the registry ({@link #clientTrust}). Devices reach it on {@link #port()}; services publish through it
 * ({@link MessagePublisher}) and answer one client ({@link ClientDelivery}); every CONNECT, PUBLISH, SUBSCRIBE and
 * delivery asks the {@link Authorizer}. See docs/decisions/0006-own-broker.md for what it follows and what it does
 * not do.
 *
 * <p>Threading: one acceptor thread ({@code local-core-accept}) and one event loop per core ({@code local-core-mqtt});
 * each connection lives on one loop, and its session's work runs there (see {@link Session}). Public methods are
 * thread-safe.
 */
public final class LocalBroker implements MessagePublisher, ClientDelivery, AutoCloseable {

    /** ALPN protocol AWS uses for MQTT with client certificates on port 443. */
    public static final String AWS_MQTT_ALPN = "x-amzn-mqtt-ca";
    /** Frames up to this size are read whole, so an oversized PUBLISH is refused with a clear reason. */
    static final int MAX_FRAME_BYTES = 512 * 1024;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final BrokerCore core;
    private final Channel serverChannel;

    private LocalBroker(EventLoopGroup boss, EventLoopGroup workers, BrokerCore core, Channel serverChannel) {
        this.boss = boss;
        this.workers = workers;
        this.core = core;
        this.serverChannel = serverChannel;
    }

    /** The trust manager that admits device certificates {@code policy} accepts, for the server's TLS context. */
    public static TrustManager clientTrust(ClientCertificatePolicy policy, Clock clock) {
        return new RegistryTrustManager(policy, clock);
    }

    /** Starts the broker with AWS's default limits and the system clock. */
    public static LocalBroker start(String bindAddress, int port, SSLContext tls, Authorizer authorizer,
                                    GatewayListener listener) throws IOException {
        return start(bindAddress, port, tls, authorizer, listener, BrokerSettings.defaults(), Clock.systemUTC());
    }

    /**
     * Starts the broker.
     *
     * @param tls server context whose trust manager is {@link #clientTrust}
     */
    public static LocalBroker start(String bindAddress, int port, SSLContext tls, Authorizer authorizer,
                                    GatewayListener listener, BrokerSettings settings, Clock clock)
            throws IOException {
        EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("local-core-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(settings.threads(),
                new DefaultThreadFactory("local-core-mqtt", true));
        BrokerCore core = new BrokerCore(settings, authorizer, listener, clock, workers);
        try {
            Channel server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 512)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(settings.writeLowWaterMark(), settings.writeHighWaterMark()))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("tls", new SslHandler(serverEngine(tls)));
                            ch.pipeline().addLast("frames", new MqttFrameSplitter(MAX_FRAME_BYTES));
                            ch.pipeline().addLast("mqtt", new ClientConnection(core));
                        }
                    })
                    .bind(bindAddress, port).sync().channel();
            long every = settings.dropReportInterval().toMillis();
            workers.next().scheduleAtFixedRate(core::periodic, every, every, TimeUnit.MILLISECONDS);
            return new LocalBroker(boss, workers, core, server);
        } catch (InterruptedException e) {
            shutdown(boss, workers);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding the MQTT port", e);
        } catch (Exception e) {
            shutdown(boss, workers);
            throw new IOException("The MQTT port " + bindAddress + ":" + port + " cannot be opened: "
                    + e.getMessage() + ". Choose another port or stop what uses it.", e);
        }
    }

    private static SSLEngine serverEngine(SSLContext tls) {
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

    /** Publishes as the service itself; each subscriber gets min(qos, its subscription's QoS). */
    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retain) {
        Optional<String> problem = AwsMqttLimits.checkTopicName(topic)
                .or(() -> AwsMqttLimits.checkPayload(payload.length))
                .or(() -> AwsMqttLimits.checkQos(qos));
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        Message m = Message.of(topic, payload, qos, retain);
        if (retain && !core.retain(m)) {
            throw new IllegalArgumentException("The Local IoT Core keeps at most "
                    + core.settings.maxRetainedMessages() + " retained messages; delete some first.");
        }
        core.publishInternal(m);
    }

    /**
     * Delivers into {@code clientId}'s connection only, at {@code qos} (QoS 1 with a packet id of its session and a
     * PUBACK expected), whether or not it subscribed; {@code iot:Receive} is still checked.
     */
    @Override
    public boolean deliverTo(String clientId, String topic, byte[] payload, int qos) {
        Optional<String> problem = AwsMqttLimits.checkTopicName(topic)
                .or(() -> AwsMqttLimits.checkPayload(payload.length))
                .or(() -> AwsMqttLimits.checkQos(qos));
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return core.deliverTo(clientId, Message.of(topic, payload, qos, false));
    }

    /** Drops the connections of a certificate that is no longer ACTIVE. */
    public int disconnectCertificate(String certificateId) {
        return core.disconnectCertificate(certificateId);
    }

    public Collection<String> connectedClients() {
        return core.connectedClients();
    }

    /** Messages dropped for slow subscribers since the broker started. */
    public long droppedForSlowSubscribers() {
        return core.drops.total();
    }

    /** Messages dropped for slow subscribers per client id (only clients that dropped any). */
    public Map<String, Long> droppedForSlowSubscribersByClient() {
        return core.drops.byClient();
    }

    /** PUBACKs whose packet id was not in flight (none when clients and broker agree on every id). */
    public long unmatchedAcknowledgements() {
        return core.unmatchedAcks.sum();
    }

    /** Sessions kept (connected, and persistent ones waiting for their client). */
    public int sessionCount() {
        return core.sessionCount();
    }

    public int retainedMessageCount() {
        return core.retainedCount();
    }

    @Override
    public void close() {
        core.closeAll();
        serverChannel.close().syncUninterruptibly();
        shutdown(boss, workers);
    }

    private static void shutdown(EventLoopGroup boss, EventLoopGroup workers) {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
