package io.iotworkbench.localcore.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Local IoT Core's REST endpoint: one JDK {@link HttpServer} (plain HTTP) answering every AWS REST service the
 * emulator offers, routed by a {@link Router}. The AWS SDK reaches it with {@code endpointOverride(endpoint())}.
 *
 * <p>Every failure is answered in AWS's error shape (status, {@code x-amzn-ErrorType}, JSON {@code __type} and
 * {@code message}): a method and path no route has is 404 UnknownOperationException naming them; an
 * {@link AwsServiceException} gives its kind; anything else is 500 InternalFailureException whose message names the
 * failure but never carries a stack trace (that goes to the log). SigV4 signatures are not verified: any access key
 * and secret are accepted, and the credential scope is read only to route (see {@link Router}).
 *
 * <p>Threads: requests run on a small fixed pool of daemon threads named {@code local-api-N}. {@link #close()} stops
 * accepting, lets running handlers finish for up to two seconds and is idempotent.
 */
public final class ApiServer implements AutoCloseable {

    /** Requests larger than this are refused; AWS's largest REST inputs (a 128 KB publish) are far below. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Every response carries a fresh request id here, as AWS's do; the SDK shows it in exceptions. */
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Router router;
    private final String endpoint;

    private ApiServer(HttpServer server, ExecutorService executor, Router router, String endpoint) {
        this.server = server;
        this.executor = executor;
        this.router = router;
        this.endpoint = endpoint;
    }

    /** Binds {@code host}:{@code port} (0 = a free port) and starts answering with {@code router}'s routes. */
    public static ApiServer start(String host, int port, Router router) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, DaemonThreads.numbered("local-api-"));
        server.setExecutor(executor);
        InetSocketAddress bound = server.getAddress();
        ApiServer api = new ApiServer(server, executor, router, "http://" + hostForUrl(bound.getAddress()) + ":"
                + bound.getPort());
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}, the address to give the AWS SDK's {@code endpointOverride}. */
    public String endpoint() {
        return endpoint;
    }

    public Router router() {
        return router;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        ApiResponse response;
        try {
            response = dispatch(exchange, method, rawPath);
        } catch (AwsServiceException e) {
            response = ApiResponse.error(e.kind(), e.getMessage());
        } catch (Exception e) {
            LOG.error("The Local IoT Core API failed on {} {}", method, rawPath, e);
            response = ApiResponse.error(AwsErrorKind.INTERNAL_FAILURE, "The Local IoT Core failed to answer "
                    + method + " " + rawPath + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        try {
            write(exchange, response);
        } finally {
            exchange.close();
        }
    }

    private ApiResponse dispatch(HttpExchange exchange, String method, String rawPath) throws Exception {
        Map<String, List<String>> query = ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery());
        String service = SigningScope.service(exchange.getRequestHeaders().getFirst("Authorization"),
                query.containsKey("X-Amz-Credential") ? query.get("X-Amz-Credential").get(0) : null);
        Router.Match match = router.match(method, rawPath, service);
        if (match == null) {
            return ApiResponse.error(AwsErrorKind.UNKNOWN_OPERATION, "The Local IoT Core has no operation for "
                    + method + " " + rawPath + (service == null ? "" : " (signed for service '" + service + "')")
                    + ".");
        }
        byte[] body = readBody(exchange.getRequestBody());
        ApiRequest request = new ApiRequest(method, rawPath, match.labels(), query, exchange.getRequestHeaders(),
                body, service);
        return match.route().handler().handle(request);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new AwsServiceException(AwsErrorKind.INVALID_REQUEST, "The request body is larger than "
                    + MAX_BODY_BYTES + " bytes.");
        }
        return body;
    }

    private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        exchange.getResponseHeaders().set(REQUEST_ID_HEADER, UUID.randomUUID().toString());
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = response.body();
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
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
