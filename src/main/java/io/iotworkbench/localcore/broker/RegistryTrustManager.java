package io.iotworkbench.localcore.broker;

import io.iotworkbench.cert.CertificateIds;
import io.iotworkbench.cert.OneSidedTrustManager;

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
 * <p>Server-side only: it refuses to verify servers ({@link OneSidedTrustManager}). Thread-safe.
 */
final class RegistryTrustManager extends OneSidedTrustManager {

    private final ClientCertificatePolicy policy;
    private final Clock clock;

    RegistryTrustManager(ClientCertificatePolicy policy, Clock clock) {
        super(Side.CLIENT, "The Local IoT Core only verifies clients.");
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    protected void verify(X509Certificate[] chain, String authType, Object connection) throws CertificateException {
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

    /** Empty: clients may present a certificate from any issuer; the registry decides. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
