package io.iotworkbench.cert;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/**
 * The BouncyCastle JCA provider the certificate code hands to BouncyCastle's PEM encryptors and decryptors (the JDK
 * lacks OpenSSL's legacy key derivation and the PKCS7Padding name). Passed explicitly, never registered with
 * {@code Security.addProvider}, so the rest of the application keeps the JDK's providers. Immutable and thread-safe.
 */
final class BouncyCastle {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
