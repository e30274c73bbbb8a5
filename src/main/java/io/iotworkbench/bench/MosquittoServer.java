package io.iotworkbench.bench;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.storage.AtomicFiles;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto run as a baseline for the broker benchmark: TLS with required client certificates signed by the
 * Local IoT Core's CA, on a free loopback port, in a folder of its own. Started and stopped by the benchmark.
 */
public final class MosquittoServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private MosquittoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static String binary() {
        for (String candidate : List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    /** @param inFlight mosquitto's max_inflight_messages (per client, as the Local IoT Core's in-flight window) */
    public static MosquittoServer start(Path dir, LocalCa ca, int inFlight) throws Exception {
        String bin = binary();
        if (bin == null) {
            throw new IOException("mosquitto is not installed (apt-get install mosquitto)");
        }
        Files.createDirectories(dir);
        var keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        var cert = ca.issueServerCertificate(keys.getPublic(), List.of("localhost"), List.of("127.0.0.1"));
        Files.writeString(dir.resolve("server.pem"), Pem.certificate(cert));
        AtomicFiles.writeOwnerOnly(dir.resolve("server.key"),
                Pem.privateKeyPkcs8(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve("ca.pem"), Pem.certificate(ca.certificate()));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " 127.0.0.1", "cafile " + dir.resolve("ca.pem"),
                "certfile " + dir.resolve("server.pem"), "keyfile " + dir.resolve("server.key"),
                "require_certificate true", "allow_anonymous true", "persistence false",
                "max_inflight_messages " + inFlight, "max_queued_messages 100000",
                "user " + System.getProperty("user.name"), "log_dest none", ""));
        Process p = new ProcessBuilder(bin, "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new MosquittoServer(p, port);
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("mosquitto did not open its port");
    }

    public int port() {
        return port;
    }

    /** The mosquitto process's CPU time so far (user + system, from /proc on Linux), or -1 where unknown. */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
