package io.iotworkbench.cert;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Amazon Root CA 1–4, the roots AWS IoT's ATS endpoints chain to (1: RSA 2048, 3: EC P-256; 2 and 4 reserved), taken
 * from the Java runtime's trust store, so the workbench ships no copy. Also recognises the Starfield Services root
 * that cross-signs all four. Certificates are matched by subject and public key, so a cross-signed copy of a root
 * counts as that root.
 *
 * <p>The trust store is read once, on first use; thread-safe.
 */
public final class AmazonRootCas {

    /** Where AWS publishes the roots, for a runtime whose trust store lacks them. */
    public static final String DOWNLOAD = "https://www.amazontrust.com/repository/";

    private static final X500Principal STARFIELD_G2 = new X500Principal("CN=Starfield Services Root Certificate "
            + "Authority - G2, O=\"Starfield Technologies, Inc.\", L=Scottsdale, ST=Arizona, C=US");

    private AmazonRootCas() {
    }

    /** The subject of Amazon Root CA {@code n}. */
    public static X500Principal subject(int n) {
        checkNumber(n);
        return new X500Principal("CN=Amazon Root CA " + n + ", O=Amazon, C=US");
    }

    public static String name(int n) {
        checkNumber(n);
        return "Amazon Root CA " + n;
    }

    /** Amazon Root CA 1–4 as far as the runtime's trust store holds them, by number. */
    public static Map<Integer, X509Certificate> available() {
        return Store.ROOTS;
    }

    /**
     * Amazon Root CA {@code n} from the runtime's trust store.
     *
     * @throws IllegalStateException when the trust store does not hold it (the message says where to get it)
     */
    public static X509Certificate certificate(int n) {
        checkNumber(n);
        X509Certificate c = Store.ROOTS.get(n);
        if (c == null) {
            throw new IllegalStateException("This Java runtime's trust store has no " + name(n) + ". Download "
                    + "AmazonRootCA" + n + ".pem from " + DOWNLOAD + " instead.");
        }
        return c;
    }

    /** Amazon Root CA {@code n} as PEM text (LF line endings, trailing newline). */
    public static String pem(int n) {
        return Pem.certificate(certificate(n));
    }

    /** Which Amazon Root CA {@code certificate} is, matched by subject and public key; empty when none. */
    public static OptionalInt identify(X509Certificate certificate) {
        for (var e : Store.ROOTS.entrySet()) {
            if (sameSubjectAndKey(certificate, e.getValue())) {
                return OptionalInt.of(e.getKey());
            }
        }
        return OptionalInt.empty();
    }

    /** Whether {@code certificate} is the Starfield Services root (G2) that cross-signs Amazon Root CA 1–4. */
    public static boolean isStarfieldServicesRoot(X509Certificate certificate) {
        return Store.STARFIELD.map(s -> sameSubjectAndKey(certificate, s)).orElse(false);
    }

    /** "Amazon Root CA 1", "Starfield Services Root CA G2", or empty for any other certificate. */
    public static Optional<String> describe(X509Certificate certificate) {
        OptionalInt n = identify(certificate);
        if (n.isPresent()) {
            return Optional.of(name(n.getAsInt()));
        }
        return isStarfieldServicesRoot(certificate) ? Optional.of("Starfield Services Root CA G2 (cross-signs the "
                + "Amazon roots)") : Optional.empty();
    }

    private static boolean sameSubjectAndKey(X509Certificate a, X509Certificate b) {
        return a.getSubjectX500Principal().equals(b.getSubjectX500Principal())
                && KeyPairs.samePublicKey(a.getPublicKey(), b.getPublicKey());
    }

    private static void checkNumber(int n) {
        if (n < 1 || n > 4) {
            throw new IllegalArgumentException("There are Amazon Root CAs 1 to 4, not " + n + ".");
        }
    }

    /** The runtime's trust anchors, read on first use. */
    private static final class Store {
        static final Map<Integer, X509Certificate> ROOTS;
        static final Optional<X509Certificate> STARFIELD;

        static {
            Map<Integer, X509Certificate> roots = new TreeMap<>();
            X509Certificate starfield = null;
            for (X509Certificate c : jdkAnchors()) {
                for (int n = 1; n <= 4; n++) {
                    if (c.getSubjectX500Principal().equals(subject(n))) {
                        roots.put(n, c);
                    }
                }
                if (c.getSubjectX500Principal().equals(STARFIELD_G2)) {
                    starfield = c;
                }
            }
            ROOTS = Collections.unmodifiableMap(roots);
            STARFIELD = Optional.ofNullable(starfield);
        }

        private static X509Certificate[] jdkAnchors() {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
                for (var tm : tmf.getTrustManagers()) {
                    if (tm instanceof X509TrustManager x509) {
                        return x509.getAcceptedIssuers();
                    }
                }
            } catch (GeneralSecurityException e) {
                return new X509Certificate[0];
            }
            return new X509Certificate[0];
        }
    }
}
