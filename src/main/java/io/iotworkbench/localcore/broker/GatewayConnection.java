package io.iotworkbench.localcore.broker;

import io.iotworkbench.cert.CertificateIds;
import io.iotworkbench.mqtt.AwsMqttLimits;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One device's connection through the gateway: after the TLS handshake (the registry already vetted the certificate)
 * it checks CONNECT, opens this client's loopback connection to the broker, then checks every packet against AWS IoT
 * Core's rules before relaying it; packets from the broker go back unchanged. A violation that AWS answers by closing
 * the connection closes it here too; a QoS 2 PUBLISH or SUBSCRIBE is not acknowledged, as on AWS.
 *
 * <p>Threading: all methods run on the channel's event loop (the backend channel uses the same loop).
 */
final class GatewayConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConnection.class);
    private static final long CONNECT_TIMEOUT_SECONDS = 20;

    private final MqttGateway gateway;
    private final Set<String> subscriptions = new HashSet<>();
    private Channel front;
    private Channel backend;
    private String certificateId;
    private String clientId;
    private boolean connectSeen;
    private ScheduledFuture<?> connectTimer;
    private io.netty.channel.embedded.EmbeddedChannel decoder;

    GatewayConnection(MqttGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        front = ctx.channel();
        connectTimer = ctx.executor().schedule(() -> {
            if (!connectSeen) {
                refuse("no CONNECT within " + CONNECT_TIMEOUT_SECONDS + " s of the TLS handshake");
                front.close();
            }
        }, CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                certificateId = peerCertificateId(ctx);
            } else {
                gateway.listener().refused(null, "TLS handshake from " + ctx.channel().remoteAddress()
                        + " failed: " + rootMessage(done.cause()));
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private static String peerCertificateId(ChannelHandlerContext ctx) {
        try {
            SslHandler tls = ctx.pipeline().get(SslHandler.class);
            return CertificateIds.of((X509Certificate) tls.engine().getSession().getPeerCertificates()[0]);
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof io.netty.buffer.ByteBuf frame) {
            int type = frame.getUnsignedByte(frame.readerIndex()) >> 4;
            if (connectSeen && type == MqttMessageType.PUBLISH.value()) {
                onPublish(frame);
                return;
            }
            if (connectSeen && (type == MqttMessageType.PUBACK.value() || type == MqttMessageType.PINGREQ.value())) {
                relayFrame(frame);
                return;
            }
            msg = decode(frame);
            if (msg == null) {
                return;
            }
        }
        if (!(msg instanceof MqttMessage mqtt)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (mqtt.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            Throwable cause = mqtt.decoderResult().cause();
            refuse(cause instanceof DecoderException && String.valueOf(cause.getMessage()).contains("too large")
                    ? "a packet larger than AWS IoT accepts (payload limit 128 KB)"
                    : "a malformed MQTT packet (" + rootMessage(cause) + ")");
            front.close();
            return;
        }
        MqttMessageType type = mqtt.fixedHeader().messageType();
        if (!connectSeen) {
            if (type == MqttMessageType.CONNECT) {
                onConnect((MqttConnectMessage) mqtt);
            } else {
                ReferenceCountUtil.release(msg);
                refuse("a " + type + " packet before CONNECT");
                front.close();
            }
            return;
        }
        switch (type) {
            case SUBSCRIBE -> onSubscribe((MqttSubscribeMessage) mqtt);
            case UNSUBSCRIBE -> {
                ((MqttUnsubscribeMessage) mqtt).payload().topics().forEach(subscriptions::remove);
                relay(mqtt);
            }
            case CONNECT -> {
                refuse("a second CONNECT on one connection");
                front.close();
            }
            default -> relay(mqtt);
        }
    }

    private void onConnect(MqttConnectMessage connect) {
        connectSeen = true;
        connectTimer.cancel(false);
        MqttConnectPayload payload = connect.payload();
        MqttConnectVariableHeader header = connect.variableHeader();
        String id = payload.clientIdentifier();
        Optional<String> problem = AwsMqttLimits.checkClientId(id);
        if (problem.isEmpty() && header.version() != 4) {
            problem = Optional.of("The Local IoT Core speaks MQTT 3.1.1 only (protocol level " + header.version()
                    + " asked).");
        }
        if (problem.isPresent()) {
            refuse(problem.get());
            MqttConnectReturnCode code = header.version() != 4
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION
                    : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
            MqttConnAckMessage nack = MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build();
            front.writeAndFlush(nack).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (payload.willTopic() != null && header.isWillFlag()) {
            Optional<String> will = AwsMqttLimits.checkTopicName(payload.willTopic());
            if (will.isPresent()) {
                refuse("invalid last-will topic: " + will.get());
                front.close();
                return;
            }
        }
        clientId = id;
        front.config().setAutoRead(false);
        MqttConnectMessage forwarded = MqttMessageBuilders.connect()
                .clientId(id)
                .protocolVersion(io.netty.handler.codec.mqtt.MqttVersion.MQTT_3_1_1)
                .cleanSession(header.isCleanSession())
                .keepAlive(AwsMqttLimits.clampKeepAlive(header.keepAliveTimeSeconds()))
                .username(certificateId == null ? "unknown" : certificateId)
                .password(gateway.broker().secret())
                .willFlag(header.isWillFlag())
                .willQoS(MqttQoS.valueOf(Math.min(1, header.willQos())))
                .willRetain(header.isWillRetain())
                .willTopic(payload.willTopic())
                .willMessage(payload.willMessageInBytes())
                .build();
        openBackend(forwarded);
    }

    private void openBackend(MqttConnectMessage connect) {
        Bootstrap b = new Bootstrap()
                .group(front.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MqttFrameSplitter(MqttGateway.MAX_DECODED_BYTES * 2));
                        ch.pipeline().addLast(MqttEncoder.INSTANCE);
                        ch.pipeline().addLast(new BackendRelay());
                    }
                });
        b.connect("127.0.0.1", gateway.broker().port()).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                refuse("the broker is not reachable: " + rootMessage(f.cause()));
                front.close();
                return;
            }
            backend = f.channel();
            backend.writeAndFlush(connect);
        });
    }

    /** Decodes a whole frame that is not a PUBLISH (CONNECT, SUBSCRIBE, ...), which is rare. */
    private Object decode(io.netty.buffer.ByteBuf frame) {
        if (decoder == null) {
            decoder = new io.netty.channel.embedded.EmbeddedChannel(new MqttDecoder(MqttGateway.MAX_DECODED_BYTES));
        }
        decoder.writeInbound(frame);
        return decoder.readInbound();
    }

    /**
     * Checks a PUBLISH from its raw frame (fixed header, topic, packet id; the payload is not copied unless a service
     * needs it) and relays the frame unchanged when it passes.
     */
    private void onPublish(io.netty.buffer.ByteBuf frame) {
        int start = frame.readerIndex();
        int b0 = frame.getUnsignedByte(start);
        int qos = (b0 >> 1) & 0x03;
        boolean retain = (b0 & 0x01) != 0;
        int i = start + 1;
        while ((frame.getUnsignedByte(i++) & 0x80) != 0) {
            // skip the remaining-length bytes
        }
        int topicLength = frame.getUnsignedShort(i);
        i += 2;
        String topic = frame.toString(i, topicLength, java.nio.charset.StandardCharsets.UTF_8);
        i += topicLength + (qos > 0 ? 2 : 0);
        int payloadLength = frame.writerIndex() - i;
        Optional<String> problem = AwsMqttLimits.checkQos(qos);
        if (problem.isPresent()) {
            frame.release();
            refuse(problem.get() + " Topic " + topic + "; the message was not delivered.");
            return;
        }
        problem = AwsMqttLimits.checkTopicName(topic)
                .or(() -> AwsMqttLimits.checkPayload(payloadLength))
                .or(() -> AwsMqttLimits.checkClientPublishToReserved(topic, retain));
        if (problem.isPresent()) {
            frame.release();
            refuse(problem.get() + " The connection was closed, as AWS IoT closes it.");
            front.close();
            return;
        }
        if (topic.startsWith("$aws/")) {
            byte[] copy = new byte[payloadLength];
            frame.getBytes(i, copy);
            gateway.listener().clientPublished(clientId, certificateId, topic, copy, qos);
        }
        relayFrame(frame);
    }

    private void relayFrame(io.netty.buffer.ByteBuf frame) {
        if (backend == null || !backend.isActive()) {
            frame.release();
            return;
        }
        backend.write(frame);
    }

    private void onSubscribe(MqttSubscribeMessage subscribe) {
        List<MqttTopicSubscription> filters = subscribe.payload().topicSubscriptions();
        if (filters.stream().anyMatch(f -> f.qualityOfService().value() > 1)) {
            refuse("SUBSCRIBE with QoS 2 is not acknowledged by AWS IoT (QoS 0 and 1 only).");
            return;
        }
        if (filters.size() > AwsMqttLimits.MAX_FILTERS_PER_SUBSCRIBE) {
            refuse("SUBSCRIBE with " + filters.size() + " filters; AWS IoT accepts at most "
                    + AwsMqttLimits.MAX_FILTERS_PER_SUBSCRIBE + " per packet.");
            front.close();
            return;
        }
        for (MqttTopicSubscription f : filters) {
            Optional<String> problem = AwsMqttLimits.checkTopicFilter(f.topicName());
            if (problem.isPresent()) {
                refuse("subscription to '" + f.topicName() + "' refused: " + problem.get());
                int[] failures = new int[filters.size()];
                java.util.Arrays.fill(failures, MqttQoS.FAILURE.value());
                MqttSubAckMessage nack = new MqttSubAckMessage(
                        new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                        MqttMessageIdVariableHeader.from(subscribe.variableHeader().messageId()),
                        new MqttSubAckPayload(failures));
                front.writeAndFlush(nack);
                return;
            }
        }
        filters.forEach(f -> subscriptions.add(f.topicName()));
        if (subscriptions.size() > AwsMqttLimits.MAX_SUBSCRIPTIONS_PER_CONNECTION) {
            refuse("more than " + AwsMqttLimits.MAX_SUBSCRIPTIONS_PER_CONNECTION
                    + " subscriptions on one connection; AWS IoT may close it, and so does the Local IoT Core.");
            front.close();
            return;
        }
        relay(subscribe);
    }

    private void relay(MqttMessage msg) {
        if (backend == null || !backend.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        backend.write(msg);
        if (msg.fixedHeader().messageType() == MqttMessageType.DISCONNECT) {
            backend.flush();
            front.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.config().setAutoRead(front.isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connectTimer != null) {
            connectTimer.cancel(false);
        }
        if (decoder != null) {
            decoder.finishAndReleaseAll();
        }
        if (backend != null) {
            backend.close();
        }
        if (clientId != null && certificateId != null) {
            gateway.unregistered(clientId, certificateId, front);
            gateway.listener().clientDisconnected(clientId, certificateId);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException
                && cause.getCause() instanceof io.netty.handler.codec.CorruptedFrameException
                || cause instanceof io.netty.handler.codec.CorruptedFrameException) {
            refuse("a packet larger than AWS IoT accepts (payload limit 128 KB) or a malformed one ("
                    + rootMessage(cause) + "); the connection was closed");
        } else if (!(cause instanceof java.io.IOException)) {
            LOG.debug("Connection {} failed: {}", clientId, rootMessage(cause));
        }
        ctx.close();
    }

    private void refuse(String reason) {
        LOG.info("Local IoT Core refused {}: {}", clientId == null ? front.remoteAddress() : clientId, reason);
        gateway.listener().refused(clientId, reason);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /**
     * The broker side of this client: relays the broker's packets back to the device as whole, undecoded frames; only
     * the CONNACK is looked at, to register the client.
     */
    private final class BackendRelay extends ChannelInboundHandlerAdapter {

        private boolean connAckSeen;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!connAckSeen && msg instanceof io.netty.buffer.ByteBuf frame && frame.readableBytes() >= 4
                    && (frame.getUnsignedByte(frame.readerIndex()) & 0xF0) == 0x20) {
                connAckSeen = true;
                if (frame.getUnsignedByte(frame.readerIndex() + 3) == 0) {
                    gateway.registered(clientId, certificateId, front);
                    gateway.listener().clientConnected(clientId, certificateId, String.valueOf(front.remoteAddress()));
                }
                front.config().setAutoRead(true);
            }
            front.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            front.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            front.config().setAutoRead(ctx.channel().isWritable());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            front.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
