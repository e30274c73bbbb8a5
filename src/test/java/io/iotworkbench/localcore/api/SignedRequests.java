package io.iotworkbench.localcore.api;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Requests signed by the AWS SDK's own SigV4 signer for any signing name (e.g. {@code execute-api}, as the AWS CLI
 * that Debian ships signs the IoT control plane), sent with the JDK HTTP client.
 */
final class SignedRequests {

    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "connection");

    private SignedRequests() {
    }

    static HttpResponse<String> send(HttpClient http, String method, URI uri, String body, String service,
                                     String accessKeyId, String secret) throws Exception {
        return send(http, method, uri, body, body, service, accessKeyId, secret, java.time.Clock.systemUTC());
    }

    /** Signs {@code signedBody} and sends {@code sentBody} (to tamper with a request). */
    static HttpResponse<String> send(HttpClient http, String method, URI uri, String signedBody, String sentBody,
                                     String service, String accessKeyId, String secret) throws Exception {
        return send(http, method, uri, signedBody, sentBody, service, accessKeyId, secret,
                java.time.Clock.systemUTC());
    }

    /** Signs as of {@code clock}'s time (to send a stale signature). */
    static HttpResponse<String> send(HttpClient http, String method, URI uri, String signedBody, String sentBody,
                                     String service, String accessKeyId, String secret, java.time.Clock clock)
            throws Exception {
        String body = signedBody;
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(uri);
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
        }
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                .request(request.build())
                .payload(body == null ? null : ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)).request();
        HttpRequest.Builder out = HttpRequest.newBuilder(signed.getUri()).method(method,
                sentBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(sentBody, StandardCharsets.UTF_8));
        for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
            if (!SET_BY_CLIENT.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                h.getValue().forEach(v -> out.header(h.getKey(), v));
            }
        }
        return http.send(out.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
