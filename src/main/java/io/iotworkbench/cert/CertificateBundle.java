package io.iotworkbench.cert;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * What a device needs to connect to AWS IoT: its certificate (chain, device certificate first), its private key, and
 * the root CA(s) it trusts the server with. {@link #checks} tells in plain words whether the three fit together and
 * suit AWS IoT.
 *
 * <p>Immutable and thread-safe. {@link #toString} never shows key material.
 */
public final class CertificateBundle {

    private final List<X509Certificate> deviceChain;
    private final PrivateKey privateKey;
    private final List<X509Certificate> rootCas;

    /**
     * @param deviceChain the device certificate first, then any intermediates; not empty
     * @param rootCas     root CAs the device trusts the server with; may be empty (the JDK's trust store is used)
     */
    public CertificateBundle(List<X509Certificate> deviceChain, PrivateKey privateKey, List<X509Certificate> rootCas) {
        if (deviceChain == null || deviceChain.isEmpty()) {
            throw new IllegalArgumentException("a bundle needs a device certificate");
        }
        if (privateKey == null) {
            throw new IllegalArgumentException("a bundle needs a private key");
        }
        this.deviceChain = List.copyOf(deviceChain);
        this.privateKey = privateKey;
        this.rootCas = rootCas == null ? List.of() : List.copyOf(rootCas);
    }

    /**
     * Reads a bundle from its files.
     *
     * @param rootCaOrNull   the root CA file, or null to rely on the JDK's trust store
     * @param passwordOrNull the key's password when it is encrypted; used, never kept
     */
    public static CertificateBundle read(Path certificate, Path key, Path rootCaOrNull, char[] passwordOrNull)
            throws CertificateFileException {
        List<X509Certificate> chain = PemFiles.readCertificates(certificate);
        PrivateKey k = PemFiles.readPrivateKey(key, passwordOrNull);
        List<X509Certificate> roots = rootCaOrNull == null ? List.of() : PemFiles.readCertificates(rootCaOrNull);
        return new CertificateBundle(chain, k, roots);
    }

    public X509Certificate deviceCertificate() {
        return deviceChain.get(0);
    }

    public List<X509Certificate> deviceChain() {
        return deviceChain;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public List<X509Certificate> rootCas() {
        return rootCas;
    }

    /** The AWS certificate id of the device certificate (SHA-256 of its DER, lowercase hex). */
    public String certificateId() {
        return CertificateIds.of(deviceCertificate());
    }

    /** The checks against the current time, in a fixed order; see {@link #checks(Clock)}. */
    public List<BundleCheck> checks() {
        return checks(Clock.systemUTC());
    }

    /**
     * The checks, in this order: key matches certificate, validity (against {@code clock}), key type and size, device
     * certificate is an end-entity certificate, root CA, AWS certificate id.
     */
    public List<BundleCheck> checks(Clock clock) {
        return new BundleChecks(this, clock).all();
    }

    @Override
    public String toString() {
        return "CertificateBundle[device=" + deviceCertificate().getSubjectX500Principal() + ", key="
                + privateKey.getAlgorithm() + ", roots=" + rootCas.size() + "]";
    }
}
