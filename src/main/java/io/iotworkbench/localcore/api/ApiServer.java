package io.iotworkbench.localcore.api;

import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.PortUnavailableException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Local IoT Core's HTTP endpoints: the REST API (plain HTTP, SigV4) and the HTTPS device endpoint (TLS with client
 * certificates) are both one of these, answering the routes of a {@link Router}. The AWS SDK reaches the REST API
 * with {@code endpointOverride(endpoint())}.
 *
 * <p>Every failure is answered in AWS's error shape (status, {@code x-amzn-ErrorType}, JSON {@code __type} and
 * {@code message}): a request the {@link RequestAuthenticator} refuses gets its refusal; a method and path no route
 * has is 404 UnknownOperationException naming them; an {@link AwsServiceException} gives its kind; anything else is
 * 500 InternalFailureException whose message names the failure but never carries a stack trace (that goes to the log).
 * A client's own mistakes (a body shorter than its Content-Length, a malformed request line, a body over
 * {@link ServerLimits#maxBodyBytes()}) are 400 with one INFO line and no stack trace.
 *
 * <p>Slow and idle clients cannot starve others (docs/decisions/0008-rest-server.md): Netty reads every connection
 * without blocking a thread, a request is handed to a worker only once it arrived whole, a request must arrive within
 * {@link ServerLimits#requestTimeout()} (408 and closed otherwise), idle connections close after
 * {@link ServerLimits#idleTimeout()}, and at most {@link ServerLimits#maxConnections()} are open. Closures for
 * slowness and refused connections are logged as one summary line per 10 s, not one per connection.
 *
 * <p>Threads: one Netty event loop {@code <name>-io} for all sockets (TLS included); handlers run on a bounded pool of
 * daemon threads {@code <name>-N}. A connection's requests are answered one at a time, in order. {@link #close()}
 * stops accepting, closes every connection, lets running handlers finish for up to two seconds and is idempotent.
 */
public final class ApiServer implements AutoCloseable {

    /** Requests larger than this are refused; AWS's largest REST inputs (a 128 KB publish) are far below. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Every response carries a fresh request id here, as AWS's do; the SDK shows it in exceptions. */
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    /** The ALPN protocol AWS IoT uses for HTTPS with client certificates on port 443. */
    public static final String AWS_HTTP_ALPN = "x-amzn-http-ca";

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int MAX_INITIAL_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final int MAX_CHUNK = 64 * 1024;
    private static final long SUMMARY_SECONDS = 10;

    /**
     * How to run a server.
     *
     * @param tls           server TLS context (its trust manager decides which client certificates are accepted), or
     *                      null for plain HTTP
     * @param description   what the port is, for messages ("REST API", "HTTPS device endpoint")
     * @param threadName    prefix of the server's thread names
     * @param clientCertificates whether TLS requires a client certificate (the device endpoints) or not (the OTA
     *                      object store, which presigned URLs authorize)
     */
    public record Options(String host, int port, SSLContext tls, RequestAuthenticator authenticator,
                          ServerLimits limits, String description, String threadName, boolean clientCertificates) {

        public Options {
            Objects.requireNonNull(host);
            Objects.requireNonNull(authenticator);
            Objects.requireNonNull(limits);
        }

        /** Plain HTTP on {@code host}:{@code port}, any credentials, default limits. */
        public static Options plain(String host, int port) {
            return new Options(host, port, null, RequestAuthenticator.ANY_CREDENTIALS, ServerLimits.defaults(),
                    "REST API", "local-api", false);
        }

        /** TLS that requires a client certificate, as AWS IoT's device endpoints do. */
        public Options withClientCertificateTls(SSLContext context, String newDescription, String newThreadName) {
            return new Options(host, port, context, authenticator, limits, newDescription, newThreadName, true);
        }

        /** TLS with a server certificate only: any client may connect (what S3's presigned URLs need). */
        public Options withServerTls(SSLContext context, String newDescription, String newThreadName) {
            return new Options(host, port, context, authenticator, limits, newDescription, newThreadName, false);
        }

        public Options withAuthenticator(RequestAuthenticator a) {
            return new Options(host, port, tls, a, limits, description, threadName, clientCertificates);
        }

        public Options withLimits(ServerLimits l) {
            return new Options(host, port, tls, authenticator, l, description, threadName, clientCertificates);
        }
    }

    private final Options options;
    private final Router router;
    private final EventLoopGroup loop;
    private final ThreadPoolExecutor workers;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong closedSlow = new AtomicLong();
    private final AtomicLong refusedConnections = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Channel serverChannel;
    private String endpoint;

    private ApiServer(Options options, Router router) {
        this.options = options;
        this.router = router;
        this.loop = new NioEventLoopGroup(1, new DefaultThreadFactory(options.threadName() + "-io", true));
        this.workers = new ThreadPoolExecutor(options.limits().workers(), options.limits().workers(), 30,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(options.limits().queuedRequests()),
                DaemonThreads.numbered(options.threadName() + "-"));
        workers.allowCoreThreadTimeOut(true);
    }

    /** Binds {@code host}:{@code port} (0 = a free port) and answers with {@code router}'s routes, any credentials. */
    public static ApiServer start(String host, int port, Router router) throws IOException {
        return start(Options.plain(host, port), router);
    }

    /** Binds and starts answering; a port that cannot be opened is a {@link PortUnavailableException}. */
    public static ApiServer start(Options options, Router router) throws IOException {
        ApiServer server = new ApiServer(options, router);
        try {
            server.bind();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void bind() throws IOException {
        InetAddress address = InetAddress.getByName(options.host());
        ServerBootstrap b = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 512)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accept(ch);
                    }
                });
        try {
            serverChannel = b.bind(new InetSocketAddress(address, options.port())).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while opening the " + options.description() + " port", e);
        } catch (Exception e) {
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new PortUnavailableException(options.description(), options.host(), options.port(),
                        e.getMessage(), e);
            }
            throw e;
        }
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        endpoint = (options.tls() == null ? "http://" : "https://") + hostForUrl(bound.getAddress()) + ":"
                + bound.getPort();
        loop.scheduleAtFixedRate(this::logSummary, SUMMARY_SECONDS, SUMMARY_SECONDS, TimeUnit.SECONDS);
    }

    private void accept(SocketChannel ch) {
        if (open.incrementAndGet() > options.limits().maxConnections()) {
            open.decrementAndGet();
            refusedConnections.incrementAndGet();
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        connections.add(ch);
        ApiConnection connection = new ApiConnection(this);
        if (options.tls() != null) {
            SslHandler ssl = new SslHandler(serverEngine());
            ssl.setHandshakeTimeoutMillis(options.limits().requestTimeout().toMillis());
            ch.pipeline().addLast("tls", ssl);
        }
        ch.pipeline().addLast("first-byte", connection.firstByteWatcher())
                .addLast("idle", new IdleStateHandler(0, 0, options.limits().idleTimeout().toMillis(),
                        TimeUnit.MILLISECONDS))
                .addLast("codec", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_CHUNK))
                .addLast("requests", connection);
    }

    private SSLEngine serverEngine() {
        SSLEngine engine = options.tls().createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(options.clientCertificates());
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> offered.contains(AWS_HTTP_ALPN)
                ? AWS_HTTP_ALPN : offered.contains("http/1.1") ? "http/1.1" : "");
        return engine;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code http://host:port} (or https), the address to give the AWS SDK's {@code endpointOverride}. */
    public String endpoint() {
        return endpoint;
    }

    public Router router() {
        return router;
    }

    /** Closes every open connection (the server keeps accepting new ones): a fault for tests and demos. */
    public void closeConnections() {
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /** Connections open right now. */
    public int openConnections() {
        return open.get();
    }

    Options options() {
        return options;
    }

    ThreadPoolExecutor workers() {
        return workers;
    }

    void countSlowClosure() {
        closedSlow.incrementAndGet();
    }

    private void logSummary() {
        long slow = closedSlow.getAndSet(0);
        long refused = refusedConnections.getAndSet(0);
        if (slow > 0) {
            LOG.info("{}: closed {} connection(s) that did not send a whole request within {} s", options.description(),
                    slow, options.limits().requestTimeout().toSeconds());
        }
        if (refused > 0) {
            LOG.warn("{}: refused {} connection(s): {} are open, the limit", options.description(), refused,
                    options.limits().maxConnections());
        }
    }

    /**
     * Answers one whole request: authenticates it, routes it by method, path and signing service, runs the handler.
     * Never throws; runs on a worker thread.
     */
    ApiResponse answer(ApiRequest arrived) {
        String method = arrived.method();
        String rawPath = arrived.rawPath();
        try {
            ApiRequest request = arrived.authenticatedAs(options.authenticator().authenticate(arrived));
            Router.Match match = router.match(method, rawPath, request.signingService());
            if (match == null) {
                String service = request.signingService();
                return ApiResponse.error(AwsErrorKind.UNKNOWN_OPERATION, "The Local IoT Core has no operation for "
                        + method + " " + rawPath + (service == null ? "" : " (signed for service '" + service + "')")
                        + ".");
            }
            return match.route().handler().handle(request.routed(match.labels()));
        } catch (AwsServiceException e) {
            return ApiResponse.error(e.kind(), e.getMessage());
        } catch (Exception e) {
            LOG.error("The Local IoT Core API failed on {} {}", method, rawPath, e);
            return ApiResponse.error(AwsErrorKind.INTERNAL_FAILURE, "The Local IoT Core failed to answer "
                    + method + " " + rawPath + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** Logs a client's mistake as one line, without a stack trace. */
    void logRefused(String remote, String what, String why) {
        LOG.info("{}: refused {} from {}: {}", options.description(), what, remote, why);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static String hostForUrl(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "127.0.0.1";
        }
        String host = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + host.replaceFirst("%.*$", "") + "]" : host;
    }
}
