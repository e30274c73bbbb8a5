package io.iotworkbench.jobs;

import com.sun.net.httpserver.HttpServer;
import io.iotworkbench.aws.JdkHttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OTA image upload is one signed S3 PutObject, sent by the unmodified SDK {@link S3Client} over real HTTP (through
 * the app's transport) to a small local HTTP server that records it (the Local IoT Core's object store serves only
 * GETs): method, bucket and key in the path, the image's bytes, the content type and a SigV4 signature for S3.
 */
class OtaImageUploadTest {

    private HttpServer server;
    private final Map<String, Object> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            seen.put("method", ex.getRequestMethod());
            seen.put("path", ex.getRequestURI().getPath());
            seen.put("headers", Map.copyOf(ex.getRequestHeaders()));
            seen.put("body", ex.getRequestBody().readAllBytes());
            ex.getResponseHeaders().add("ETag", "\"abc123\"");
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void putsTheImageAtTheBucketAndKeySigned() {
        byte[] image = new byte[50_000];
        new Random(5).nextBytes(image);
        try (S3Client s3 = S3Client.builder().httpClient(new JdkHttpTransport()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")))
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .forcePathStyle(true).build()) {
            String etag = OtaImageUpload.upload(s3, OtaUpdatePlan.S3Object.parse("s3://my-firmware/w800/app.img"),
                    image);
            assertThat(etag).isEqualTo("\"abc123\"");
        }
        assertThat(seen.get("method")).isEqualTo("PUT");
        assertThat(seen.get("path")).isEqualTo("/my-firmware/w800/app.img");
        @SuppressWarnings("unchecked")
        Map<String, java.util.List<String>> headers = (Map<String, java.util.List<String>>) seen.get("headers");
        assertThat(headers.get("Authorization").get(0)).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
                .contains("/eu-west-1/s3/aws4_request");
        assertThat(headers.get("Content-type").get(0)).isEqualTo("application/octet-stream");
        byte[] body = (byte[]) seen.get("body");
        assertThat(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the image travels whole (possibly aws-chunked with a checksum trailer)")
                .contains(new String(image, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
