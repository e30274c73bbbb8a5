package io.iotworkbench.localcore.registry;

import io.iotworkbench.localcore.AwsErrorKind;

import io.iotworkbench.registry.ThingNames;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The AWS IoT model's constraints on names, ids and attributes, checked before anything is stored; a violation is an
 * InvalidRequestException naming the field and the rule. Stateless.
 */
final class RegistryValidation {

    /** Things without a type may carry this many attributes (AWS IoT's limit), typed things {@link #TYPED_ATTRIBUTES}.
     * */
    static final int UNTYPED_ATTRIBUTES = 3;
    static final int TYPED_ATTRIBUTES = 50;
    static final int MAX_PAGE_SIZE = 250;

    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-zA-Z0-9_.,@/:#-]{1,128}");
    private static final Pattern ATTRIBUTE_VALUE = Pattern.compile("[a-zA-Z0-9_.,@/:#=\\[\\]-]{0,800}");
    private static final Pattern CERTIFICATE_ID = Pattern.compile("(0x)?[a-fA-F0-9]{64}");

    private RegistryValidation() {
    }

    static void thingName(String name) {
        ThingNames.problem(name).ifPresent(why -> check(false, why));
    }

    static void thingTypeName(String name) {
        if (name != null) {
            check(ThingNames.isValid(name), "The thing type name '" + name
                    + "' is not valid: use 1 to 128 characters from a-z, A-Z, 0-9, ':', '_' and '-'.");
        }
    }

    static void policyName(String name) {
        check(name != null && POLICY_NAME.matcher(name).matches(), "The policy name '" + name
                + "' is not valid: use 1 to 128 characters from letters, digits and + = , . @ _ -.");
    }

    /** The canonical (lowercase, no 0x) form of a certificate id. */
    static String certificateId(String id) {
        check(id != null && CERTIFICATE_ID.matcher(id).matches(), "The certificate id '" + id
                + "' is not valid: expect 64 hexadecimal characters.");
        return (id.startsWith("0x") ? id.substring(2) : id).toLowerCase(java.util.Locale.ROOT);
    }

    static void attributes(Map<String, String> attributes, String thingTypeName) {
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            check(e.getKey() != null && ATTRIBUTE_NAME.matcher(e.getKey()).matches(), "The attribute name '"
                    + e.getKey() + "' is not valid: use 1 to 128 characters from a-z, A-Z, 0-9 and _ . , @ / : # -.");
            check(e.getValue() != null && ATTRIBUTE_VALUE.matcher(e.getValue()).matches(), "The value of attribute '"
                    + e.getKey() + "' is not valid: use up to 800 characters from a-z, A-Z, 0-9 and "
                    + "_ . , @ / : # = [ ] -.");
        }
        int limit = thingTypeName == null ? UNTYPED_ATTRIBUTES : TYPED_ATTRIBUTES;
        check(attributes.size() <= limit, (thingTypeName == null ? "A thing without a thing type" : "A thing")
                + " can have at most " + limit + " attributes; this request gives it " + attributes.size() + ".");
    }

    /** The page size to use: {@code requested}, or the maximum when null. */
    static int pageSize(Integer requested, String parameter) {
        if (requested == null) {
            return MAX_PAGE_SIZE;
        }
        check(requested >= 1 && requested <= MAX_PAGE_SIZE, "The " + parameter + " " + requested
                + " is not valid: use a value from 1 to " + MAX_PAGE_SIZE + ".");
        return requested;
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new RegistryException(AwsErrorKind.INVALID_REQUEST, message);
        }
    }
}
