package io.iotworkbench.cert;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Recognises binary (DER) certificate and key files: each top-level ASN.1 structure becomes the object
 * {@code PEMParser} would have produced for the same thing in PEM ({@link X509CertificateHolder},
 * {@link PKCS10CertificationRequest}, {@link PrivateKeyInfo}, {@link PKCS8EncryptedPrivateKeyInfo},
 * {@link SubjectPublicKeyInfo}, a PKCS#7 {@link ContentInfo}), so {@link PemFiles} treats both encodings alike.
 * PKCS#1 RSA and SEC1 EC keys become {@link PrivateKeyInfo}; a PKCS#12 container becomes {@link Pfx}.
 *
 * <p>Stateless and thread-safe.
 */
final class DerObjects {

    private static final List<Function<ASN1Primitive, Object>> READERS = List.of(
            p -> new X509CertificateHolder(Certificate.getInstance(p)),
            p -> new PKCS10CertificationRequest(org.bouncycastle.asn1.pkcs.CertificationRequest.getInstance(p)),
            DerObjects::privateKeyInfo,
            p -> new PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(p)),
            DerObjects::pkcs1,
            DerObjects::sec1,
            SubjectPublicKeyInfo::getInstance,
            Pfx::getInstance,
            DerObjects::pkcs7);

    private DerObjects() {
    }

    /**
     * The objects in {@code der}, in file order.
     *
     * @throws IOException when the bytes are not DER or hold a structure none of the readers knows
     */
    static List<Object> parse(byte[] der) throws IOException {
        List<Object> result = new ArrayList<>();
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive p;
            while ((p = in.readObject()) != null) {
                result.add(recognise(p));
            }
        } catch (RuntimeException e) {
            throw new IOException("not DER: " + e.getMessage(), e);
        }
        if (result.isEmpty()) {
            throw new IOException("no ASN.1 structure");
        }
        return result;
    }

    private static Object recognise(ASN1Primitive p) throws IOException {
        for (Function<ASN1Primitive, Object> reader : READERS) {
            try {
                return reader.apply(p);
            } catch (RuntimeException notThisKind) {
                // the next reader may know it
            }
        }
        throw new IOException("an ASN.1 structure that is neither a certificate nor a key");
    }

    private static Object privateKeyInfo(ASN1Primitive p) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(p);
        try {
            info.parsePrivateKey();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return info;
    }

    private static Object pkcs7(ASN1Primitive p) {
        ContentInfo info = ContentInfo.getInstance(p);
        try {
            new CMSSignedData(info);
        } catch (CMSException e) {
            throw new IllegalArgumentException(e);
        }
        return info;
    }

    private static Object pkcs1(ASN1Primitive p) {
        RSAPrivateKey key = RSAPrivateKey.getInstance(p);
        try {
            return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    key);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Object sec1(ASN1Primitive p) {
        ECPrivateKey key = ECPrivateKey.getInstance(p);
        if (key.getParametersObject() == null) {
            throw new IllegalArgumentException("SEC1 key without curve parameters");
        }
        try {
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    key.getParametersObject()), key);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
