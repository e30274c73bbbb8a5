package io.iotworkbench.localcore.broker;

import io.iotworkbench.cert.CertificateIds;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;

/**
 * Verifies device certificates the way AWS IoT does: a client certificate is trusted when the registry knows it and
 * it is ACTIVE, whichever CA issued it (certificates registered without a CA are allowed), and it is within its
 * validity period. Anything else fails the TLS handshake with the reason in the exception.
 *
 * <p>Server-side only: it refuses to verify servers. Thread-safe.
 */
final class RegistryTrustManager extends X509ExtendedTrustManager {

    private final ClientCertificatePolicy policy;
    private final Clock clock;

    RegistryTrustManager(ClientCertificatePolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("No client certificate: AWS IoT requires a device certificate.");
        }
        X509Certificate device = chain[0];
        device.checkValidity(Date.from(clock.instant()));
        String id = CertificateIds.of(device);
        Optional<String> refusal = policy.refusal(device, id);
        if (refusal.isPresent()) {
            throw new CertificateException(refusal.get());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("The Local IoT Core only verifies clients.");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    /** Empty: clients may present a certificate from any issuer; the registry decides. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
