package io.iotworkbench.cert;

import io.iotworkbench.storage.AtomicFiles;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Writes certificates (one or a chain, device certificate first) and certificate signing requests as PEM files with
 * LF line endings and a trailing newline, atomically. They hold no secret, so the files get the usual permissions.
 * Reading is {@link PemFiles}'s job.
 *
 * <p>Stateless and thread-safe.
 */
public final class CertificateFiles {

    private CertificateFiles() {
    }

    public static void write(Path file, X509Certificate certificate) throws IOException {
        write(file, List.of(certificate));
    }

    public static void write(Path file, List<X509Certificate> chain) throws IOException {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate to write");
        }
        AtomicFiles.writeString(file, Pem.certificates(chain));
    }

    public static void writeCsr(Path file, PKCS10CertificationRequest csr) throws IOException {
        AtomicFiles.writeString(file, Pem.csr(csr));
    }
}
