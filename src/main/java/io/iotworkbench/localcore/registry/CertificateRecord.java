package io.iotworkbench.localcore.registry;

import java.time.Instant;

/**
 * A certificate in the registry. {@code id} is the SHA-256 of the DER encoding (lowercase hex); {@code caCertificateId}
 * is null for certificates issued by the Local IoT Core or registered without a CA; {@code customerVersion} starts at
 * 1 and {@code generationId} changes with every status change, as DescribeCertificate reports them. Immutable.
 */
public record CertificateRecord(String id, String arn, String pem, CertificateStatus status, String caCertificateId,
                                CertificateMode mode, Instant creationDate, Instant lastModifiedDate,
                                Instant notBefore, Instant notAfter, int customerVersion, String generationId) {
}
