package io.iotworkbench.cert;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

/**
 * What kind of key a public key is, in the words AWS uses: {@code RSA 2048}, {@code EC P-256}; and whether AWS IoT
 * accepts it for a device certificate (RSA of at least 2048 bits, EC on P-256, P-384 or P-521). Immutable.
 *
 * @param algorithm {@code RSA}, {@code EC} or the JCA name of another algorithm
 * @param bits      modulus length for RSA, field size for EC, 0 when unknown
 * @param curve     {@code P-256}, {@code P-384}, {@code P-521}, another curve's name or OID; null for non-EC keys
 */
public record KeyInfo(String algorithm, int bits, String curve) {

    /** The smallest RSA key AWS IoT accepts. */
    public static final int MIN_RSA_BITS = 2048;

    /** What AWS IoT accepts, in one sentence for explanations. */
    public static final String AWS_ACCEPTS = "AWS IoT accepts RSA keys of at least 2048 bits and EC keys on the NIST "
            + "curves P-256, P-384 and P-521.";

    private static final Map<ASN1ObjectIdentifier, String> NIST_CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "P-256",
            SECObjectIdentifiers.secp384r1, "P-384",
            SECObjectIdentifiers.secp521r1, "P-521");

    public static KeyInfo of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new KeyInfo("RSA", rsa.getModulus().bitLength(), null);
        }
        if (key instanceof ECPublicKey ec) {
            return new KeyInfo("EC", ec.getParams().getCurve().getField().getFieldSize(), curveName(key));
        }
        return new KeyInfo(key.getAlgorithm(), 0, null);
    }

    /** Whether AWS IoT accepts this key in a device certificate or CSR. */
    public boolean acceptedByAws() {
        return switch (algorithm) {
            case "RSA" -> bits >= MIN_RSA_BITS;
            case "EC" -> NIST_CURVES.containsValue(curve);
            default -> false;
        };
    }

    @Override
    public String toString() {
        if (algorithm.equals("EC")) {
            return "EC " + curve;
        }
        return bits > 0 ? algorithm + " " + bits : algorithm;
    }

    private static String curveName(PublicKey key) {
        try {
            var parameters = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters();
            if (parameters instanceof ASN1ObjectIdentifier oid) {
                String nist = NIST_CURVES.get(oid);
                if (nist != null) {
                    return nist;
                }
                String name = ECNamedCurveTable.getName(oid);
                return name != null ? name : oid.getId();
            }
            return "with explicit parameters";
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
