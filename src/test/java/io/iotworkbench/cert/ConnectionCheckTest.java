package io.iotworkbench.cert;

import io.iotworkbench.cert.ConnectionStep.Stage;
import io.iotworkbench.localcore.DeviceIdentity;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.localcore.TestServerTls;
import io.iotworkbench.localcore.broker.ClientCertificatePolicy;
import io.iotworkbench.localcore.broker.GatewayListener;
import io.iotworkbench.localcore.broker.LocalBroker;
import io.iotworkbench.localcore.policy.Authorizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection check step by step against a real Local IoT Core broker over TLS, and against closed doors. */
@Tag("integration")
class ConnectionCheckTest {

    @TempDir
    static Path dir;

    private static LocalCa ca;
    private static final Map<String, String> STATUSES = new ConcurrentHashMap<>();
    private static final List<LocalBroker> BROKERS = new ArrayList<>();
    private static LocalBroker broker;
    private final ConnectionCheck check = new ConnectionCheck(Duration.ofSeconds(5));

    @BeforeAll
    static void start() throws Exception {
        ca = LocalCa.openOrCreate(dir.resolve("ca"), Clock.systemUTC());
        var tls = TestServerTls.context(ca, dir.resolve("ca"), "127.0.0.1", LocalBroker.clientTrust(policy(),
                Clock.systemUTC()));
        broker = start(tls);
    }

    private static ClientCertificatePolicy policy() {
        return (cert, id) -> {
            String s = STATUSES.get(id);
            return s == null ? Optional.of("certificate " + id + " is not registered")
                    : s.equals("ACTIVE") ? Optional.empty() : Optional.of("certificate " + id + " is " + s);
        };
    }

    private static LocalBroker start(SSLContext tls) throws Exception {
        LocalBroker b = LocalBroker.start("127.0.0.1", 0, tls, Authorizer.ALLOW_ALL, new GatewayListener() {
        });
        BROKERS.add(b);
        return b;
    }

    @AfterAll
    static void stop() {
        BROKERS.forEach(LocalBroker::close);
    }

    private CertificateBundle registered(String status) {
        DeviceIdentity d = DeviceIdentity.issuedBy(ca);
        if (status != null) {
            STATUSES.put(d.certificateId(), status);
        }
        return new CertificateBundle(List.of(d.certificate()), d.keys().getPrivate(), List.of(ca.certificate()));
    }

    private static List<Verdict> verdicts(ConnectionReport report) {
        return report.steps().stream().map(ConnectionStep::verdict).toList();
    }

    @Test
    void anActiveCertificateGoesThroughEveryStepToConnack0() {
        ConnectionReport report = check.run(registered("ACTIVE"), "localhost", broker.port(), "device-1");
        assertThat(report.steps()).extracting(ConnectionStep::stage).containsExactly(Stage.values());
        assertThat(verdicts(report)).containsOnly(Verdict.OK);
        assertThat(report.step(Stage.CLIENT_CERTIFICATE).explanation()).contains("accepted the device certificate");
        assertThat(report.succeeded()).isTrue();
        assertThat(report.failure()).isEmpty();
        assertThat(report.step(Stage.SERVER_VERIFICATION).explanation())
                .contains("chains to " + ca.certificate().getSubjectX500Principal(), "a root CA you gave",
                        "'localhost'");
        assertThat(report.step(Stage.MQTT_CONNACK).explanation()).contains("CONNACK 0", "device-1");
        assertThat(report.steps()).allSatisfy(s -> assertThat(s.took()).isPositive());
    }

    @Test
    void anUnknownHostFailsAtNameResolutionAndSkipsTheRest() {
        ConnectionReport report = check.run(registered("ACTIVE"), "no-such-host.invalid", 8883, "d");
        assertThat(verdicts(report)).containsExactly(Verdict.ERROR, Verdict.SKIPPED, Verdict.SKIPPED,
                Verdict.SKIPPED, Verdict.SKIPPED);
        assertThat(report.failure().orElseThrow().stage()).isEqualTo(Stage.NAME_RESOLUTION);
        assertThat(report.failure().orElseThrow().explanation()).contains("no-such-host.invalid", "DNS");
        assertThat(report.succeeded()).isFalse();
    }

    @Test
    void aClosedPortFailsAtTcpConnect() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        ConnectionReport report = check.run(registered("ACTIVE"), "127.0.0.1", closed, "d");
        assertThat(verdicts(report)).containsExactly(Verdict.OK, Verdict.ERROR, Verdict.SKIPPED, Verdict.SKIPPED,
                Verdict.SKIPPED);
        assertThat(report.failure().orElseThrow().explanation()).contains("connection refused", ":" + closed);
    }

    @Test
    void aWrongRootCaFailsServerVerificationNotTheClientCertificate() {
        CertificateBundle good = registered("ACTIVE");
        KeyPair otherCaKeys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        X509Certificate otherCa = CertificateFactory.selfSignedCa(otherCaKeys, "CN=Some Other CA",
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400));
        CertificateBundle wrongRoot = new CertificateBundle(good.deviceChain(), good.privateKey(), List.of(otherCa));
        ConnectionReport report = check.run(wrongRoot, "localhost", broker.port(), "d");
        assertThat(verdicts(report)).containsExactly(Verdict.OK, Verdict.OK, Verdict.ERROR, Verdict.SKIPPED,
                Verdict.SKIPPED);
        assertThat(report.failure().orElseThrow().explanation())
                .contains("does not chain to the root CA you gave (CN=Some Other CA)", "Amazon Root CA 1");
    }

    @Test
    void aRefusedClientIdFailsAtConnackWithItsCode() {
        ConnectionReport report = check.run(registered("ACTIVE"), "localhost", broker.port(), "$reserved");
        assertThat(verdicts(report)).containsExactly(Verdict.OK, Verdict.OK, Verdict.OK, Verdict.OK, Verdict.ERROR);
        assertThat(report.failure().orElseThrow().explanation()).contains("CONNACK 2", "'$reserved'");
    }

    @Test
    void aServerThatSpeaksNoTlsFailsAtServerVerification() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (var s = plain.accept()) {
                    s.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes());
                    s.getInputStream().read();
                } catch (java.io.IOException ignored) {
                    // the check closed first
                }
            });
            answer.start();
            ConnectionReport report = check.run(registered("ACTIVE"), "127.0.0.1", plain.getLocalPort(), "d");
            answer.join(5_000);
            assertThat(report.failure().orElseThrow().stage()).isEqualTo(Stage.SERVER_VERIFICATION);
            assertThat(report.failure().orElseThrow().explanation()).contains("does not speak TLS");
        }
    }

    @Test
    void anUnregisteredCertificateIsRefusedByTheServerAtTheClientCertificateStep() {
        ConnectionReport report = check.run(registered(null), "localhost", broker.port(), "d");
        assertThat(verdicts(report)).containsExactly(Verdict.OK, Verdict.OK, Verdict.OK, Verdict.ERROR,
                Verdict.SKIPPED);
        assertThat(report.failure().orElseThrow().explanation()).contains("The server refused the device certificate",
                "not be registered", "INACTIVE");
        assertThat(report.step(Stage.SERVER_VERIFICATION).explanation()).contains("chains to");
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateFailsAtTheClientCertificateStep() {
        CertificateBundle good = registered("ACTIVE");
        KeyPair other = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        var mismatched = new CertificateBundle(good.deviceChain(), other.getPrivate(), good.rootCas());
        ConnectionReport report = check.run(mismatched, "localhost", broker.port(), "d");
        assertThat(verdicts(report)).containsExactly(Verdict.OK, Verdict.OK, Verdict.OK, Verdict.ERROR,
                Verdict.SKIPPED);
    }

    @Test
    void anInactiveCertificateIsRefusedAtTheClientCertificateStep() {
        ConnectionReport report = check.run(registered("INACTIVE"), "localhost", broker.port(), "d");
        assertThat(report.failure().orElseThrow().stage()).isEqualTo(Stage.CLIENT_CERTIFICATE);
        assertThat(report.step(Stage.SERVER_VERIFICATION).verdict()).isEqualTo(Verdict.OK);
        assertThat(report.step(Stage.MQTT_CONNACK).verdict()).isEqualTo(Verdict.SKIPPED);
    }

    @Test
    void aServerCertificateNotNamingTheHostFailsServerVerificationOnTheHostName() throws Exception {
        KeyPair serverKeys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        X509Certificate serverCert = ca.issueServerCertificate(serverKeys.getPublic(), List.of("elsewhere.example"),
                List.of());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, new char[0]);
        ks.setKeyEntry("server", serverKeys.getPrivate(), new char[0],
                new X509Certificate[] {serverCert, ca.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {LocalBroker.clientTrust(policy(),
                Clock.systemUTC())}, null);
        LocalBroker misnamed = start(tls);

        ConnectionReport report = check.run(registered("ACTIVE"), "localhost", misnamed.port(), "d");
        assertThat(verdicts(report)).containsExactly(Verdict.OK, Verdict.OK, Verdict.ERROR, Verdict.SKIPPED,
                Verdict.SKIPPED);
        assertThat(report.failure().orElseThrow().explanation()).contains("is trusted", "not valid for the host name "
                + "'localhost'", "elsewhere.example");
    }
}
