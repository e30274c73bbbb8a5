package io.iotworkbench.localcore;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFileException;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.storage.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Local IoT Core's certificate authority: created on first start in {@code <data>/local-core/ca/}, it signs the
 * broker's server certificate and device certificates (the role AWS's device-issuing CA plays). The CA key is written
 * owner-only (0600) and never leaves this class except to sign.
 *
 * <p>Thread-safe after construction (signing is stateless).
 */
public final class LocalCa {

    public static final String CA_SUBJECT = "CN=IoT Workbench Local CA,O=IoT Workbench";
    /** AWS-issued device certificates expire at this instant; ours do too, so they look alike. */
    public static final Instant DEVICE_NOT_AFTER = Instant.parse("2049-12-31T23:59:59Z");
    private static final String CERT_FILE = "ca.pem";
    private static final String KEY_FILE = "ca.key";

    private final Path dir;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Clock clock;

    private LocalCa(Path dir, X509Certificate certificate, PrivateKey key, Clock clock) {
        this.dir = dir;
        this.certificate = certificate;
        this.key = key;
        this.clock = clock;
    }

    /** Whether {@code dir} holds a CA's certificate and key (else {@link #openOrCreate} creates them). */
    static boolean exists(Path dir) {
        return Files.exists(dir.resolve(CERT_FILE)) && Files.exists(dir.resolve(KEY_FILE));
    }

    /** Loads the CA from {@code dir}, creating it (RSA 2048, valid 20 years) on first use. */
    public static LocalCa openOrCreate(Path dir, Clock clock) throws IOException {
        return openOrCreate(dir, clock, () -> CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048));
    }

    /** {@link #openOrCreate(Path, Clock)} taking a new CA's key from {@code newKey} (made ahead at start-up). */
    static LocalCa openOrCreate(Path dir, Clock clock, Supplier<KeyPair> newKey) throws IOException {
        Path certFile = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        if (exists(dir)) {
            try {
                return new LocalCa(dir, PemFiles.readCertificates(certFile).get(0), PemFiles.readPrivateKey(keyFile),
                        clock);
            } catch (CertificateFileException e) {
                throw new IOException("The Local IoT Core's CA in " + dir + " cannot be read: " + e.getMessage()
                        + " Move the folder away to let the workbench create a new CA.", e);
            }
        }
        KeyPair keys = newKey.get();
        Instant now = clock.instant();
        X509Certificate ca = CertificateFactory.selfSignedCa(keys, CA_SUBJECT, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365L * 20)));
        Files.createDirectories(dir);
        AtomicFiles.writeOwnerOnly(keyFile, Pem.privateKeyPkcs8(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.writeString(certFile, Pem.certificate(ca));
        return new LocalCa(dir, ca, keys.getPrivate(), clock);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate file (PEM), the "root CA" a client of the Local IoT Core trusts. */
    public Path certificateFile() {
        return dir.resolve(CERT_FILE);
    }

    /** A server certificate for the broker and API, naming localhost, 127.0.0.1 and the given extra hosts. */
    public X509Certificate issueServerCertificate(PublicKey key, List<String> dnsNames, List<String> ipAddresses) {
        Instant now = clock.instant();
        return CertificateFactory.serverCertificate(key, "CN=IoT Workbench Local IoT Core", certificate, this.key,
                dnsNames, ipAddresses, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(825)));
    }

    /** A device certificate for {@code key}, subject "AWS IoT Certificate" like the ones AWS issues. */
    /** A device certificate for {@code key} with the given subject, valid until {@link #DEVICE_NOT_AFTER}. */
    public X509Certificate issueDeviceCertificate(PublicKey key, String subject) {
        return CertificateFactory.clientCertificate(key, subject, certificate, this.key,
                clock.instant().minus(Duration.ofDays(1)), DEVICE_NOT_AFTER);
    }

    public X509Certificate issueDeviceCertificate(PublicKey key) {
        return CertificateFactory.clientCertificate(key, "CN=AWS IoT Certificate", certificate, this.key,
                clock.instant().minus(Duration.ofDays(1)), DEVICE_NOT_AFTER);
    }

    /** A code-signing certificate for {@code key} (OTA image signatures), valid until {@link #DEVICE_NOT_AFTER}. */
    public X509Certificate issueCodeSigningCertificate(PublicKey key, String subject) {
        return CertificateFactory.codeSigningCertificate(key, subject, certificate, this.key,
                clock.instant().minus(Duration.ofDays(1)), DEVICE_NOT_AFTER);
    }

    public Clock clock() {
        return clock;
    }
}
