package io.iotworkbench.localcore.registry;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.LocalCa;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

/**
 * Makes device certificates the ways AWS IoT does and registers them: CreateKeysAndCertificate (an RSA 2048 key pair
 * and a certificate signed by the {@link LocalCa}; the private key is handed out once, as PKCS#1 PEM),
 * CreateCertificateFromCsr (the CSR's signature is checked; RSA keys of at least 2048 bits or EC keys on P-256, P-384
 * or P-521, signed with SHA-256/384/512, at most 4096 characters) and RegisterCertificateWithoutCA. Used by the REST
 * control plane and by fleet provisioning over MQTT.
 *
 * <p>Thread-safe (the CA and the registry are).
 */
public final class CertificateIssuer {

    /** AWS IoT's limit on a CSR's length, in characters. */
    public static final int MAX_CSR_LENGTH = 4096;

    private static final Set<ASN1ObjectIdentifier> CSR_SIGNATURES = Set.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption, PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption, X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512,
            NISTObjectIdentifiers.dsa_with_sha256);
    private static final Set<ASN1ObjectIdentifier> EC_CURVES = Set.of(
            SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

    /** What CreateKeysAndCertificate returns: the registered certificate and its key pair as PEM. */
    public record KeysAndCertificate(CertificateRecord certificate, String publicKeyPem, String privateKeyPem) {
    }

    private final Registry registry;
    private final LocalCa ca;

    public CertificateIssuer(Registry registry, LocalCa ca) {
        this.registry = registry;
        this.ca = ca;
    }

    /** A new RSA 2048 key pair and a certificate for it, registered with {@code status}. */
    public KeysAndCertificate createKeysAndCertificate(CertificateStatus status) {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        X509Certificate cert = ca.issueDeviceCertificate(keys.getPublic());
        CertificateRecord record = registry.registerCertificate(cert, status, null);
        return new KeysAndCertificate(record, Pem.publicKey(keys.getPublic()),
                Pem.privateKeyTraditional(keys.getPrivate()));
    }

    /** A certificate for the key in {@code csrPem}, registered with {@code status}. */
    public CertificateRecord createCertificateFromCsr(String csrPem, CertificateStatus status) {
        PublicKey key = verifiedCsrKey(csrPem);
        return registry.registerCertificate(ca.issueDeviceCertificate(key), status, null);
    }

    /** RegisterCertificateWithoutCA: {@code certificatePem} registered in SNI_ONLY mode, with no CA. */
    public CertificateRecord registerWithoutCa(String certificatePem, CertificateStatus status) {
        return registry.registerCertificate(parseCertificate(certificatePem), status, null, CertificateMode.SNI_ONLY);
    }

    private static PublicKey verifiedCsrKey(String csrPem) {
        if (csrPem == null || csrPem.isBlank()) {
            throw invalid("The certificateSigningRequest is missing.");
        }
        if (csrPem.length() > MAX_CSR_LENGTH) {
            throw invalid("The certificate signing request has " + csrPem.length() + " characters; at most "
                    + MAX_CSR_LENGTH + " are allowed.");
        }
        PKCS10CertificationRequest csr = readPem(csrPem, PKCS10CertificationRequest.class,
                "The certificate signing request is not a PEM CSR (-----BEGIN CERTIFICATE REQUEST-----).");
        if (!CSR_SIGNATURES.contains(csr.getSignatureAlgorithm().getAlgorithm())) {
            throw invalid("The CSR is signed with an unsupported algorithm (" + csr.getSignatureAlgorithm()
                    .getAlgorithm() + "); use SHA-256, SHA-384 or SHA-512 with RSA or ECDSA.");
        }
        PublicKey key;
        try {
            key = CertificateFactory.verifiedCsrKey(csr);
        } catch (GeneralSecurityException e) {
            throw invalid("The certificate signing request is not valid: " + e.getMessage());
        }
        checkKey(key, csr.getSubjectPublicKeyInfo().getAlgorithm());
        return key;
    }

    private static void checkKey(PublicKey key, AlgorithmIdentifier algorithm) {
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw invalid("The CSR's RSA key has " + rsa.getModulus().bitLength()
                        + " bits; AWS IoT needs at least 2048.");
            }
            return;
        }
        if (key.getAlgorithm().equals("EC")) {
            if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve) || !EC_CURVES.contains(curve)) {
                throw invalid("The CSR's EC key is not on a supported curve; use NIST P-256, P-384 or P-521.");
            }
            return;
        }
        throw invalid("The CSR's key type " + key.getAlgorithm() + " is not supported; use RSA (2048 bits or more) "
                + "or EC (P-256, P-384, P-521).");
    }

    private static X509Certificate parseCertificate(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new RegistryException(AwsErrorKind.INVALID_REQUEST, "The certificatePem is missing.");
        }
        X509CertificateHolder holder = readPem(pem, X509CertificateHolder.class, null);
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw notACertificate();
        }
    }

    private static <T> T readPem(String pem, Class<T> type, String invalidRequestMessage) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            if (type.isInstance(o)) {
                return type.cast(o);
            }
        } catch (IOException | RuntimeException e) {
            // falls through to the error below
        }
        throw invalidRequestMessage == null ? notACertificate() : invalid(invalidRequestMessage);
    }

    private static RegistryException notACertificate() {
        return new RegistryException(AwsErrorKind.CERTIFICATE_VALIDATION,
                "The certificate is not a valid X.509 certificate in PEM form (-----BEGIN CERTIFICATE-----).");
    }

    private static RegistryException invalid(String message) {
        return new RegistryException(AwsErrorKind.INVALID_REQUEST, message);
    }
}
