package io.iotworkbench.cert;

import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.ECPoint;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

/**
 * Relations between a private key and public keys: the public key a private key belongs to (RSA from its CRT
 * parameters, EC by multiplying the curve's generator), whether two public keys are the same, and whether a private
 * key's signature over a random challenge verifies with a public key.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyPairs {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyPairs() {
    }

    /**
     * The public key that belongs to {@code key}.
     *
     * @throws IllegalArgumentException for a key that does not carry what is needed (RSA without CRT parameters,
     *                                  algorithms other than RSA and EC)
     */
    public static PublicKey publicKeyOf(PrivateKey key) {
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (key instanceof ECPrivateKey ec) {
                ECPoint q = EC5Util.convertSpec(ec.getParams()).getG().multiply(ec.getS()).normalize();
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new java.security.spec.ECPoint(
                        q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), ec.getParams()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the public key of a " + key.getAlgorithm() + " key", e);
        }
        throw new IllegalArgumentException("cannot derive the public key of a " + key.getAlgorithm() + " key");
    }

    /** Whether {@code a} and {@code b} are the same public key (same algorithm and numbers). */
    public static boolean samePublicKey(PublicKey a, PublicKey b) {
        if (a instanceof RSAPublicKey ra && b instanceof RSAPublicKey rb) {
            return ra.getModulus().equals(rb.getModulus()) && ra.getPublicExponent().equals(rb.getPublicExponent());
        }
        if (a instanceof ECPublicKey ea && b instanceof ECPublicKey eb) {
            return ea.getW().equals(eb.getW()) && ea.getParams().getCurve().equals(eb.getParams().getCurve())
                    && ea.getParams().getOrder().equals(eb.getParams().getOrder());
        }
        return a.getAlgorithm().equals(b.getAlgorithm()) && Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    /** Whether a signature by {@code key} over a fresh random challenge verifies with {@code publicKey}. */
    public static boolean signatureVerifies(PrivateKey key, PublicKey publicKey) {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        try {
            String algorithm = signatureAlgorithm(key);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The signature algorithm the workbench uses with {@code key}: SHA-256 with RSA or ECDSA. */
    public static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
    }
}
