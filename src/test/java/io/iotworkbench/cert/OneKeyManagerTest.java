package io.iotworkbench.cert;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.security.auth.x500.X500Principal;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link OneKeyManager} chooses its one key as the JDK's SunX509 key manager chooses a key store entry, and carries
 * mutual TLS over a real handshake with verification as strict as before.
 */
class OneKeyManagerTest {

    private static final Instant NOW = Instant.now();
    private static KeyPair caKeys;
    private static X509Certificate ca;
    private static KeyPair serverKeys;
    private static X509Certificate server;
    private static KeyPair deviceKeys;
    private static X509Certificate device;

    @BeforeAll
    static void certificates() {
        caKeys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        ca = CertificateFactory.selfSignedCa(caKeys, "CN=Test CA", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(10)));
        serverKeys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        server = CertificateFactory.serverCertificate(serverKeys.getPublic(), "CN=server", ca, caKeys.getPrivate(),
                List.of("localhost"), List.of("127.0.0.1"), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(10)));
        deviceKeys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        device = CertificateFactory.clientCertificate(deviceKeys.getPublic(), "CN=device", ca, caKeys.getPrivate(),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)));
    }

    @Test
    void choosesTheKeyOnlyForItsAlgorithmAndForIssuersOfItsChain() {
        OneKeyManager keys = new OneKeyManager("server", serverKeys.getPrivate(), List.of(server, ca));

        assertThat(keys.chooseServerAlias("RSA", null, null)).isEqualTo("server");
        assertThat(keys.chooseServerAlias("EC", null, null)).isNull();
        assertThat(keys.chooseServerAlias("RSA_RSA", null, null)).as("TLS 1.2 type: issuer key RSA").isEqualTo(
                "server");
        assertThat(keys.chooseServerAlias("RSA_EC", null, null)).isNull();
        assertThat(keys.chooseClientAlias(new String[] {"EC", "RSA"}, new Principal[0], null)).isEqualTo("server");
        assertThat(keys.chooseClientAlias(new String[] {"RSA"}, new Principal[] {new X500Principal("CN=Test CA")},
                null)).isEqualTo("server");
        assertThat(keys.chooseClientAlias(new String[] {"RSA"}, new Principal[] {new X500Principal("CN=Other CA")},
                null)).as("the peer accepts only another CA").isNull();
        assertThat(keys.getServerAliases("RSA", null)).containsExactly("server");
        assertThat(keys.getCertificateChain("server")).containsExactly(server, ca);
        assertThat(keys.getPrivateKey("server")).isSameAs(serverKeys.getPrivate());
        assertThat(keys.getPrivateKey("other")).isNull();
        assertThat(keys.getCertificateChain("other")).isNull();
    }

    @Test
    void withoutKeyOrChainItPresentsNothing() {
        OneKeyManager none = new OneKeyManager("device", null, List.of(device));
        OneKeyManager noChain = new OneKeyManager("device", deviceKeys.getPrivate(), List.of());

        for (OneKeyManager keys : List.of(none, noChain)) {
            assertThat(keys.chooseClientAlias(new String[] {"EC", "RSA"}, null, null)).isNull();
            assertThat(keys.getClientAliases("EC", null)).isNull();
            assertThat(keys.getPrivateKey("device")).isNull();
            assertThat(keys.getCertificateChain("device")).isNull();
        }
    }

    @Test
    void mutualTlsHandshakeVerifiesBothSides() throws Exception {
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(new OneKeyManager[] {new OneKeyManager("server", serverKeys.getPrivate(),
                List.of(server, ca))}, new TrustManager[] {TlsContexts.serverTrust(List.of(ca))}, null);
        try (SSLServerSocket listener = (SSLServerSocket) serverTls.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(30_000);
                    int b = s.getInputStream().read();
                    s.getOutputStream().write(b);
                    s.getOutputStream().flush();
                    return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                            .getName();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SSLContext client = TlsContexts.clientContext(List.of(device), deviceKeys.getPrivate(), List.of(ca));
            try (SSLSocket s = (SSLSocket) TlsContexts.socketFactory(client, "localhost", listener.getLocalPort())
                    .createSocket("localhost", listener.getLocalPort())) {
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                out.write(42);
                out.flush();
                assertThat(in.read()).isEqualTo(42);
            }
            assertThat(peer.get(60, TimeUnit.SECONDS)).isEqualTo("CN=device");

            // a client trusting another CA refuses the same server: verification is unchanged
            KeyPair otherKeys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
            X509Certificate other = CertificateFactory.selfSignedCa(otherKeys, "CN=Other CA",
                    NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)));
            SSLContext distrusting = TlsContexts.clientContext(List.of(device), deviceKeys.getPrivate(),
                    List.of(other));
            CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(30_000);
                    s.startHandshake();
                } catch (Exception expected) {
                    // the client hangs up
                }
            });
            try (SSLSocket s = (SSLSocket) TlsContexts.socketFactory(distrusting, "localhost",
                    listener.getLocalPort()).createSocket("localhost", listener.getLocalPort())) {
                s.setSoTimeout(30_000);
                assertThatThrownBy(s::startHandshake).isInstanceOf(SSLHandshakeException.class);
            }
        }
    }
}
