package io.iotworkbench.cert;

import java.util.List;

/**
 * One check of a {@link CertificateBundle}: what was checked, the verdict, and a plain-language explanation that says
 * what was found and, when something is wrong, what to do. Immutable.
 */
public record BundleCheck(String name, Verdict verdict, String explanation) {

    public static final String KEY_MATCHES = "Key matches certificate";
    public static final String VALIDITY = "Validity";
    public static final String KEY_TYPE = "Key type and size";
    public static final String END_ENTITY = "Device certificate, not a CA";
    public static final String ROOT_CA = "Root CA";
    public static final String CERTIFICATE_ID = "AWS certificate id";

    public static boolean anyError(List<BundleCheck> checks) {
        return checks.stream().anyMatch(c -> c.verdict() == Verdict.ERROR);
    }

    /** {@code [verdict] name: explanation}, one line. */
    @Override
    public String toString() {
        return "[" + verdict.label() + "] " + name + ": " + explanation;
    }
}
