package io.iotworkbench.cert.aws;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFiles;
import io.iotworkbench.cert.KeyFiles;
import software.amazon.awssdk.services.iot.IotClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one way the workbench makes a device's key and certificate, used by the Certificates pane, the new-device flow
 * ({@code registry.NewDeviceFlow}) and {@code cert create}. A key made here is written owner-only before anything
 * else happens, so a failure later never loses it; with {@link Method#CSR} only the CSR leaves the machine and the
 * IoT Core signs it; with {@link Method#KEYS_AND_CERTIFICATE} the IoT Core makes both and the key is written before the
 * certificate; {@link Method#SELF_SIGNED} needs no IoT Core. Files never overwrite existing ones.
 *
 * <p>Blocking (key generation, disk, SDK calls): call off the FX thread. Stateless apart from the client and clock;
 * thread-safe.
 */
public final class CertificateCreation {

    /** How the key and certificate are made. */
    public enum Method { CSR, KEYS_AND_CERTIFICATE, SELF_SIGNED }

    /** What was made; the id and ARN are null for a self-signed certificate (not registered). */
    public record Made(Path certificate, Path privateKey, String certificateId, String certificateArn) {
    }

    public static final String KEY_FILE = "private.pem.key";
    public static final String CERTIFICATE_FILE = "certificate.pem.crt";
    public static final String CSR_FILE = "certificate.csr";
    /** Validity of a self-signed certificate made in a folder. */
    public static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(365);
    /** How far back a new certificate's validity starts, for clocks slightly behind ours. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final IotClient iot;
    private final Clock clock;

    /** {@code iot} may be null when only {@link Method#SELF_SIGNED} and the static helpers are used. */
    public CertificateCreation(IotClient iot, Clock clock) {
        this.iot = iot;
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * A new key of {@code type}, written owner-only to {@code keyFile} (encrypted PKCS#8 when a password is given,
     * else the traditional PKCS#1/SEC1 form the WM SDK reads) before it is returned.
     */
    public static KeyPair writeNewKey(Path keyFile, CertificateFactory.KeyType type, char[] passwordOrNull)
            throws IOException {
        KeyPair keys = CertificateFactory.newKeyPair(type);
        KeyFiles.write(keyFile, keys.getPrivate(), passwordOrNull,
                passwordOrNull == null ? KeyFiles.Format.TRADITIONAL : KeyFiles.Format.PKCS8);
        return keys;
    }

    /** A self-signed certificate for {@code keys}, valid from a few minutes before {@code now}, written to out. */
    public static X509Certificate writeSelfSigned(KeyPair keys, String subject, Instant now, Duration validity,
                                                  Path out) throws IOException {
        X509Certificate c = CertificateFactory.selfSigned(keys, subject, now.minus(BACKDATE), now.plus(validity));
        CertificateFiles.write(out, c);
        return c;
    }

    /**
     * Makes a key ({@value #KEY_FILE}) and certificate ({@value #CERTIFICATE_FILE}) in {@code folder} (created when
     * missing), registered ACTIVE on the IoT Core unless self-signed. {@code progress} hears each step (never key
     * material).
     *
     * @throws IllegalArgumentException when the folder already holds a key or certificate (nothing is written)
     */
    public Made inFolder(Method method, Path folder, String subject, CertificateFactory.KeyType keyType,
                         Consumer<String> progress) throws Exception {
        Path key = folder.resolve(KEY_FILE);
        Path cert = folder.resolve(CERTIFICATE_FILE);
        if (Files.exists(key) || Files.exists(cert)) {
            throw new IllegalArgumentException("The folder " + folder + " already holds a key or certificate; "
                    + "choose another folder so nothing is overwritten.");
        }
        Files.createDirectories(folder);
        switch (method) {
            case CSR -> {
                KeyPair keys = writeNewKey(key, keyType, null);
                progress.accept("Private key written (owner-only) to " + key);
                var csr = CertificateFactory.csr(keys, subject);
                CertificateFiles.writeCsr(folder.resolve(CSR_FILE), csr);
                var created = actions().createFromCsr(csr, true);
                CertificateActions.writeCertificate(created.certificatePem(), cert);
                return new Made(cert, key, created.certificateId(), created.certificateArn());
            }
            case KEYS_AND_CERTIFICATE -> {
                var created = actions().createKeysAndCertificate(key, cert, true);
                progress.accept("Private key from the IoT Core written (owner-only) to " + key);
                return new Made(cert, key, created.certificateId(), created.certificateArn());
            }
            default -> {
                KeyPair keys = writeNewKey(key, keyType, null);
                progress.accept("Private key written (owner-only) to " + key);
                writeSelfSigned(keys, subject, clock.instant(), SELF_SIGNED_VALIDITY, cert);
                return new Made(cert, key, null, null);
            }
        }
    }

    private CertificateActions actions() {
        if (iot == null) {
            throw new IllegalStateException("an IoT Core client is needed to sign or make a certificate");
        }
        return new CertificateActions(iot);
    }
}
