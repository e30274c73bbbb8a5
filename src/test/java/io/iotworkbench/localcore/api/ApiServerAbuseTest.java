package io.iotworkbench.localcore.api;

import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.testsupport.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API under abuse, over real sockets: connections that stall half-way through their request line, headers or
 * body must not keep an AWS SDK client from being answered, and a body shorter than its Content-Length is the
 * client's error (400 in AWS's shape, one log line, no stack trace).
 */
@Tag("integration")
class ApiServerAbuseTest {

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private IotClient iot;
    private final List<Socket> stalled = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false));
        iot = IotClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "s")))
                .endpointOverride(URI.create(core.apiEndpoint()))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(20))
                        .connectionTimeout(Duration.ofSeconds(20)).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : stalled) {
            s.close();
        }
        iot.close();
        core.close();
    }

    private Socket open() throws Exception {
        URI endpoint = URI.create(core.apiEndpoint());
        Socket s = new Socket(endpoint.getHost(), endpoint.getPort());
        s.setSoTimeout(60_000);
        return s;
    }

    @Test
    void twoHundredStalledConnectionsDoNotStopAnSdkClient() throws Exception {
        for (int i = 0; i < 100; i++) {
            Socket s = open();
            s.getOutputStream().write(("POST /things/stalled" + i + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            stalled.add(s);
        }
        for (int i = 0; i < 100; i++) {
            Socket s = open();
            s.getOutputStream().write(("POST /things/half" + i + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"attributePayload\":")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            stalled.add(s);
        }
        for (int i = 0; i < 20; i++) {
            String name = "busy-" + i;
            assertThat(iot.createThing(r -> r.thingName(name)).thingName()).isEqualTo(name);
            assertThat(iot.describeThing(r -> r.thingName(name)).thingName()).isEqualTo(name);
        }
        assertThat(iot.listThings(r -> r.maxResults(250)).things()).hasSize(20);
    }

    @Test
    void aBodyShorterThanItsContentLengthIsABadRequestLoggedOnceWithoutAStackTrace() throws Exception {
        try (LogCapture log = LogCapture.of(ApiServer.class); Socket s = open()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /things/short HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"attributePayload\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.shutdownOutput();
            String response = readAll(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response.toLowerCase()).contains("x-amzn-errortype: invalidrequestexception");
            assertThat(response).contains("\"__type\":\"InvalidRequestException\"", "100");
            assertThat(log.lines()).hasSize(1);
            assertThat(log.lines().get(0)).doesNotContain("throwable").doesNotStartWith("ERROR");
        }
        assertThat(iot.listThings().things()).isEmpty();
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
