package io.iotworkbench.cert;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Turns a subject typed by a person ({@code CN=my-device,O=My Company,C=DE}) into an X.500 name, or explains what is
 * wrong with it: no text, no attribute=value pair, an unknown attribute, an empty value, a country that is not a
 * two-letter code, a common name over 64 characters.
 *
 * <p>Stateless and thread-safe.
 */
public final class Subjects {

    /** X.520's upper bound for a common name; OpenSSL and many CAs refuse longer ones. */
    public static final int MAX_COMMON_NAME = 64;

    private static final String EXAMPLE = " Write it as attribute=value pairs separated by commas, e.g. CN=my-device "
            + "or CN=my-device,O=My Company,C=DE (escape a comma inside a value as \\,).";

    private static final String COUNTRY = "The country (C) in the subject must be a two-letter code such as DE or "
            + "US.";

    private Subjects() {
    }

    /**
     * The X.500 name {@code subject} stands for.
     *
     * @throws IllegalArgumentException with a message that says what is wrong and how to write it
     */
    public static X500Name parse(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("The subject is empty." + EXAMPLE);
        }
        X500Name name;
        try {
            name = new X500Name(BCStyle.INSTANCE, subject.trim());
        } catch (IllegalArgumentException e) {
            throw explain(subject, e);
        }
        if (name.getRDNs().length == 0) {
            throw new IllegalArgumentException("The subject '" + subject + "' names nothing." + EXAMPLE);
        }
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue tv : rdn.getTypesAndValues()) {
                check(subject, tv.getType(), IETFUtils.valueToString(tv.getValue()));
            }
        }
        return name;
    }

    /** BouncyCastle's reason for refusing {@code subject}, in the workbench's words. */
    private static IllegalArgumentException explain(String subject, IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        if (m.startsWith("Unknown object id")) {
            String attribute = m.replaceAll("Unknown object id - (.*) - passed to distinguished name", "$1");
            return new IllegalArgumentException("The subject '" + subject + "' uses the unknown attribute '"
                    + attribute + "'. Use CN (common name), O, OU, L, ST, C, E or SERIALNUMBER." + EXAMPLE, e);
        }
        if (m.startsWith("commonName length")) {
            return new IllegalArgumentException("The common name (CN) in the subject is too long; at most "
                    + MAX_COMMON_NAME + " characters are allowed.", e);
        }
        if (m.startsWith("country code")) {
            return new IllegalArgumentException(COUNTRY, e);
        }
        if (m.startsWith("badly formatted")) {
            return new IllegalArgumentException("The subject '" + subject + "' is not a distinguished name." + EXAMPLE,
                    e);
        }
        return new IllegalArgumentException("The subject '" + subject + "' is not valid: " + m + "." + EXAMPLE, e);
    }

    private static void check(String subject, ASN1ObjectIdentifier type, String value) {
        String attribute = BCStyle.INSTANCE.oidToDisplayName(type);
        if (value.isBlank()) {
            throw new IllegalArgumentException("The subject '" + subject + "' has an empty value for " + attribute
                    + "." + EXAMPLE);
        }
        if (type.equals(BCStyle.C) && !value.matches("[A-Za-z]{2}")) {
            throw new IllegalArgumentException(COUNTRY);
        }
        if (type.equals(BCStyle.CN) && value.length() > MAX_COMMON_NAME) {
            throw new IllegalArgumentException("The common name (CN) in the subject is too long; at most "
                    + MAX_COMMON_NAME + " characters are allowed.");
        }
    }
}
