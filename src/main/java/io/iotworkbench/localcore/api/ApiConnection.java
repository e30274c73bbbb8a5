package io.iotworkbench.localcore.api;

import io.iotworkbench.localcore.AwsErrorKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP connection of an {@link ApiServer}: gathers each request whole (bounded by
 * {@link ServerLimits#maxBodyBytes()}), hands it to a worker, and writes the answers in order. A request must arrive
 * within {@link ServerLimits#requestTimeout()} of its first byte (a TLS handshake within the same time, by the
 * {@code SslHandler}); a body that ends before its Content-Length (the
 * client closed its side) is 400; a connection idle between requests for {@link ServerLimits#idleTimeout()} is
 * closed. While a request is being answered the connection reads nothing more, so a pipelining client queues in its
 * own socket, not in memory here.
 *
 * <p>Threading: everything except the handler call runs on the connection's event loop; the answer comes back to it
 * through {@code eventLoop().execute}. Not shared between connections.
 */
final class ApiConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiConnection.class);
    private static final int MAX_QUEUED = 8;

    /** A request that arrived whole. */
    private record Whole(String method, String uri, Map<String, List<String>> headers, byte[] body, boolean keepAlive,
                         X509Certificate clientCertificate) {
    }

    private final ApiServer server;
    private final Deque<Whole> queue = new ArrayDeque<>();
    private HttpRequest current;
    private ByteArrayOutputStream body;
    private long expectedLength;
    private boolean receiving;
    private boolean busy;
    private boolean closeAfterAnswer;
    private ScheduledFuture<?> deadline;
    /** This handler's own context: answers written through it pass the HTTP encoder. */
    private ChannelHandlerContext self;

    ApiConnection(ApiServer server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        self = ctx;
    }

    /** Sits before the HTTP codec: the first byte of a request starts its deadline. */
    ChannelInboundHandlerAdapter firstByteWatcher() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf buf && buf.isReadable()) {
                    startDeadline(ctx);
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void startDeadline(ChannelHandlerContext ctx) {
        if (deadline == null && !busy) {
            long millis = server.options().limits().requestTimeout().toMillis();
            deadline = ctx.executor().schedule(() -> timedOut(self), millis, TimeUnit.MILLISECONDS);
        }
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                onRequest(ctx, request);
            }
            if (msg instanceof HttpContent content && current != null) {
                onContent(ctx, content);
            }
        } finally {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            if (request.decoderResult().cause() instanceof PrematureChannelClosureException) {
                // the client went away in the middle of its headers: nothing to answer, nothing worth a log line
                LOG.debug("{} closed its side before its request was whole", remote(ctx));
                ctx.close();
                return;
            }
            refuse(ctx, "a malformed request", "The request line or headers are not valid HTTP/1.1: "
                    + reason(request.decoderResult().cause()));
            return;
        }
        startDeadline(ctx);
        current = request;
        receiving = true;
        body = new ByteArrayOutputStream();
        expectedLength = HttpUtil.getContentLength(request, -1L);
        if (expectedLength > server.options().limits().maxBodyBytes()) {
            refuse(ctx, describe(request), "The request body (" + expectedLength + " bytes) is larger than "
                    + server.options().limits().maxBodyBytes() + " bytes.");
            return;
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (content.decoderResult().isFailure()) {
            refuse(ctx, describe(current), shortBody() + " (" + reason(content.decoderResult().cause()) + ")");
            return;
        }
        ByteBuf bytes = content.content();
        if (body.size() + bytes.readableBytes() > server.options().limits().maxBodyBytes()) {
            refuse(ctx, describe(current), "The request body is larger than "
                    + server.options().limits().maxBodyBytes() + " bytes.");
            return;
        }
        byte[] chunk = new byte[bytes.readableBytes()];
        bytes.readBytes(chunk);
        body.writeBytes(chunk);
        if (content instanceof LastHttpContent) {
            if (expectedLength >= 0 && body.size() < expectedLength) {
                refuse(ctx, describe(current), shortBody());
                return;
            }
            queue.add(new Whole(current.method().name(), current.uri(), headers(current.headers()),
                    body.toByteArray(), HttpUtil.isKeepAlive(current), clientCertificate(ctx)));
            current = null;
            body = null;
            receiving = false;
            cancelDeadline();
            if (queue.size() > MAX_QUEUED) {
                ctx.close();
                return;
            }
            next(ctx);
        }
    }

    private String shortBody() {
        return "The request body ended after " + body.size() + " of the " + expectedLength
                + " bytes its Content-Length announced.";
    }

    /** Starts answering the oldest queued request unless one is being answered. Event loop. */
    private void next(ChannelHandlerContext ctx) {
        if (busy || queue.isEmpty() || !ctx.channel().isActive()) {
            return;
        }
        Whole whole = queue.poll();
        busy = true;
        ctx.channel().config().setAutoRead(false);
        try {
            server.workers().execute(() -> {
                ApiResponse response = server.answer(toRequest(whole));
                ctx.executor().execute(() -> write(ctx, whole, response));
            });
        } catch (RejectedExecutionException full) {
            write(ctx, whole, ApiResponse.error(AwsErrorKind.SERVICE_UNAVAILABLE,
                    "The Local IoT Core is busy answering other requests; try again."));
        }
    }

    private static ApiRequest toRequest(Whole whole) {
        String target = whole.uri();
        if (target.startsWith("http://") || target.startsWith("https://")) {
            // absolute form (a proxy's request line): keep path and query
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? null : target.substring(q + 1);
        return new ApiRequest(whole.method(), rawPath.isEmpty() ? "/" : rawPath, rawQuery, whole.headers(),
                whole.body(), whole.clientCertificate());
    }

    private void write(ChannelHandlerContext ctx, Whole whole, ApiResponse response) {
        boolean keepAlive = whole.keepAlive() && !closeAfterAnswer;
        FullHttpResponse out = toHttp(response, whole.method().equals("HEAD"), keepAlive);
        ctx.writeAndFlush(out).addListener((ChannelFutureListener) f -> {
            busy = false;
            if (!keepAlive || !f.isSuccess()) {
                ctx.close();
                return;
            }
            ctx.channel().config().setAutoRead(true);
            if (!queue.isEmpty()) {
                next(ctx);
            } else if (receiving) {
                // the next request began arriving while this one was answered: its deadline starts now
                startDeadline(ctx);
            }
        });
    }

    private static FullHttpResponse toHttp(ApiResponse response, boolean head, boolean keepAlive) {
        byte[] bytes = response.body();
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                head || bytes.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        HttpHeaders h = out.headers();
        if (response.contentType() != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        h.set(ApiServer.REQUEST_ID_HEADER, UUID.randomUUID().toString());
        response.headers().forEach(h::set);
        h.set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        h.set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return out;
    }

    /** Answers a client's mistake with 400 in AWS's shape, logs one line and closes the connection. */
    private void refuse(ChannelHandlerContext ctx, String what, String why) {
        server.logRefused(remote(ctx), what, why);
        current = null;
        body = null;
        receiving = false;
        cancelDeadline();
        queue.clear();
        closeWith(ctx, ApiResponse.error(AwsErrorKind.INVALID_REQUEST, why));
    }

    private void closeWith(ChannelHandlerContext ctx, ApiResponse response) {
        ctx.channel().config().setAutoRead(false);
        if (busy) {
            // the answer being prepared closes the connection when written
            closeAfterAnswer = true;
            return;
        }
        busy = true;
        ctx.writeAndFlush(toHttp(response, false, false)).addListener(ChannelFutureListener.CLOSE);
    }

    private void timedOut(ChannelHandlerContext ctx) {
        deadline = null;
        if (!ctx.channel().isActive() || busy) {
            return;
        }
        server.countSlowClosure();
        LOG.debug("closing {}: no whole request within the time limit", remote(ctx));
        current = null;
        body = null;
        receiving = false;
        if (sslHandshakeDone(ctx)) {
            closeWith(ctx, ApiResponse.error("RequestTimeoutException", 408, "The request did not arrive whole "
                    + "within " + server.options().limits().requestTimeout().toSeconds() + " s."));
        } else {
            ctx.close();
        }
    }

    private static boolean sslHandshakeDone(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        return ssl == null || ssl.handshakeFuture().isSuccess();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            if (receiving && current != null) {
                refuse(ctx, describe(current), shortBody());
            } else if (busy || !queue.isEmpty()) {
                closeAfterAnswer = true;
            } else {
                ctx.close();
            }
            return;
        }
        if (event instanceof IdleStateEvent) {
            if (!receiving && !busy && queue.isEmpty()) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        queue.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // resets, TLS handshake failures, garbage: the client's problem, never a stack trace in the log
        LOG.debug("closing {}: {}", remote(ctx), reason(cause));
        ctx.close();
    }

    private static X509Certificate clientCertificate(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static Map<String, List<String>> headers(HttpHeaders headers) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : headers) {
            result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        return result;
    }

    private static String describe(HttpRequest request) {
        if (request == null) {
            return "a request";
        }
        String uri = request.uri();
        int q = uri.indexOf('?');
        return request.method().name() + " " + (q < 0 ? uri : uri.substring(0, q));
    }

    private static String remote(ChannelHandlerContext ctx) {
        return String.valueOf(ctx.channel().remoteAddress()).replaceFirst("^/", "");
    }

    private static String reason(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? (root instanceof IOException ? "connection closed" : "invalid")
                : message;
    }
}
