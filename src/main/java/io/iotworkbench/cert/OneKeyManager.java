package io.iotworkbench.cert;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A TLS key manager that holds one private key and its certificate chain in memory and presents them under one
 * alias, choosing them exactly as the JDK's default {@code SunX509} key manager chooses an entry of a key store: the
 * key's algorithm must be the requested key type (and, for a TLS 1.2 type such as {@code EC_RSA}, the issuer's key
 * or the signature algorithm must match), and when the peer names acceptable issuers, one certificate of the chain
 * must have been issued by one of them. It replaces the round trip through a password-protected PKCS#12 store, whose
 * PBKDF2 cost about 100 ms per context at start-up (decision 0026); the key still lives only in this object and in
 * the owner-only file it was read from. Without a key or chain it presents nothing (a client without identity).
 *
 * <p>Immutable and thread-safe.
 */
public final class OneKeyManager extends X509ExtendedKeyManager {

    private final String alias;
    private final PrivateKey key;
    private final X509Certificate[] chain;
    private final Set<X500Principal> issuers = new HashSet<>();

    /** Presents {@code key} with {@code chain} (leaf first) as {@code alias}; nothing when either is null or empty. */
    public OneKeyManager(String alias, PrivateKey key, List<X509Certificate> chain) {
        boolean complete = key != null && chain != null && !chain.isEmpty();
        this.alias = alias;
        this.key = complete ? key : null;
        this.chain = complete ? chain.toArray(new X509Certificate[0]) : new X509Certificate[0];
        for (X509Certificate c : this.chain) {
            issuers.add(c.getIssuerX500Principal());
        }
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] acceptedIssuers) {
        return matches(keyType, acceptedIssuers) ? new String[] {alias} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] acceptedIssuers, Socket socket) {
        return choose(keyTypes, acceptedIssuers);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] acceptedIssuers, SSLEngine engine) {
        return choose(keyTypes, acceptedIssuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] acceptedIssuers) {
        return getClientAliases(keyType, acceptedIssuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] acceptedIssuers, Socket socket) {
        return matches(keyType, acceptedIssuers) ? alias : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] acceptedIssuers, SSLEngine engine) {
        return matches(keyType, acceptedIssuers) ? alias : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String name) {
        return key != null && alias.equals(name) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String name) {
        return key != null && alias.equals(name) ? key : null;
    }

    private String choose(String[] keyTypes, Principal[] acceptedIssuers) {
        if (keyTypes != null) {
            for (String type : keyTypes) {
                if (matches(type, acceptedIssuers)) {
                    return alias;
                }
            }
        }
        return null;
    }

    /** SunX509's rule for one key store entry (sun.security.ssl.SunX509KeyManagerImpl#getAliases). */
    boolean matches(String keyType, Principal[] acceptedIssuers) {
        if (key == null || keyType == null) {
            return false;
        }
        String keyAlgorithm = keyType;
        String signedWith = null;
        int underscore = keyType.indexOf('_');
        if (underscore >= 0) {
            keyAlgorithm = keyType.substring(0, underscore);
            signedWith = keyType.substring(underscore + 1);
        }
        if (!keyAlgorithm.equals(chain[0].getPublicKey().getAlgorithm())) {
            return false;
        }
        if (signedWith != null) {
            if (chain.length > 1) {
                if (!signedWith.equals(chain[1].getPublicKey().getAlgorithm())) {
                    return false;
                }
            } else if (!chain[0].getSigAlgName().toUpperCase(Locale.ENGLISH)
                    .contains("WITH" + signedWith.toUpperCase(Locale.ENGLISH))) {
                return false;
            }
        }
        if (acceptedIssuers == null || acceptedIssuers.length == 0) {
            return true;
        }
        for (Principal p : acceptedIssuers) {
            X500Principal issuer = x500(p);
            if (issuer != null && issuers.contains(issuer)) {
                return true;
            }
        }
        return false;
    }

    private static X500Principal x500(Principal p) {
        if (p instanceof X500Principal x) {
            return x;
        }
        try {
            return new X500Principal(p.getName());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
