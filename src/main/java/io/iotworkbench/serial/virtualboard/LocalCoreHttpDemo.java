package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.serial.console.LogLevel;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The WM SDK's {@code http_demo_mutual_auth} (the AWS IoT Device SDK for Embedded C's HTTP demo) on the virtual
 * board, against the Local IoT Core's HTTPS device endpoint: a TLS session with the board thing's certificate, one
 * {@code POST /topics/topic?qos=1} with the demo's body, the response logged the way the demo logs it, then "Demo
 * completed successfully." The request is written byte for byte as coreHTTP writes it (request line, User-Agent,
 * Host, Connection: keep-alive, Content-Length), so the board exercises the same server path a W800 does.
 *
 * <p>Threading: {@link #run} runs on the board's demo thread and returns when the demo ends (it does not loop).
 */
final class LocalCoreHttpDemo {

    /** What the demo posts ({@code POST_PATH} and {@code REQUEST_BODY} of its {@code demo_config.h}). */
    static final String POST_PATH = "/topics/topic?qos=1";
    static final String REQUEST_BODY = "{ \"message\": \"Hello, world\" }";
    private static final int TIMEOUT_MS = 5_000;
    private static final int MAX_RESPONSE = 2048;

    private LocalCoreHttpDemo() {
    }

    static void run(LocalIoTCore core, String thing, DemoConsole console) {
        String tag = AwsDemo.HTTP.tag();
        String host = core.httpsHost();
        int port = core.httpsPort();
        console.log(LogLevel.INFO, tag, "Performing TLS handshake on top of the TCP connection.");
        console.log(LogLevel.INFO, tag, "Establishing a TLS session to " + host + ":" + port + ".");
        SSLContext tls;
        try {
            LocalIoTCore.ProvisionedThing device = core.provision(thing, LocalIoTCore.Identity.HTTP_DEMO);
            tls = TlsContexts.clientContext(PemFiles.readCertificates(device.certificateFile()),
                    PemFiles.readPrivateKey(device.privateKeyFile()), PemFiles.readCertificates(core.caFile()));
        } catch (Exception e) {
            console.log(LogLevel.ERROR, tag, "Failed to connect to HTTP server " + host + ": " + e.getMessage());
            return;
        }
        try (SSLSocket socket = (SSLSocket) TlsContexts.socketFactory(tls, host, port).createSocket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.startHandshake();
            String headers = "POST " + POST_PATH + " HTTP/1.1\r\nUser-Agent: WM-W800\r\nHost: " + host
                    + "\r\nConnection: keep-alive\r\nContent-Length: " + REQUEST_BODY.length() + "\r\n\r\n";
            console.log(LogLevel.INFO, tag, "Sending HTTP POST request to " + host + POST_PATH + "...");
            console.log(LogLevel.DEBUG, tag, "Request Headers:");
            console.print(headers.replace("\r\n", "\n").strip().replace("\n", "\r\n") + "\r\nRequest Body:\r\n"
                    + REQUEST_BODY + "\r\n");
            OutputStream out = socket.getOutputStream();
            out.write((headers + REQUEST_BODY).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Response response = read(socket.getInputStream());
            console.log(LogLevel.INFO, tag, "Received HTTP response from " + host + POST_PATH + "...");
            console.print("Response Headers:\r\n" + response.headers() + "\r\nResponse Status:\r\n"
                    + response.status() + "\r\nResponse Body:\r\n" + response.body() + "\r\n");
            if (response.status() == 200) {
                console.log(LogLevel.INFO, tag, "Demo completed successfully.");
            } else {
                console.log(LogLevel.ERROR, tag, "The server answered " + response.status() + ".");
            }
        } catch (IOException e) {
            console.log(LogLevel.ERROR, tag, "Failed to send HTTP POST request to " + host + POST_PATH + ": Error="
                    + e.getMessage() + ".");
        }
    }

    /** Status, headers (one per line) and body of one response with a Content-Length, as coreHTTP parses it. */
    record Response(int status, String headers, String body) {
    }

    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_RESPONSE) {
                throw new IOException("the response ended before its headers");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).strip().split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        StringBuilder headers = new StringBuilder();
        int length = 0;
        for (int i = 1; i < lines.length; i++) {
            headers.append(lines[i]).append("\r\n");
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = in.readNBytes(Math.min(length, MAX_RESPONSE));
        return new Response(status, headers.toString().strip(), new String(body, StandardCharsets.UTF_8));
    }
}
