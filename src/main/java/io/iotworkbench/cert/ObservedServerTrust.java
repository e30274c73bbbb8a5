package io.iotworkbench.cert;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Verifies the server exactly as the wrapped PKIX trust manager does (chain to a trusted root, then host name), and
 * remembers what happened, so {@link ConnectionCheck} can tell "we did not trust the server" from "the server refused
 * us" and name the root that anchored the chain. Never more lenient than the trust manager it wraps; refuses to
 * verify clients.
 *
 * <p>For one handshake; fields are written on the handshaking thread and read after the handshake.
 */
final class ObservedServerTrust extends OneSidedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private volatile X509Certificate[] serverChain;
    private volatile CertificateException chainProblem;
    private volatile CertificateException hostProblem;
    private volatile boolean trusted;

    ObservedServerTrust(X509ExtendedTrustManager delegate) {
        super(Side.SERVER, "this trust manager only verifies servers");
        this.delegate = delegate;
    }

    @Override
    protected void verify(X509Certificate[] chain, String authType, Object connection) throws CertificateException {
        if (connection == null) {
            throw new CertificateException("server verification needs the connection, for the host name check");
        }
        serverChain = chain.clone();
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            chainProblem = e;
            throw e;
        }
        try {
            if (connection instanceof Socket socket) {
                delegate.checkServerTrusted(chain, authType, socket);
            } else {
                delegate.checkServerTrusted(chain, authType, (SSLEngine) connection);
            }
        } catch (CertificateException e) {
            hostProblem = e;
            throw e;
        }
        trusted = true;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    /** Whether the server's certificate was seen at all (the handshake got that far). */
    boolean sawServer() {
        return serverChain != null;
    }

    boolean trusted() {
        return trusted;
    }

    /** The server's chain as presented, server certificate first; empty before the handshake got there. */
    X509Certificate[] serverChain() {
        X509Certificate[] chain = serverChain;
        return chain == null ? new X509Certificate[0] : chain.clone();
    }

    /** Why the chain does not lead to a trusted root, when it does not. */
    Optional<CertificateException> chainProblem() {
        return Optional.ofNullable(chainProblem);
    }

    /** Why the trusted chain does not suit the host (name mismatch), when it does not. */
    Optional<CertificateException> hostProblem() {
        return Optional.ofNullable(hostProblem);
    }

    /** The trusted root the presented chain leads to: the first one that is or signed a certificate of the chain. */
    Optional<X509Certificate> anchor() {
        X509Certificate[] roots = delegate.getAcceptedIssuers();
        for (X509Certificate c : serverChain()) {
            for (X509Certificate root : roots) {
                if (root.equals(c) || BundleChecks.issued(root, c)) {
                    return Optional.of(root);
                }
            }
        }
        return Optional.empty();
    }
}
