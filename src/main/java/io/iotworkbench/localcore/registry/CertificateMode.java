package io.iotworkbench.localcore.registry;

/**
 * How a certificate was registered, as DescribeCertificate reports it: {@link #DEFAULT} for certificates issued or
 * signed by a registered CA, {@link #SNI_ONLY} for certificates registered without a CA (RegisterCertificateWithoutCA).
 */
public enum CertificateMode {
    DEFAULT, SNI_ONLY
}
