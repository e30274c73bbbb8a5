package io.iotworkbench.testsupport;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.storage.AtomicFiles;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto broker started by a test on a free loopback port, TLS with a required client certificate signed
 * by the given CA. Tests skip (with a message) when mosquitto is not installed; `.ci/run` installs it.
 */
public final class Mosquitto implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    private Mosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/mosquitto")) || onPath("mosquitto");
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    public static String binary() {
        return Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    }

    /** Starts mosquitto with TLS on a free port; skips the test when mosquitto is missing. */
    public static Mosquitto startTls(Path dir, LocalCa ca) throws Exception {
        Assumptions.assumeTrue(installed(),
                "mosquitto is not installed (apt-get install mosquitto); .ci/run installs it");
        Files.createDirectories(dir);
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        var cert = ca.issueServerCertificate(keys.getPublic(), List.of("localhost"), List.of("127.0.0.1"));
        Files.writeString(dir.resolve("server.pem"), Pem.certificate(cert));
        AtomicFiles.writeOwnerOnly(dir.resolve("server.key"), Pem.privateKeyPkcs8(keys.getPrivate()).getBytes());
        Files.writeString(dir.resolve("ca.pem"), Pem.certificate(ca.certificate()));
        int port = freePort();
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " 127.0.0.1",
                "cafile " + dir.resolve("ca.pem"),
                "certfile " + dir.resolve("server.pem"),
                "keyfile " + dir.resolve("server.key"),
                "require_certificate true",
                "use_identity_as_username true",
                "allow_anonymous true",
                "persistence false",
                "log_dest stderr",
                "user " + System.getProperty("user.name"),
                ""));
        Mosquitto m = new Mosquitto(dir, port);
        m.start();
        return m;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public void start() throws Exception {
        process = new ProcessBuilder(binary(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        Wait.check("mosquitto to open port " + port, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited: "
                            + Files.readString(dir.resolve("mosquitto.log")));
                }
                return false;
            }
        });
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
            process.destroyForcibly();
            process = null;
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
