package io.iotworkbench.localcore.registry;

/** A certificate's status, as the AWS IoT model names it. Only {@link #ACTIVE} certificates may connect. */
public enum CertificateStatus {
    ACTIVE, INACTIVE, REVOKED, PENDING_TRANSFER, REGISTER_INACTIVE, PENDING_ACTIVATION
}
