package io.iotworkbench.cert;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Presents the device's certificate as the wrapped key manager would, except that it offers it whatever CAs the
 * server lists (as OpenSSL and mbedTLS clients do), and remembers whether the server asked for a certificate and
 * whether one was offered, for {@link ConnectionCheck}. Client side only.
 *
 * <p>For one handshake; fields are written on the handshaking thread and read after the handshake.
 */
final class ObservedClientKey extends X509ExtendedKeyManager {

    private final X509ExtendedKeyManager delegate;
    private volatile boolean requested;
    private volatile boolean offered;

    ObservedClientKey(X509ExtendedKeyManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return record(delegate.chooseClientAlias(keyTypes, null, socket));
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return record(delegate.chooseEngineClientAlias(keyTypes, null, engine));
    }

    private String record(String alias) {
        requested = true;
        if (alias != null) {
            offered = true;
        }
        return alias;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }

    /** Whether the server asked for a client certificate. */
    boolean requested() {
        return requested;
    }

    /** Whether the device certificate was offered in answer. */
    boolean offered() {
        return offered;
    }
}
