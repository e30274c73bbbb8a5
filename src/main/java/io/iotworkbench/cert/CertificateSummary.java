package io.iotworkbench.cert;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a person wants to know about a certificate, in display form: subject, issuer, validity, key, AWS certificate
 * id, SHA-1 fingerprint (what the AWS console and OpenSSL show), serial, whether it is a CA or self-signed, the
 * names it is valid for, and which Amazon root it is. Immutable.
 */
public record CertificateSummary(String subject, String issuer, Instant notBefore, Instant notAfter, KeyInfo key,
                                 String awsCertificateId, String sha1Fingerprint, String serialNumber, boolean ca,
                                 boolean selfSigned, List<String> subjectAlternativeNames,
                                 Optional<String> amazonRoot) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public static CertificateSummary of(X509Certificate c) {
        return new CertificateSummary(c.getSubjectX500Principal().toString(), c.getIssuerX500Principal().toString(),
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), KeyInfo.of(c.getPublicKey()),
                CertificateIds.of(c), sha1(c), c.getSerialNumber().toString(16), c.getBasicConstraints() >= 0,
                BundleChecks.isSelfSigned(c), alternativeNames(c), AmazonRootCas.describe(c));
    }

    /** {@code label: value} lines, for the command line and the detail view. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Subject:        " + subject);
        lines.add("Issuer:         " + issuer + (selfSigned ? " (self-signed)" : ""));
        lines.add("Valid:          " + DATE.format(notBefore) + " to " + DATE.format(notAfter));
        lines.add("Key:            " + key);
        lines.add("Kind:           " + (ca ? "CA certificate" : "end-entity certificate")
                + amazonRoot.map(r -> ", " + r).orElse(""));
        if (!subjectAlternativeNames.isEmpty()) {
            lines.add("Names:          " + String.join(", ", subjectAlternativeNames));
        }
        lines.add("Serial:         " + serialNumber);
        lines.add("SHA-1:          " + sha1Fingerprint);
        lines.add("AWS id:         " + awsCertificateId);
        return lines;
    }

    private static String sha1(X509Certificate c) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(c.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }

    private static List<String> alternativeNames(X509Certificate c) {
        try {
            Collection<List<?>> names = c.getSubjectAlternativeNames();
            return names == null ? List.of() : names.stream().map(n -> String.valueOf(n.get(1))).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
