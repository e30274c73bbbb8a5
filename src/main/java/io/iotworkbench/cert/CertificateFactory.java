package io.iotworkbench.cert;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Creates key pairs (RSA 2048, EC P-256), CSRs and X.509 certificates with BouncyCastle: self-signed CA and device
 * certificates, server certificates with subject alternative names, and device (client) certificates signed by a CA
 * (the Local IoT Core's {@code LocalCa} uses these). Subjects are checked by {@link Subjects}; an invalid one is an
 * {@link IllegalArgumentException} that says what is wrong. Stateless and thread-safe.
 */
public final class CertificateFactory {

    /** Key algorithms the workbench creates: what AWS IoT accepts and the WM SDK can use. */
    public enum KeyType { RSA_2048, EC_P256 }

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateFactory() {
    }

    public static KeyPair newKeyPair(KeyType type) {
        try {
            if (type == KeyType.RSA_2048) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048, RANDOM);
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a " + type + " key pair", e);
        }
    }

    /** A self-signed CA certificate (basicConstraints CA:true, keyCertSign). */
    public static X509Certificate selfSignedCa(KeyPair keys, String subject, Instant notBefore, Instant notAfter) {
        X500Name name = Subjects.parse(subject);
        return build(name, keys.getPublic(), name, keys.getPrivate(), keys.getPublic(), notBefore, notAfter, true,
                null, null);
    }

    /** A self-signed end-entity certificate, for devices registered without a CA. */
    public static X509Certificate selfSigned(KeyPair keys, String subject, Instant notBefore, Instant notAfter) {
        X500Name name = Subjects.parse(subject);
        return build(name, keys.getPublic(), name, keys.getPrivate(), keys.getPublic(), notBefore, notAfter, false,
                KeyPurposeId.id_kp_clientAuth, null);
    }

    /** A TLS server certificate signed by the CA, naming every host in {@code dnsNames} and {@code ipAddresses}. */
    public static X509Certificate serverCertificate(PublicKey subjectKey, String subject, X509Certificate ca,
                                                    PrivateKey caKey, List<String> dnsNames, List<String> ipAddresses,
                                                    Instant notBefore, Instant notAfter) {
        GeneralName[] names = new GeneralName[dnsNames.size() + ipAddresses.size()];
        int i = 0;
        for (String d : dnsNames) {
            names[i++] = new GeneralName(GeneralName.dNSName, d);
        }
        for (String ip : ipAddresses) {
            names[i++] = new GeneralName(GeneralName.iPAddress, ip);
        }
        return build(Subjects.parse(subject), subjectKey, nameOf(ca), caKey, ca.getPublicKey(), notBefore, notAfter,
                false, KeyPurposeId.id_kp_serverAuth,
                new GeneralNames(names));
    }

    /** A device (TLS client) certificate signed by the CA. */
    public static X509Certificate clientCertificate(PublicKey subjectKey, String subject, X509Certificate ca,
                                                    PrivateKey caKey, Instant notBefore, Instant notAfter) {
        return build(Subjects.parse(subject), subjectKey, nameOf(ca), caKey, ca.getPublicKey(), notBefore, notAfter,
                false, KeyPurposeId.id_kp_clientAuth, null);
    }

    /** A code-signing certificate signed by the CA (extended key usage codeSigning), for OTA image signatures. */
    public static X509Certificate codeSigningCertificate(PublicKey subjectKey, String subject, X509Certificate ca,
                                                         PrivateKey caKey, Instant notBefore, Instant notAfter) {
        return build(Subjects.parse(subject), subjectKey, nameOf(ca), caKey, ca.getPublicKey(), notBefore, notAfter,
                false, KeyPurposeId.id_kp_codeSigning, null);
    }

    private static X500Name nameOf(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    /**
     * A PKCS#10 certificate signing request for {@code subject}, signed with the key pair's private key.
     *
     * @throws IllegalArgumentException when {@code subject} is not a valid subject; the message says why
     */
    public static PKCS10CertificationRequest csr(KeyPair keys, String subject) {
        try {
            X500Name name = Subjects.parse(subject);
            return new JcaPKCS10CertificationRequestBuilder(name, keys.getPublic()).build(signer(keys.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the CSR", e);
        }
    }

    /** A CSR for the key pair {@code key} belongs to; see {@link #csr(KeyPair, String)}. */
    public static PKCS10CertificationRequest csr(PrivateKey key, String subject) {
        return csr(new KeyPair(KeyPairs.publicKeyOf(key), key), subject);
    }

    /** Public key of a CSR, after checking the CSR's own signature. */
    public static PublicKey verifiedCsrKey(PKCS10CertificationRequest csr) throws GeneralSecurityException {
        try {
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
            if (!csr.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                    .build(jca.getPublicKey()))) {
                throw new GeneralSecurityException("The CSR's signature does not match its public key.");
            }
            return jca.getPublicKey();
        } catch (OperatorCreationException | org.bouncycastle.pkcs.PKCSException e) {
            throw new GeneralSecurityException("The CSR cannot be verified: "
                    + io.iotworkbench.diagnostics.PlainText.withoutJavaNames(e.getMessage(), "damaged data"), e);
        }
    }

    private static X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
                                         PublicKey issuerPublicKey, Instant notBefore, Instant notAfter, boolean ca,
                                         KeyPurposeId purpose, GeneralNames altNames) {
        try {
            BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerPublicKey));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                int second = subjectKey.getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement;
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | second));
                if (purpose != null) {
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                }
            }
            if (altNames != null) {
                b.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot create the certificate for " + subject, e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(KeyPairs.signatureAlgorithm(key)).build(key);
    }
}
