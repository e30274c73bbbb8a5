package io.iotworkbench.localcore.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One condition of a statement: {@code "Operator": {"key": value or [values]}} with IAM's semantics for the operators
 * the Local IoT Core supports ({@link #OPERATORS}, each also with the {@code IfExists} suffix and the
 * {@code ForAnyValue:} / {@code ForAllValues:} prefixes). Several values of one key are OR'ed. A key the request does
 * not have fails the condition, except for the negated operators and {@code IfExists} (true) and {@code Null}. The
 * Local IoT Core's keys are single-valued, so {@code ForAnyValue:} and {@code ForAllValues:} see a set of one value
 * (or an empty set: false and true). Immutable.
 */
record PolicyCondition(String operator, Quantifier quantifier, boolean ifExists, String key,
                       List<PolicyTemplate> values) {

    /** How a multi-valued key is compared. */
    enum Quantifier { SINGLE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "Bool", "ArnEquals", "ArnNotEquals",
            "ArnLike", "ArnNotLike", "Null");

    /** Parses {@code ForAnyValue:StringLikeIfExists}-style names; a PolicyProblem for an unsupported one. */
    static PolicyCondition of(String fullOperator, String key, List<PolicyTemplate> values, String where) {
        String op = fullOperator;
        Quantifier q = Quantifier.SINGLE;
        if (op.startsWith("ForAnyValue:")) {
            q = Quantifier.FOR_ANY_VALUE;
            op = op.substring("ForAnyValue:".length());
        } else if (op.startsWith("ForAllValues:")) {
            q = Quantifier.FOR_ALL_VALUES;
            op = op.substring("ForAllValues:".length());
        }
        boolean ifExists = op.endsWith("IfExists") && !op.equals("IfExists");
        if (ifExists) {
            op = op.substring(0, op.length() - "IfExists".length());
        }
        if (!OPERATORS.contains(op) || op.equals("Null") && (ifExists || q != Quantifier.SINGLE)) {
            throw new PolicyProblem(where + " uses the condition operator " + fullOperator + ", which the Local IoT "
                    + "Core does not evaluate; use StringEquals, StringLike, Bool, ArnEquals, ArnLike, Null (their "
                    + "Not forms, IfExists, ForAnyValue: and ForAllValues:) instead.");
        }
        if (values.isEmpty()) {
            throw new PolicyProblem(where + ": the condition " + fullOperator + " on " + key + " has no value.");
        }
        return new PolicyCondition(op, q, ifExists, key, List.copyOf(values));
    }

    /** Whether the condition holds for a request whose keys have these values. */
    boolean holds(Map<String, String> context) {
        String value = context.get(key);
        if (operator.equals("Null")) {
            boolean wantAbsent = values.stream().anyMatch(v -> "true".equalsIgnoreCase(v.text()));
            return wantAbsent == (value == null);
        }
        boolean negated = operator.contains("Not");
        if (value == null) {
            return switch (quantifier) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case SINGLE -> ifExists || negated;
            };
        }
        boolean any = false;
        for (PolicyTemplate t : values) {
            String pattern = t.resolve(context);
            if (pattern != null && compare(pattern, value)) {
                any = true;
                break;
            }
        }
        return negated != any;
    }

    private boolean compare(String pattern, String value) {
        return switch (operator) {
            case "StringEquals", "StringNotEquals" -> PolicyTemplate.plain(pattern).equals(value);
            case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" ->
                    PolicyTemplate.plain(pattern).equalsIgnoreCase(value);
            case "Bool" -> PolicyTemplate.plain(pattern).equalsIgnoreCase(value);
            default -> Wildcards.matches(pattern, value, false);
        };
    }
}
