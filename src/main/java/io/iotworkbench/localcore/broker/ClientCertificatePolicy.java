package io.iotworkbench.localcore.broker;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Decides whether a device certificate may connect: the Local IoT Core answers from its registry (known and ACTIVE,
 * as AWS does). Called during each TLS handshake, so it must be fast. Thread-safe.
 */
@FunctionalInterface
public interface ClientCertificatePolicy {

    /** Why {@code certificate} (with id {@code certificateId}) is refused, or empty when it may connect. */
    Optional<String> refusal(X509Certificate certificate, String certificateId);
}
