package io.iotworkbench.cert;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Builds the TLS contexts every MQTT and HTTPS connection of the app uses: a client certificate and key for mutual
 * TLS, trust limited to the given root CAs (or the JDK's trust store when none is given), hostname verification on,
 * SNI sent, and ALPN {@code x-amzn-mqtt-ca} on port 443. There is no way to turn server verification off.
 *
 * <p>Stateless and thread-safe.
 */
public final class TlsContexts {

    public static final String AWS_MQTT_ALPN = "x-amzn-mqtt-ca";

    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {
    }

    /** A context presenting {@code chain}/{@code key} and trusting {@code roots} (the JDK's roots when empty). */
    public static SSLContext clientContext(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> roots)
            throws GeneralSecurityException {
        return context(clientKeys(chain, key), serverTrust(roots));
    }

    /**
     * A context with the given key manager (the client's identity) and server trust. Package-private so that no
     * caller outside can hand in a trust manager that trusts everything; {@link ConnectionCheck} wraps
     * {@link #serverTrust} to watch it.
     */
    static SSLContext context(X509ExtendedKeyManager keys, X509ExtendedTrustManager trust)
            throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {keys}, new TrustManager[] {trust}, null);
        return ctx;
    }

    /**
     * The key manager that presents {@code chain} and {@code key}; none when either is missing. Held in memory
     * ({@link OneKeyManager}), not put through a PKCS#12 store: that round trip cost a PBKDF2 derivation each way.
     */
    static X509ExtendedKeyManager clientKeys(List<X509Certificate> chain, PrivateKey key) {
        return new OneKeyManager("device", key, chain);
    }

    /** The PKIX trust manager that verifies servers against {@code roots}, or the JDK's roots when empty. */
    static X509ExtendedTrustManager serverTrust(List<X509Certificate> roots) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (roots == null || roots.isEmpty()) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore trust = emptyStore();
            for (int i = 0; i < roots.size(); i++) {
                trust.setCertificateEntry("root-" + i, roots.get(i));
            }
            tmf.init(trust);
        }
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("this Java runtime has no X.509 trust manager");
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, NO_PASSWORD);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    /**
     * A socket factory for {@code host:port} whose sockets verify the host name, send SNI, and offer ALPN
     * {@value #AWS_MQTT_ALPN} when the port is 443.
     */
    public static SSLSocketFactory socketFactory(SSLContext context, String host, int port) {
        return new ConfiguringFactory(context.getSocketFactory(), host, port == 443);
    }

    /** The parameters applied to every client socket. */
    static void configure(SSLSocket socket, String host, boolean alpn) {
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (host != null && !isIpLiteral(host)) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        if (alpn) {
            params.setApplicationProtocols(new String[] {AWS_MQTT_ALPN});
        }
        socket.setSSLParameters(params);
    }

    static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static final class ConfiguringFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final String host;
        private final boolean alpn;

        ConfiguringFactory(SSLSocketFactory delegate, String host, boolean alpn) {
            this.delegate = delegate;
            this.host = host;
            this.alpn = alpn;
        }

        private Socket configured(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            if (s instanceof SSLSocket ssl) {
                configure(ssl, host, alpn);
            }
            return s;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(Socket s, String h, int p, boolean autoClose) throws IOException {
            s.setTcpNoDelay(true);
            return configured(delegate.createSocket(s, h, p, autoClose));
        }

        @Override
        public Socket createSocket() throws IOException {
            return configured(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String h, int p) throws IOException {
            return configured(delegate.createSocket(h, p));
        }

        @Override
        public Socket createSocket(String h, int p, InetAddress local, int localPort) throws IOException {
            return configured(delegate.createSocket(h, p, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress a, int p) throws IOException {
            return configured(delegate.createSocket(a, p));
        }

        @Override
        public Socket createSocket(InetAddress a, int p, InetAddress local, int localPort) throws IOException {
            return configured(delegate.createSocket(a, p, local, localPort));
        }
    }
}
