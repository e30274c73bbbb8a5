package io.iotworkbench.cert;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;

/**
 * Writes certificates, CSRs and keys as PEM text: 64-character base64 lines, LF line endings on every platform (what
 * the WM SDK and OpenSSL write), a newline after each {@code -----END} line. Private keys are PKCS#8
 * ({@code BEGIN PRIVATE KEY}), the traditional OpenSSL form (PKCS#1 {@code BEGIN RSA PRIVATE KEY}, what AWS hands
 * out, or SEC1 {@code BEGIN EC PRIVATE KEY}), or encrypted PKCS#8 (PBES2, AES-256-CBC, PBKDF2 with HMAC-SHA256).
 *
 * <p>Stateless and thread-safe. The returned text of a private key is key material: callers write it to an owner-only
 * file and never log it.
 */
public final class Pem {

    /** PBKDF2 rounds for encrypted keys: slow enough to resist guessing, fast enough to open a key at once. */
    static final int PBKDF2_ITERATIONS = 100_000;

    private static final SecureRandom RANDOM = new SecureRandom();

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

    /** {@code -----BEGIN CERTIFICATE REQUEST-----}. */
    public static String csr(PKCS10CertificationRequest csr) {
        return write(csr);
    }

    /** PKCS#8 {@code -----BEGIN PRIVATE KEY-----}. */
    public static String privateKeyPkcs8(PrivateKey key) {
        return write(new PemObject("PRIVATE KEY", key.getEncoded()));
    }

    /** Encrypted PKCS#8 {@code -----BEGIN ENCRYPTED PRIVATE KEY-----} (AES-256-CBC). */
    public static String privateKeyPkcs8Encrypted(PrivateKey key, char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("An encrypted key needs a password that is not empty.");
        }
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(PBKDF2_ITERATIONS)
                    .setRandom(RANDOM)
                    .setProvider(BouncyCastle.PROVIDER)
                    .setPassword(password)
                    .build();
            PemObjectGenerator generator = new JcaPKCS8Generator(key, encryptor);
            return write(generator.generate());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot encrypt the private key", e);
        }
    }

    /**
     * The traditional OpenSSL form: PKCS#1 {@code BEGIN RSA PRIVATE KEY} for RSA, SEC1 {@code BEGIN EC PRIVATE KEY}
     * for EC.
     */
    public static String privateKeyTraditional(PrivateKey key) {
        if (key instanceof ECPrivateKey ec) {
            return write(new PemObject("EC PRIVATE KEY", sec1(ec)));
        }
        return write(key);
    }

    /**
     * SEC1 {@code ECPrivateKey} with the curve and the public key, as OpenSSL writes it (the JDK's PKCS#8 encoding
     * leaves both out of the inner structure, and without the curve the key cannot be read back).
     */
    private static byte[] sec1(ECPrivateKey key) {
        try {
            ASN1Encodable curve = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm()
                    .getParameters();
            DERBitString publicKey = new DERBitString(SubjectPublicKeyInfo.getInstance(
                    KeyPairs.publicKeyOf(key).getEncoded()).getPublicKeyData().getOctets());
            return new org.bouncycastle.asn1.sec.ECPrivateKey(key.getParams().getOrder().bitLength(), key.getS(),
                    publicKey, curve).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String publicKey(PublicKey key) {
        return write(key);
    }

    private static String write(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            if (o instanceof PemObject pem) {
                w.writeObject(pem);
            } else {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().replace("\r\n", "\n");
    }
}
