package io.iotworkbench.cert;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A trust manager for one side of TLS: it verifies the peers of that side through {@link #verify}, whichever of the
 * three overloads the TLS stack calls, and refuses the other side with one sentence. The client's
 * {@link ConnectionCheck} verifies servers; the Local IoT Core's broker verifies clients.
 *
 * <p>Threading: as the subclass's {@link #verify}.
 */
public abstract class OneSidedTrustManager extends X509ExtendedTrustManager {

    /** The side whose certificates a trust manager verifies. */
    public enum Side { CLIENT, SERVER }

    private final Side verifies;
    private final String otherSideRefusal;

    /**
     * @param verifies         the side this manager verifies
     * @param otherSideRefusal the message with which the other side's certificates are refused
     */
    protected OneSidedTrustManager(Side verifies, String otherSideRefusal) {
        this.verifies = Objects.requireNonNull(verifies);
        this.otherSideRefusal = Objects.requireNonNull(otherSideRefusal);
    }

    /**
     * Verifies a peer of the side this manager verifies, or throws why not.
     *
     * @param connection the {@link Socket} or {@link SSLEngine} of the handshake; null when the stack gave none
     */
    protected abstract void verify(X509Certificate[] chain, String authType, Object connection)
            throws CertificateException;

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(Side.CLIENT, chain, authType, null);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(Side.CLIENT, chain, authType, socket);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(Side.CLIENT, chain, authType, engine);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(Side.SERVER, chain, authType, null);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(Side.SERVER, chain, authType, socket);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(Side.SERVER, chain, authType, engine);
    }

    private void check(Side side, X509Certificate[] chain, String authType, Object connection)
            throws CertificateException {
        if (side != verifies) {
            throw new CertificateException(otherSideRefusal);
        }
        verify(chain, authType, connection);
    }
}
