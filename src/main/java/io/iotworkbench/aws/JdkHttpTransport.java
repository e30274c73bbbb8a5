package io.iotworkbench.aws;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;

/**
 * An AWS SDK HTTP transport over the JDK's {@link HttpClient}, used for the app's AWS control-plane calls because the
 * SDK's {@code UrlConnectionHttpClient} cannot send PATCH (UpdateThing), which {@link java.net.HttpURLConnection}
 * refuses. The SDK still marshals, signs and unmarshals; this only carries the bytes. TLS verification is the JDK's
 * default (server certificates are always verified). Thread-safe.
 */
public final class JdkHttpTransport implements SdkHttpClient {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                return send(request);
            }

            @Override
            public void abort() {
                // requests are short; an aborted one finishes and is discarded
            }
        };
    }

    private HttpExecuteResponse send(HttpExecuteRequest request) throws IOException {
        SdkHttpRequest r = request.httpRequest();
        byte[] body = new byte[0];
        if (request.contentStreamProvider().isPresent()) {
            try (InputStream in = request.contentStreamProvider().get().newStream()) {
                body = in.readAllBytes();
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(r.getUri()).method(r.method().name(),
                HttpRequest.BodyPublishers.ofByteArray(body));
        r.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        SdkHttpResponse.Builder sdk = SdkHttpResponse.builder().statusCode(response.statusCode());
        response.headers().map().forEach(sdk::putHeader);
        return HttpExecuteResponse.builder().response(sdk.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body()))).build();
    }

    @Override
    public void close() {
        // the JDK client holds nothing that needs closing on Java 17
    }

    @Override
    public String clientName() {
        return "JdkHttpTransport";
    }
}
