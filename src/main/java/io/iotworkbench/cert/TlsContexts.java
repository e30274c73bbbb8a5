package io.iotworkbench.cert;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
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

    private TlsContexts() {
    }

    /** A context presenting {@code chain}/{@code key} and trusting {@code roots} (the JDK's roots when empty). */
    public static SSLContext clientContext(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> roots)
            throws GeneralSecurityException {
        char[] pw = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try {
            keys.load(null, pw);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        if (chain != null && !chain.isEmpty() && key != null) {
            keys.setKeyEntry("device", key, pw, chain.toArray(new X509Certificate[0]));
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, pw);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (roots == null || roots.isEmpty()) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try {
                trust.load(null, pw);
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
            for (int i = 0; i < roots.size(); i++) {
                trust.setCertificateEntry("root-" + i, roots.get(i));
            }
            tmf.init(trust);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
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

        private Socket configured(Socket s) {
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
