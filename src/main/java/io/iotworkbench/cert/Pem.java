package io.iotworkbench.cert;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Writes certificates and keys as PEM text. Stateless and thread-safe. Private keys are written as PKCS#8
 * ({@code BEGIN PRIVATE KEY}) unless PKCS#1 is asked for (what AWS hands out for RSA keys).
 */
public final class Pem {

    private Pem() {
    }

    public static String certificate(X509Certificate certificate) {
        return write(certificate);
    }

    public static String certificates(List<X509Certificate> chain) {
        StringBuilder sb = new StringBuilder();
        chain.forEach(c -> sb.append(write(c)));
        return sb.toString();
    }

    /** PKCS#8 {@code -----BEGIN PRIVATE KEY-----}. */
    public static String privateKeyPkcs8(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The traditional OpenSSL form: PKCS#1 {@code BEGIN RSA PRIVATE KEY} for RSA, SEC1 {@code BEGIN EC PRIVATE KEY} for EC. */
    public static String privateKeyTraditional(PrivateKey key) {
        return write(key);
    }

    public static String publicKey(java.security.PublicKey key) {
        return write(key);
    }

    private static String write(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
