package io.iotworkbench.localcore.api;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An {@link ApiServer}'s limits over real sockets: the request deadline and the connection cap. */
@Tag("integration")
class ApiServerLimitsTest {

    @Test
    void aRequestThatDoesNotArriveWholeInTimeIsAnswered408AndClosed() throws Exception {
        Router router = new Router().add("GET", "/ping", r -> ApiResponse.of(200, "text/plain", new byte[] {'k'}));
        try (ApiServer server = ApiServer.start(ApiServer.Options.plain("127.0.0.1", 0).withLimits(
                ServerLimits.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(60))), router);
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(60_000);
            s.getOutputStream().write("GET /ping HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String response = readAll(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 408").contains("RequestTimeoutException");
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAndTheSlotsComeBack() throws Exception {
        Router router = new Router().add("GET", "/ping", r -> ApiResponse.of(200, "text/plain", new byte[] {'k'}));
        try (ApiServer server = ApiServer.start(ApiServer.Options.plain("127.0.0.1", 0)
                .withLimits(ServerLimits.defaults().withMaxConnections(5)), router)) {
            List<Socket> idle = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                idle.add(new Socket("127.0.0.1", server.port()));
            }
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (server.openConnections() < 5 && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            try (Socket extra = new Socket("127.0.0.1", server.port())) {
                extra.setSoTimeout(60_000);
                assertThat(extra.getInputStream().read()).as("closed at once").isEqualTo(-1);
            }
            for (Socket s : idle) {
                s.close();
            }
            String answer = "";
            while (!answer.startsWith("HTTP/1.1 200") && System.nanoTime() < end) {
                try (Socket s = new Socket("127.0.0.1", server.port())) {
                    s.setSoTimeout(60_000);
                    s.getOutputStream().write("GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    answer = readAll(s.getInputStream());
                }
            }
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("k");
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
