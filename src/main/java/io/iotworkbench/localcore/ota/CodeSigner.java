package io.iotworkbench.localcore.ota;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFileException;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.storage.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * The Local IoT Core's code signer for OTA images: an ECDSA P-256 key (owner-only) and a code-signing certificate the
 * local CA issued for it, kept in {@code <data>/local-core/ota/}, made on first start. Signatures are SHA256withECDSA
 * over the whole file, DER-encoded, what the AWS OTA library's {@code sig-sha256-ecdsa} carries (base64). The key
 * never leaves this class.
 *
 * <p>Thread-safe (a {@link Signature} is made per call).
 */
public final class CodeSigner {

    /** The subject of the code-signing certificate. */
    public static final String SUBJECT = "CN=IoT Workbench Local Code Signing,O=IoT Workbench";

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Path certificateFile;

    private CodeSigner(PrivateKey key, X509Certificate certificate, Path certificateFile) {
        this.key = key;
        this.certificate = certificate;
        this.certificateFile = certificateFile;
    }

    public static CodeSigner openOrCreate(Path dir, LocalCa ca) throws IOException {
        Path keyFile = dir.resolve("code-signing.key");
        Path certFile = dir.resolve("code-signing.pem");
        if (Files.exists(keyFile) && Files.exists(certFile)) {
            try {
                return new CodeSigner(PemFiles.readPrivateKey(keyFile), PemFiles.readCertificates(certFile).get(0),
                        certFile);
            } catch (CertificateFileException e) {
                // damaged: make a new pair below
            }
        }
        AtomicFiles.ownerOnlyDirectory(dir);
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        X509Certificate cert = ca.issueCodeSigningCertificate(keys.getPublic(), SUBJECT);
        AtomicFiles.writeOwnerOnly(keyFile, Pem.privateKeyPkcs8(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.writeString(certFile, Pem.certificate(cert));
        return new CodeSigner(keys.getPrivate(), cert, certFile);
    }

    /** SHA256withECDSA over {@code content}, DER-encoded. */
    public byte[] sign(byte[] content) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(content);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA signing is not available", e);
        }
    }

    /** Whether {@code signature} (DER) is {@code content}'s signature by {@code signer}'s key. */
    public static boolean verify(PublicKey signer, byte[] content, byte[] signature) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(signer);
            s.update(content);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The PEM file of the code-signing certificate (what a device is given as its {@code certfile}). */
    public Path certificateFile() {
        return certificateFile;
    }
}
