package io.iotworkbench.localcore.broker;

import io.iotworkbench.cert.CertificateIds;
import io.iotworkbench.localcore.policy.Authorizer;
import io.iotworkbench.mqtt.AwsMqttLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One device's MQTT connection: after the TLS handshake (the registry already vetted the certificate) it reads
 * CONNECT, asks the {@link Authorizer} for {@code iot:Connect}, opens or resumes the client id's {@link Session}, then
 * handles each packet with AWS IoT Core's rules and policy checks ({@code iot:Publish}, {@code iot:RetainPublish},
 * {@code iot:Subscribe}; {@code iot:Receive} for each delivery in {@link #mayReceive}). A violation that AWS answers by
 * closing the connection closes it here too (see docs/decisions/0002-local-core-gateway.md and 0006-own-broker.md);
 * a QoS 2 PUBLISH or SUBSCRIBE is not acknowledged, as on AWS.
 *
 * <p>Writes are not flushed one by one: the connection is marked dirty and flushed once at the end of the read batch
 * or task ({@link BrokerCore#flush}).
 *
 * <p>Threading: every method runs on the channel's event loop, except {@link #closeFor}, {@link #loop},
 * {@link #session} and the identity getters, which may be called from any thread.
 *
 * <p>Size: one MQTT connection's packet handling is one state machine on one event loop (CONNECT, PUBLISH with its
 * QoS 1 flow, SUBSCRIBE/UNSUBSCRIBE, PINGREQ, DISCONNECT, each with AWS's policy checks); splitting it per packet
 * would spread that state over several classes. Sessions, the subscription trie, in-flight windows, packet encoding
 * and lifecycle events are already apart.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    static final long CONNECT_TIMEOUT_SECONDS = 20;

    private final BrokerCore core;
    private ChannelHandlerContext ctx;
    private BrokerCore.LoopState loopState;
    private ScheduledFuture<?> connectTimer;
    private volatile String certificateId;
    private volatile String clientId;
    private volatile Session session;
    private Authorizer.Principal principal;
    private boolean cleanSession;
    private MqttPackets.Will will;
    private String ipAddress = "";
    private long version;
    private boolean connectSeen;
    private boolean attached;
    private boolean closing;
    private boolean dirty;
    private DisconnectReason reason;
    private List<ByteBuf> early;
    /** The last topic this client published to (clients mostly repeat one): its bytes, string and resource. */
    private byte[] lastTopicBytes;
    private String lastTopic;
    private String lastTopicResource;

    ClientConnection(BrokerCore core) {
        this.core = core;
    }

    // --- identity, for the core ---

    String clientId() {
        return clientId;
    }

    String certificateId() {
        return certificateId;
    }

    boolean cleanSession() {
        return cleanSession;
    }

    Session session() {
        return session;
    }

    EventLoop loop() {
        return ctx.channel().eventLoop();
    }

    boolean isOpen() {
        return ctx.channel().isActive();
    }

    /** Whether this connection is closing or closed (on its loop). */
    boolean closing() {
        return closing || !ctx.channel().isActive();
    }

    // --- channel events ---

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.loopState = core.state(ctx.channel().eventLoop());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        SocketAddress remote = ctx.channel().remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            ipAddress = inet.getAddress().getHostAddress();
        }
        connectTimer = ctx.executor().schedule(() -> {
            if (!connectSeen) {
                refuse("no CONNECT within " + CONNECT_TIMEOUT_SECONDS + " s of the TLS handshake");
                ctx.close();
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
                core.refused(null, "TLS handshake from " + ctx.channel().remoteAddress() + " failed: "
                        + rootMessage(done.cause()));
                ctx.close();
            }
        } else if (evt instanceof IdleStateEvent) {
            LOG.info("Local IoT Core closed {}: nothing received for 1.5 × its keep-alive", clientId);
            closeNow(DisconnectReason.MQTT_KEEP_ALIVE_TIMEOUT);
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
        if (!(msg instanceof ByteBuf frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (closing) {
            frame.release();
            return;
        }
        if (connectSeen && !attached) {
            // the client did not wait for CONNACK: keep its packets until the session is ready
            if (early == null) {
                early = new ArrayList<>(2);
            }
            early.add(frame);
            return;
        }
        try {
            handle(frame);
        } catch (MqttPackets.MalformedPacketException e) {
            refuse("a malformed MQTT packet (" + e.getMessage() + "); the connection was closed");
            closeNow(DisconnectReason.CLIENT_ERROR);
        } finally {
            frame.release();
        }
    }

    private void handle(ByteBuf frame) throws MqttPackets.MalformedPacketException {
        int type = MqttPackets.type(frame);
        if (!connectSeen) {
            if (type == MqttPackets.CONNECT) {
                onConnect(frame);
            } else {
                refuse("a " + MqttPackets.name(type) + " packet before CONNECT");
                closeNow(DisconnectReason.CLIENT_ERROR);
            }
            return;
        }
        switch (type) {
            case MqttPackets.PUBLISH -> onPublish(frame);
            case MqttPackets.PUBACK -> onPubAck(frame);
            case MqttPackets.PINGREQ -> write(MqttPackets.pingResp(ctx.alloc()));
            case MqttPackets.SUBSCRIBE -> onSubscribe(frame);
            case MqttPackets.UNSUBSCRIBE -> onUnsubscribe(frame);
            case MqttPackets.DISCONNECT -> {
                will = null;
                closeNow(DisconnectReason.CLIENT_INITIATED_DISCONNECT);
            }
            case MqttPackets.PUBREC, MqttPackets.PUBREL, MqttPackets.PUBCOMP ->
                    LOG.debug("{} sent {} (QoS 2 is not supported); ignored", clientId, MqttPackets.name(type));
            case MqttPackets.CONNECT -> {
                refuse("a second CONNECT on one connection; the connection was closed");
                closeNow(DisconnectReason.CLIENT_ERROR);
            }
            default -> {
                refuse("a " + MqttPackets.name(type) + " packet from a client; the connection was closed");
                closeNow(DisconnectReason.CLIENT_ERROR);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushLoop();
    }

    private void flushLoop() {
        BrokerCore.LoopState st = loopState;
        if (!st.batch.isEmpty()) {
            st.batch.dispatch();
        }
        core.flush(ctx.channel().eventLoop());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Session s = session;
        if (attached && s != null && ctx.channel().isWritable()) {
            s.run(s::drain);
            core.flush(ctx.channel().eventLoop());
        }
    }

    // --- CONNECT ---

    private void onConnect(ByteBuf frame) throws MqttPackets.MalformedPacketException {
        connectSeen = true;
        connectTimer.cancel(false);
        MqttPackets.Connect connect = MqttPackets.readConnect(frame);
        if (connect.protocolLevel() != 4) {
            refuse("The Local IoT Core speaks MQTT 3.1.1 only (protocol level " + connect.protocolLevel()
                    + " asked).");
            connAckAndClose(MqttPackets.UNACCEPTABLE_PROTOCOL_VERSION);
            return;
        }
        Optional<String> problem = AwsMqttLimits.checkClientId(connect.clientId());
        if (problem.isPresent()) {
            refuse(problem.get());
            connAckAndClose(MqttPackets.IDENTIFIER_REJECTED);
            return;
        }
        clientId = connect.clientId();
        MqttPackets.Will w = connect.will();
        if (w != null) {
            Optional<String> willProblem = AwsMqttLimits.checkTopicName(w.topic())
                    .or(() -> AwsMqttLimits.checkPayload(w.payload().length))
                    .or(() -> AwsMqttLimits.checkClientPublishToReserved(w.topic(), w.retain()));
            if (willProblem.isPresent()) {
                refuse("invalid last will: " + willProblem.get());
                closeNow(DisconnectReason.CLIENT_ERROR);
                return;
            }
            will = new MqttPackets.Will(w.topic(), w.payload(), Math.min(1, w.qos()), w.retain());
        }
        principal = new Authorizer.Principal(certificateId, clientId);
        Authorizer.Decision d = core.authorizer.authorize(principal, "iot:Connect", "client/" + clientId);
        if (!d.allowed()) {
            refuse("iot:Connect on client/" + clientId + " denied: " + d.reason());
            connAckAndClose(MqttPackets.NOT_AUTHORIZED);
            return;
        }
        cleanSession = connect.cleanSession();
        int keepAlive = core.settings.keepAliveSeconds(connect.keepAliveSeconds());
        ctx.pipeline().addBefore(ctx.name(), "keep-alive",
                new IdleStateHandler(keepAlive * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        ctx.channel().config().setAutoRead(false);
        core.open(this, clientId, cleanSession);
    }

    private void connAckAndClose(int code) {
        closing = true;
        ctx.writeAndFlush(MqttPackets.connAck(ctx.alloc(), false, code))
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
    }

    /**
     * The session is ready (on this loop): CONNACK, registration, the connected event, then the packets that came
     * before CONNACK. @return false when this connection closed meanwhile
     */
    boolean attached(Session s, boolean sessionPresent) {
        if (closing || !ctx.channel().isActive()) {
            return false;
        }
        session = s;
        attached = true;
        write(MqttPackets.connAck(ctx.alloc(), sessionPresent, MqttPackets.ACCEPTED));
        core.registered(this);
        version = core.events.nextVersion(clientId);
        if (LifecycleEvents.publishesFor(clientId)) {
            core.publishInternal(core.events.connected(clientId, s.identifier, certificateId, ipAddress, version));
        }
        core.listener.clientConnected(clientId, certificateId, String.valueOf(ctx.channel().remoteAddress()));
        ctx.channel().config().setAutoRead(true);
        if (early != null) {
            List<ByteBuf> frames = early;
            early = null;
            for (ByteBuf f : frames) {
                channelRead(ctx, f);
            }
        }
        return true;
    }

    // --- PUBLISH ---

    /**
     * Checks a PUBLISH from its raw frame (fixed header, topic, packet id; the payload is copied once into the
     * {@link Message}) and routes it when it passes AWS's rules and the policy.
     */
    private void onPublish(ByteBuf frame) throws MqttPackets.MalformedPacketException {
        int start = frame.readerIndex();
        int b0 = frame.getUnsignedByte(start);
        int qos = (b0 >> 1) & 0x03;
        boolean retain = (b0 & 0x01) != 0;
        int i = MqttPackets.bodyStart(frame);
        int end = frame.writerIndex();
        if (end - i < 2) {
            throw new MqttPackets.MalformedPacketException("PUBLISH without a topic");
        }
        int topicLength = frame.getUnsignedShort(i);
        i += 2;
        if (end - i < topicLength + (qos > 0 ? 2 : 0)) {
            throw new MqttPackets.MalformedPacketException("PUBLISH shorter than its topic");
        }
        int topicIndex = i;
        boolean sameTopic = sameAsLastTopic(frame, topicIndex, topicLength);
        String topic = sameTopic ? lastTopic : MqttPackets.utf8(frame, topicIndex, topicLength);
        i += topicLength;
        int packetId = 0;
        if (qos > 0) {
            packetId = frame.getUnsignedShort(i);
            i += 2;
        }
        int payloadLength = end - i;
        Optional<String> problem = AwsMqttLimits.checkQos(qos);
        if (problem.isPresent()) {
            refuse(problem.get() + " Topic " + topic + "; the message was not delivered.");
            return;
        }
        if (packetId == 0 && qos > 0) {
            throw new MqttPackets.MalformedPacketException("QoS 1 PUBLISH with packet id 0");
        }
        problem = AwsMqttLimits.checkPayload(payloadLength);
        if (problem.isEmpty() && (!sameTopic || retain)) {
            problem = AwsMqttLimits.checkTopicName(topic)
                    .or(() -> AwsMqttLimits.checkClientPublishToReserved(topic, retain));
        }
        if (problem.isPresent()) {
            refuse(problem.get() + " The connection was closed, as AWS IoT closes it.");
            closeNow(DisconnectReason.CLIENT_ERROR);
            return;
        }
        if (!sameTopic) {
            // it passed the checks (with RETAIN set they are stricter): remember it with its policy resource
            lastTopicBytes = new byte[topicLength];
            frame.getBytes(topicIndex, lastTopicBytes);
            lastTopic = topic;
            lastTopicResource = "topic/" + topic;
        }
        String resource = lastTopicResource;
        if (!authorizePublish(resource, retain)) {
            return;
        }
        Message m = Message.fromFrame(ctx.alloc(), topic, resource, qos, retain, frame, topicIndex, topicLength, i,
                payloadLength);
        try {
            if (retain && !core.retain(m)) {
                refuse("retained message on " + topic + " refused: the Local IoT Core keeps at most "
                        + core.settings.maxRetainedMessages() + " retained messages (AWS throttles such publishes); "
                        + "the message was not delivered");
                return;
            }
            if (topic.startsWith("$aws/")) {
                core.listener.clientPublished(clientId, certificateId, topic, m.payload(), qos);
            }
            core.route(m, loopState.matches, loopState.batch);
        } finally {
            m.release();
        }
        if (qos == 1) {
            write(MqttPackets.pubAck(ctx.alloc(), packetId));
        }
    }

    private boolean sameAsLastTopic(ByteBuf frame, int index, int length) {
        byte[] last = lastTopicBytes;
        if (last == null || last.length != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (frame.getByte(index + k) != last[k]) {
                return false;
            }
        }
        return true;
    }

    /** {@code iot:Publish} (and {@code iot:RetainPublish} for RETAIN); a denial closes the connection, as on AWS. */
    private boolean authorizePublish(String resource, boolean retain) {
        Authorizer.Decision d = core.authorizer.authorize(principal, "iot:Publish", resource);
        if (d.allowed() && retain) {
            d = core.authorizer.authorize(principal, "iot:RetainPublish", resource);
            if (!d.allowed()) {
                refuse("iot:RetainPublish on " + resource + " denied: " + d.reason()
                        + "; the connection was closed, as AWS IoT closes it");
                closeNow(DisconnectReason.AUTH_ERROR);
                return false;
            }
        }
        if (!d.allowed()) {
            refuse("iot:Publish on " + resource + " denied: " + d.reason()
                    + "; the connection was closed, as AWS IoT closes it");
            closeNow(DisconnectReason.AUTH_ERROR);
            return false;
        }
        return true;
    }

    private void onPubAck(ByteBuf frame) throws MqttPackets.MalformedPacketException {
        int id = MqttPackets.readAckPacketId(frame);
        if (!session.acknowledged(id)) {
            core.unmatchedAcks.increment();
            LOG.debug("{} acknowledged packet id {}, which is not in flight; ignored", clientId, id);
        }
    }

    // --- SUBSCRIBE / UNSUBSCRIBE ---

    private void onSubscribe(ByteBuf frame) throws MqttPackets.MalformedPacketException {
        MqttPackets.Subscribe sub = MqttPackets.readSubscribe(frame);
        List<String> filters = sub.filters();
        for (int q : sub.qos()) {
            if (q > 1) {
                refuse("SUBSCRIBE with QoS 2 is not acknowledged by AWS IoT (QoS 0 and 1 only).");
                return;
            }
        }
        if (filters.size() > AwsMqttLimits.MAX_FILTERS_PER_SUBSCRIBE) {
            refuse("SUBSCRIBE with " + filters.size() + " filters; AWS IoT accepts at most "
                    + AwsMqttLimits.MAX_FILTERS_PER_SUBSCRIBE + " per packet.");
            closeNow(DisconnectReason.CLIENT_ERROR);
            return;
        }
        int[] codes = new int[filters.size()];
        for (String f : filters) {
            Optional<String> problem = AwsMqttLimits.checkTopicFilter(f);
            if (problem.isPresent()) {
                refuse("subscription to '" + f + "' refused: " + problem.get());
                java.util.Arrays.fill(codes, MqttPackets.SUBACK_FAILURE);
                write(MqttPackets.subAck(ctx.alloc(), sub.packetId(), codes));
                return;
            }
        }
        Session s = session;
        int[] previous = new int[filters.size()];
        List<String> granted = new ArrayList<>(filters.size());
        for (int k = 0; k < filters.size(); k++) {
            String f = filters.get(k);
            Authorizer.Decision d = core.authorizer.authorize(principal, "iot:Subscribe", "topicfilter/" + f);
            if (!d.allowed()) {
                refuse("iot:Subscribe on topicfilter/" + f + " denied: " + d.reason());
                codes[k] = MqttPackets.SUBACK_FAILURE;
                previous[k] = Integer.MIN_VALUE;
                continue;
            }
            codes[k] = sub.qos()[k];
            previous[k] = s.subscribe(f, codes[k]);
            granted.add(f);
        }
        if (s.subscriptionCount() > AwsMqttLimits.MAX_SUBSCRIPTIONS_PER_CONNECTION) {
            for (int k = filters.size() - 1; k >= 0; k--) {
                if (previous[k] != Integer.MIN_VALUE) {
                    s.restore(filters.get(k), previous[k]);
                }
            }
            refuse("more than " + AwsMqttLimits.MAX_SUBSCRIPTIONS_PER_CONNECTION
                    + " subscriptions on one connection; AWS IoT may close it, and so does the Local IoT Core.");
            closeNow(DisconnectReason.CLIENT_ERROR);
            return;
        }
        write(MqttPackets.subAck(ctx.alloc(), sub.packetId(), codes));
        if (!granted.isEmpty() && LifecycleEvents.publishesFor(clientId)) {
            core.publishInternal(core.events.subscriptions(clientId, s.identifier, certificateId, true, granted));
        }
        for (int k = 0; k < filters.size(); k++) {
            if (codes[k] != MqttPackets.SUBACK_FAILURE) {
                Message r = core.retainedFor(filters.get(k));
                if (r != null) {
                    s.deliver(r, Math.min(r.qos, codes[k]), true);
                }
            }
        }
    }

    private void onUnsubscribe(ByteBuf frame) throws MqttPackets.MalformedPacketException {
        MqttPackets.Unsubscribe u = MqttPackets.readUnsubscribe(frame);
        Session s = session;
        List<String> removed = new ArrayList<>(u.filters().size());
        for (String f : u.filters()) {
            if (s.unsubscribe(f)) {
                removed.add(f);
            }
        }
        write(MqttPackets.unsubAck(ctx.alloc(), u.packetId()));
        if (!removed.isEmpty() && LifecycleEvents.publishesFor(clientId)) {
            core.publishInternal(core.events.subscriptions(clientId, s.identifier, certificateId, false, removed));
        }
    }

    // --- deliveries (called by the session, on this loop) ---

    /**
     * Whether this connection can take more now. Writes of a batch are flushed together, so before calling a
     * connection slow its unflushed writes are flushed: only a client whose socket does not drain is slow.
     */
    boolean writable() {
        if (ctx.channel().isWritable()) {
            return true;
        }
        if (dirty) {
            flushNow();
            return ctx.channel().isWritable();
        }
        return false;
    }

    /** {@code iot:Receive} for one delivery; a denial drops it for this client only, nothing else changes. */
    boolean mayReceive(Message m) {
        Authorizer.Decision d = core.authorizer.authorize(principal, "iot:Receive", m.receiveResource);
        if (d.allowed()) {
            return true;
        }
        LOG.debug("Local IoT Core did not deliver {} to {}: {}", m.topic, clientId, d.reason());
        core.refused(clientId, "iot:Receive on " + m.receiveResource + " denied: " + d.reason()
                + "; the message was not delivered to this client");
        return false;
    }

    void writePublish(Message m, int qos, int packetId, boolean dup, boolean retainFlag) {
        if (closing) {
            return;
        }
        if (qos == 0 && !retainFlag) {
            ctx.write(m.qos0Frame(), ctx.voidPromise());
        } else {
            ctx.write(m.header(ctx.alloc(), qos, packetId, dup, retainFlag), ctx.voidPromise());
            ctx.write(m.payloadBuffer(), ctx.voidPromise());
        }
        markDirty();
    }

    private void write(ByteBuf packet) {
        ctx.write(packet, ctx.voidPromise());
        markDirty();
    }

    private void markDirty() {
        if (!dirty) {
            dirty = true;
            loopState.dirty.add(this);
        }
    }

    void flushNow() {
        dirty = false;
        ctx.flush();
    }

    // --- closing ---

    /** Closes this connection for {@code why} from any thread; {@code refusal} (if any) is reported first. */
    void closeFor(DisconnectReason why, String refusal) {
        EventLoop l = ctx.channel().eventLoop();
        if (l.inEventLoop()) {
            if (refusal != null) {
                refuse(refusal);
            }
            closeNow(why);
        } else {
            l.execute(() -> closeFor(why, refusal));
        }
    }

    private void closeNow(DisconnectReason why) {
        if (reason == null) {
            reason = why;
        }
        closing = true;
        if (dirty) {
            flushNow();
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing = true;
        if (connectTimer != null) {
            connectTimer.cancel(false);
        }
        if (early != null) {
            early.forEach(ByteBuf::release);
            early = null;
        }
        if (attached) {
            attached = false;
            DisconnectReason why = reason == null ? DisconnectReason.CONNECTION_LOST : reason;
            core.unregistered(this);
            Session s = session;
            MqttPackets.Will w = will;
            if (w != null && why.sendsWill()) {
                publishWill(w);
            }
            if (LifecycleEvents.publishesFor(clientId)) {
                core.publishInternal(core.events.disconnected(clientId, s.identifier, certificateId, why, version));
            }
            core.listener.clientDisconnected(clientId, certificateId);
            s.run(() -> s.detach(this));
        }
        core.flush(ctx.channel().eventLoop());
        super.channelInactive(ctx);
    }

    /** The Last Will, published as this client would: AWS's rules were checked at CONNECT, the policy is now. */
    private void publishWill(MqttPackets.Will w) {
        String resource = "topic/" + w.topic();
        Authorizer.Decision d = core.authorizer.authorize(principal, "iot:Publish", resource);
        if (d.allowed() && w.retain()) {
            d = core.authorizer.authorize(principal, "iot:RetainPublish", resource);
        }
        if (!d.allowed()) {
            refuse("last will on " + w.topic() + " not published: " + d.reason());
            return;
        }
        Message m = Message.of(w.topic(), w.payload(), w.qos(), w.retain());
        if (w.retain() && !core.retain(m)) {
            refuse("last will on " + w.topic() + " not published: the retained message store is full");
            return;
        }
        if (w.topic().startsWith("$aws/")) {
            core.listener.clientPublished(clientId, certificateId, w.topic(), m.payload(), w.qos());
        }
        core.publishInternal(m);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedFrameException
                || cause instanceof DecoderException && cause.getCause() instanceof CorruptedFrameException) {
            refuse("a packet larger than AWS IoT accepts (payload limit 128 KB) or a malformed one ("
                    + rootMessage(cause) + "); the connection was closed");
            closeNow(DisconnectReason.CLIENT_ERROR);
        } else if (cause instanceof java.io.IOException
                || cause instanceof DecoderException && cause.getCause() instanceof javax.net.ssl.SSLException) {
            LOG.debug("Connection {} lost: {}", clientId, rootMessage(cause));
            closeNow(DisconnectReason.CONNECTION_LOST);
        } else {
            LOG.warn("Connection {} failed: {}", clientId, rootMessage(cause), cause);
            closeNow(DisconnectReason.SERVER_ERROR);
        }
    }

    private void refuse(String why) {
        LOG.info("Local IoT Core refused {}: {}", clientId == null ? ctx.channel().remoteAddress() : clientId, why);
        core.refused(clientId, why);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    @Override
    public String toString() {
        return "ClientConnection[" + clientId + "]";
    }
}
