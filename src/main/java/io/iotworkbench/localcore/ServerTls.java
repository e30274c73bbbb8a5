package io.iotworkbench.localcore;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFileException;
import io.iotworkbench.cert.OneKeyManager;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.storage.AtomicFiles;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The broker's TLS identity: an RSA 2048 server certificate signed by the {@link LocalCa}, naming localhost,
 * 127.0.0.1 and, when the core is bound to another address, that address and the machine's host name. Kept in
 * {@code server.pem}/{@code server.key} (0600) beside the CA and reissued when the names change or it nears expiry.
 *
 * <p>Used once at start-up, on the starting thread.
 */
final class ServerTls {

    private static final String CERT_FILE = "server.pem";
    private static final String KEY_FILE = "server.key";

    private ServerTls() {
    }

    /** Whether {@code dir} holds a server certificate and key (they are still re-issued when stale). */
    static boolean keyFilesExist(Path dir) {
        return Files.exists(dir.resolve(CERT_FILE)) && Files.exists(dir.resolve(KEY_FILE));
    }

    static SSLContext context(LocalCa ca, Path dir, String bindAddress, TrustManager clientTrust)
            throws IOException, GeneralSecurityException {
        return context(ca, dir, bindAddress, clientTrust,
                () -> CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048));
    }

    /** {@link #context(LocalCa, Path, String, TrustManager)} taking a new server key from {@code newKey}. */
    static SSLContext context(LocalCa ca, Path dir, String bindAddress, TrustManager clientTrust,
                              Supplier<KeyPair> newKey) throws IOException, GeneralSecurityException {
        Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1"));
        if (!isLoopbackOrAny(bindAddress)) {
            ips.add(bindAddress);
            try {
                dns.add(InetAddress.getLocalHost().getHostName());
            } catch (IOException ignored) {
                // no host name: clients use the address
            }
        } else if (bindAddress.equals("0.0.0.0")) {
            try {
                dns.add(InetAddress.getLocalHost().getHostName());
            } catch (IOException ignored) {
                // no host name: clients use an address
            }
        }
        Path certFile = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        X509Certificate cert = null;
        PrivateKey key = null;
        if (keyFilesExist(dir)) {
            try {
                cert = PemFiles.readCertificates(certFile).get(0);
                key = PemFiles.readPrivateKey(keyFile);
                if (!names(cert).containsAll(union(dns, ips)) || expiresSoon(cert, ca)
                        || !cert.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())) {
                    cert = null;
                }
            } catch (CertificateFileException e) {
                cert = null;
            }
        }
        if (cert == null) {
            KeyPair keys = newKey.get();
            cert = ca.issueServerCertificate(keys.getPublic(), new ArrayList<>(dns), new ArrayList<>(ips));
            key = keys.getPrivate();
            AtomicFiles.writeOwnerOnly(keyFile, Pem.privateKeyPkcs8(key).getBytes(StandardCharsets.US_ASCII));
            AtomicFiles.writeString(certFile, Pem.certificate(cert));
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {new OneKeyManager("server", key, List.of(cert, ca.certificate()))},
                new TrustManager[] {clientTrust}, null);
        return ctx;
    }

    static boolean isLoopback(String address) {
        return address.equals("127.0.0.1") || address.equals("localhost") || address.equals("::1");
    }

    static boolean isLoopbackOrAny(String address) {
        return address.equals("127.0.0.1") || address.equals("localhost") || address.equals("::1")
                || address.equals("0.0.0.0");
    }

    private static boolean expiresSoon(X509Certificate cert, LocalCa ca) {
        return cert.getNotAfter().toInstant().isBefore(ca.clock().instant().plus(Duration.ofDays(30)));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> names(X509Certificate cert) {
        Set<String> names = new HashSet<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                sans.forEach(san -> names.add(String.valueOf(san.get(1))));
            }
        } catch (CertificateParsingException ignored) {
            // no names: the certificate gets reissued
        }
        return names;
    }
}
