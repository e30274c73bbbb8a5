package io.iotworkbench.cert;

import io.iotworkbench.diagnostics.PlainText;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates (PEM or DER, single or chains, PKCS#7 bundles) and private keys (PKCS#1
 * {@code BEGIN RSA PRIVATE KEY}, PKCS#8, SEC1 EC, encrypted PKCS#8 and legacy encrypted PEM, each in PEM or DER)
 * with BouncyCastle, since the JDK cannot read the PKCS#1 keys AWS hands out. Every failure is a
 * {@link CertificateFileException} whose message says what was wrong and what to do: the wrong kind of file
 * (a key chosen as certificate, a certificate or public key chosen as key, a CSR, a PKCS#12 container), an empty,
 * oversized, truncated or unreadable file, a missing ({@link PasswordRequiredException}) or wrong
 * ({@link WrongPasswordException}) password.
 *
 * <p>Stateless and thread-safe. Passwords are used and never stored; key material never reaches a message or a log.
 */
public final class PemFiles {

    /** Certificate and key files are a few KB; anything above this is not one. */
    public static final long MAX_BYTES = 1024 * 1024;

    private static final String PKCS12 = " is a PKCS#12 (.p12/.pfx) container, not a PEM or DER certificate or key. "
            + "Extract them first, e.g. openssl pkcs12 -in FILE -clcerts -nokeys -out certificate.pem.crt and "
            + "openssl pkcs12 -in FILE -nocerts -nodes -out private.pem.key.";

    private static final Pattern PEM_TYPE = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private PemFiles() {
    }

    /** Every certificate in {@code file}, in file order (the device certificate first in an AWS download). */
    public static List<X509Certificate> readCertificates(Path file) throws CertificateFileException {
        List<Object> objects = objects(file, "certificate");
        List<X509Certificate> result = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try {
            for (Object o : objects) {
                for (X509CertificateHolder holder : certificatesIn(o)) {
                    result.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException | CMSException | RuntimeException e) {
            throw new CertificateFileException(file + " holds a certificate that cannot be decoded ("
                    + PlainText.withoutJavaNames(e.getMessage(), "unreadable data")
                    + "). The file may be damaged: download or copy it again.", e);
        }
        if (result.isEmpty()) {
            throw new CertificateFileException(file + notACertificate(objects));
        }
        return result;
    }

    /** The first certificate in {@code file}. */
    public static X509Certificate readCertificate(Path file) throws CertificateFileException {
        return readCertificates(file).get(0);
    }

    /** A PKCS#10 certificate signing request (PEM {@code BEGIN CERTIFICATE REQUEST} or DER). */
    public static PKCS10CertificationRequest readCsr(Path file) throws CertificateFileException {
        List<Object> objects = objects(file, "certificate signing request");
        for (Object o : objects) {
            if (o instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
        }
        throw new CertificateFileException(file + " holds " + describe(objects.get(0)) + ", not a certificate "
                + "signing request. A CSR file starts with -----BEGIN CERTIFICATE REQUEST-----.");
    }

    /** Reads an unencrypted private key. */
    public static PrivateKey readPrivateKey(Path file) throws CertificateFileException {
        return readPrivateKey(file, null);
    }

    /**
     * Reads a private key, decrypting it with {@code password} when it is encrypted. The password is only used,
     * never kept.
     *
     * @throws PasswordRequiredException when the key is encrypted and no password was given
     * @throws WrongPasswordException    when the password does not decrypt the key
     */
    public static PrivateKey readPrivateKey(Path file, char[] password) throws CertificateFileException {
        List<Object> objects = objects(file, "private key");
        for (Object o : objects) {
            if (o instanceof PEMKeyPair pair) {
                return convert(file, pair.getPrivateKeyInfo());
            } else if (o instanceof PrivateKeyInfo info) {
                return convert(file, info);
            } else if (o instanceof PEMEncryptedKeyPair enc) {
                requirePassword(file, password);
                PrivateKeyInfo info;
                try {
                    info = enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                            .setProvider(BouncyCastle.PROVIDER).build(password))
                            .getPrivateKeyInfo();
                } catch (Exception e) {
                    throw wrongPassword(file, e);
                }
                return convert(file, info);
            } else if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                requirePassword(file, password);
                PrivateKeyInfo info;
                try {
                    info = enc.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                            .setProvider(BouncyCastle.PROVIDER).build(password));
                    info.parsePrivateKey();
                } catch (Exception e) {
                    throw wrongPassword(file, e);
                }
                return convert(file, info);
            }
        }
        throw new CertificateFileException(file + notAKey(objects));
    }

    private static PrivateKey convert(Path file, PrivateKeyInfo info) throws CertificateFileException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (Exception e) {
            throw new CertificateFileException(file + " holds a private key of a kind Java cannot use ("
                    + info.getPrivateKeyAlgorithm().getAlgorithm() + "). AWS IoT accepts RSA (2048 bits or more) "
                    + "and EC keys on P-256, P-384 or P-521.", e);
        }
    }

    private static List<X509CertificateHolder> certificatesIn(Object o) throws CMSException {
        if (o instanceof X509CertificateHolder holder) {
            return List.of(holder);
        }
        if (o instanceof X509TrustedCertificateBlock trusted) {
            return List.of(trusted.getCertificateHolder());
        }
        if (o instanceof ContentInfo pkcs7) {
            return new ArrayList<>(new CMSSignedData(pkcs7).getCertificates().getMatches(null));
        }
        return List.of();
    }

    private static String notACertificate(List<Object> objects) {
        Object first = objects.stream().filter(o -> !(o instanceof ASN1ObjectIdentifier)).findFirst()
                .orElse(objects.get(0));
        if (isPrivateKey(first)) {
            return " holds a private key, not a certificate. Choose the certificate file (an AWS download names it "
                    + "xxxx-certificate.pem.crt; it starts with -----BEGIN CERTIFICATE-----).";
        }
        if (first instanceof PKCS10CertificationRequest) {
            return " is a certificate signing request (CSR), not a certificate. Send it to AWS IoT "
                    + "(CreateCertificateFromCsr, or \"Create certificate with CSR\" in the console) and use the "
                    + "certificate that comes back.";
        }
        if (first instanceof SubjectPublicKeyInfo) {
            return " holds only a public key (an AWS download names it xxxx-public.pem.key), not a certificate. "
                    + "Choose xxxx-certificate.pem.crt.";
        }
        if (first instanceof Pfx) {
            return PKCS12;
        }
        return " contains no certificate. A certificate file starts with -----BEGIN CERTIFICATE-----.";
    }

    private static String notAKey(List<Object> objects) {
        Object first = objects.stream().filter(o -> !(o instanceof ASN1ObjectIdentifier)).findFirst()
                .orElse(objects.get(0));
        if (first instanceof X509CertificateHolder || first instanceof X509TrustedCertificateBlock
                || first instanceof ContentInfo) {
            return " holds a certificate, not a private key. Choose the key file (an AWS download names it "
                    + "xxxx-private.pem.key; it starts with -----BEGIN RSA PRIVATE KEY-----). AWS lets you download "
                    + "the private key only once, when the certificate is created.";
        }
        if (first instanceof SubjectPublicKeyInfo) {
            return " holds a public key (an AWS download names it xxxx-public.pem.key), not the private key. "
                    + "Choose xxxx-private.pem.key.";
        }
        if (first instanceof PKCS10CertificationRequest) {
            return " is a certificate signing request (CSR), not a private key. Choose the key file the CSR was "
                    + "made with.";
        }
        if (first instanceof Pfx) {
            return PKCS12;
        }
        return " contains no private key. A key file starts with -----BEGIN RSA PRIVATE KEY-----, "
                + "-----BEGIN EC PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----.";
    }

    private static String describe(Object o) {
        if (isPrivateKey(o)) {
            return "a private key";
        }
        if (o instanceof X509CertificateHolder || o instanceof X509TrustedCertificateBlock
                || o instanceof ContentInfo) {
            return "a certificate";
        }
        if (o instanceof SubjectPublicKeyInfo) {
            return "a public key";
        }
        if (o instanceof Pfx) {
            return "a PKCS#12 container";
        }
        return "something else";
    }

    private static boolean isPrivateKey(Object o) {
        return o instanceof PEMKeyPair || o instanceof PrivateKeyInfo || o instanceof PEMEncryptedKeyPair
                || o instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    private static void requirePassword(Path file, char[] password) throws PasswordRequiredException {
        if (password == null || password.length == 0) {
            throw new PasswordRequiredException(file + " is encrypted: enter its password. (The WM SDK cannot use "
                    + "an encrypted key; the workbench decrypts it when exporting.)");
        }
    }

    private static WrongPasswordException wrongPassword(Path file, Exception cause) {
        return new WrongPasswordException("The password for " + file + " is wrong (or the file is damaged). "
                + "Enter the password the key was encrypted with.", cause);
    }

    /** The PEM or DER objects of {@code file}; at least one. */
    private static List<Object> objects(Path file, String what) throws CertificateFileException {
        byte[] bytes = read(file, what);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN")) {
            return pemObjects(file, text);
        }
        if (looksLikeText(bytes)) {
            throw new CertificateFileException(file + " is a text file without a PEM block. A " + what
                    + " file starts with a line like -----BEGIN " + (what.contains("key") ? "RSA PRIVATE KEY"
                    : "CERTIFICATE") + "-----; make sure you chose the right file and copied it whole.");
        }
        try {
            return DerObjects.parse(bytes);
        } catch (IOException e) {
            throw new CertificateFileException(file + " is neither PEM text nor a DER (binary) certificate or key; "
                    + "it may be another kind of file or damaged. Expect a " + what + " file starting with "
                    + "-----BEGIN.", e);
        }
    }

    private static List<Object> pemObjects(Path file, String text) throws CertificateFileException {
        List<Object> result = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                result.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw pemProblem(file, text, e);
        }
        if (result.isEmpty()) {
            throw new CertificateFileException(file + " has a -----BEGIN line but no complete PEM block. The file "
                    + "is truncated or damaged: copy it again, from -----BEGIN to -----END.");
        }
        return result;
    }

    private static CertificateFileException pemProblem(Path file, String text, Exception e) {
        String message = PlainText.withoutJavaNames(e.getMessage(), "unreadable data");
        if (message.contains("not found")) {
            return new CertificateFileException(file + " is truncated: a PEM block has no -----END line. Copy the "
                    + "whole file again, from -----BEGIN to -----END.", e);
        }
        if (message.startsWith("unrecognised object")) {
            Matcher m = PEM_TYPE.matcher(text);
            String type = m.find() ? m.group(1) : "unknown";
            if (type.equals("OPENSSH PRIVATE KEY")) {
                return new CertificateFileException(file + " is an OpenSSH key (made by ssh-keygen), which TLS "
                        + "cannot use. Convert it with: ssh-keygen -p -m PEM -f FILE, or create a new key.", e);
            }
            return new CertificateFileException(file + " holds a PEM block of type '" + type.toLowerCase(Locale.ROOT)
                    + "', which is neither a certificate nor a private key.", e);
        }
        return new CertificateFileException(file + " is damaged: a PEM block cannot be decoded (" + message
                + "). Copy or download the file again.", e);
    }

    private static boolean looksLikeText(byte[] bytes) {
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static byte[] read(Path file, String what) throws CertificateFileException {
        if (Files.isDirectory(file)) {
            throw new CertificateFileException(file + " is a folder. Choose the " + what + " file inside it.");
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new CertificateFileException("The " + what + " file " + file + " is empty. Download or copy "
                        + "it again.");
            }
            if (size > MAX_BYTES) {
                throw new CertificateFileException("The file " + file + " is " + size / 1024 + " KB, far too big "
                        + "for a " + what + " (a few KB). Choose the right file.");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateFileException("The " + what + " file " + file + " does not exist.", e);
        } catch (AccessDeniedException e) {
            throw new CertificateFileException("The " + what + " file " + file + " may not be read by you. Check "
                    + "its permissions.", e);
        } catch (IOException e) {
            throw new CertificateFileException("The " + what + " file " + file + " cannot be read: "
                    + PlainText.withoutJavaNames(e.getMessage(), "an input/output error"), e);
        }
    }
}
