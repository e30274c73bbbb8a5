package io.iotworkbench.cert;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads certificates (PEM or DER, single or chains) and private keys (PKCS#1 {@code BEGIN RSA PRIVATE KEY}, PKCS#8,
 * SEC1 EC, encrypted PKCS#8 and legacy encrypted PEM) with BouncyCastle, since the JDK cannot read the PKCS#1 keys AWS
 * hands out. Every failure is a {@link CertificateFileException} whose message says what was wrong and what to do.
 *
 * <p>Stateless and thread-safe. Passwords are used and never stored; key material never reaches a log.
 */
public final class PemFiles {

    private PemFiles() {
    }

    public static List<X509Certificate> readCertificates(Path file) throws CertificateFileException {
        byte[] bytes = read(file, "certificate");
        String text = new String(bytes, StandardCharsets.US_ASCII);
        List<X509Certificate> result = new ArrayList<>();
        try {
            if (text.contains("-----BEGIN")) {
                try (PEMParser parser = new PEMParser(new StringReader(text))) {
                    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
                    Object o;
                    while ((o = parser.readObject()) != null) {
                        if (o instanceof X509CertificateHolder holder) {
                            result.add(converter.getCertificate(holder));
                        } else if (isKey(o)) {
                            throw new CertificateFileException(file + " holds a private key, not a certificate. "
                                    + "Choose the certificate file (often named certificate.pem.crt).");
                        }
                    }
                }
            } else {
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                for (var c : cf.generateCertificates(new ByteArrayInputStream(bytes))) {
                    result.add((X509Certificate) c);
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new CertificateFileException(file + " is not a readable certificate (" + e.getMessage()
                    + "). Expect PEM text starting with -----BEGIN CERTIFICATE----- or a DER file.", e);
        }
        if (result.isEmpty()) {
            throw new CertificateFileException(file + " contains no certificate. A certificate file starts with "
                    + "-----BEGIN CERTIFICATE-----.");
        }
        return result;
    }

    /** Reads an unencrypted private key. */
    public static PrivateKey readPrivateKey(Path file) throws CertificateFileException {
        return readPrivateKey(file, null);
    }

    /**
     * Reads a private key, decrypting it with {@code password} when it is encrypted.
     *
     * @throws PasswordRequiredException when the key is encrypted and no password was given
     */
    public static PrivateKey readPrivateKey(Path file, char[] password) throws CertificateFileException {
        byte[] bytes = read(file, "private key");
        String text = new String(bytes, StandardCharsets.US_ASCII);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (!text.contains("-----BEGIN")) {
                return fromDer(file, bytes);
            }
            try (PEMParser parser = new PEMParser(new StringReader(text))) {
                Object o;
                while ((o = parser.readObject()) != null) {
                    if (o instanceof PEMKeyPair pair) {
                        return converter.getKeyPair(pair).getPrivate();
                    } else if (o instanceof PrivateKeyInfo info) {
                        return converter.getPrivateKey(info);
                    } else if (o instanceof PEMEncryptedKeyPair enc) {
                        requirePassword(file, password);
                        return converter.getKeyPair(enc.decryptKeyPair(
                                new JcePEMDecryptorProviderBuilder().build(password))).getPrivate();
                    } else if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                        requirePassword(file, password);
                        return converter.getPrivateKey(enc.decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder().build(password)));
                    } else if (o instanceof X509CertificateHolder) {
                        throw new CertificateFileException(file + " holds a certificate, not a private key. "
                                + "Choose the key file (often named private.pem.key).");
                    }
                }
            }
        } catch (CertificateFileException e) {
            throw e;
        } catch (org.bouncycastle.openssl.EncryptionException | PKCSException e) {
            throw new CertificateFileException("The password for " + file + " is wrong, or the key is damaged.", e);
        } catch (IOException | OperatorCreationException | RuntimeException e) {
            throw new CertificateFileException(file + " is not a readable private key (" + e.getMessage()
                    + "). Expect PEM text starting with -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----.",
                    e);
        }
        throw new CertificateFileException(file + " contains no private key. A key file starts with "
                + "-----BEGIN RSA PRIVATE KEY-----, -----BEGIN EC PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----.");
    }

    private static PrivateKey fromDer(Path file, byte[] der) throws CertificateFileException {
        var spec = new java.security.spec.PKCS8EncodedKeySpec(der);
        for (String alg : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (Exception ignored) {
                // try the next algorithm
            }
        }
        throw new CertificateFileException(file + " is neither a PEM key nor a DER PKCS#8 key.");
    }

    private static void requirePassword(Path file, char[] password) throws PasswordRequiredException {
        if (password == null || password.length == 0) {
            throw new PasswordRequiredException(file + " is encrypted: enter its password.");
        }
    }

    private static boolean isKey(Object o) {
        return o instanceof PEMKeyPair || o instanceof PrivateKeyInfo || o instanceof PEMEncryptedKeyPair
                || o instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    private static byte[] read(Path file, String what) throws CertificateFileException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateFileException("The " + what + " file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new CertificateFileException("The " + what + " file " + file + " cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
