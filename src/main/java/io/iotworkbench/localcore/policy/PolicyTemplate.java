package io.iotworkbench.localcore.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One string of a policy (a resource, a condition value) split into literal text and policy variables
 * ({@code ${iot:ClientId}}; {@code ${*}}, {@code ${?}} and {@code ${$}} stand for the characters themselves). Resolved
 * per connection into an {@link Wildcards#encode encoded} pattern: literal text keeps its IAM wildcards, substituted
 * values are literal. A variable without a value makes the whole string unresolvable ({@code null}: it matches
 * nothing). Immutable.
 */
final class PolicyTemplate {

    private final String text;
    /** Alternating literal text (even indexes, encoded) and variable names (odd indexes). */
    private final List<String> parts;

    private PolicyTemplate(String text, List<String> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** @param variables whether {@code ${…}} are variables (policy version 2012-10-17) or literal text */
    static PolicyTemplate of(String text, boolean variables) {
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (variables && i < text.length()) {
            int open = text.indexOf("${", i);
            int close = open < 0 ? -1 : text.indexOf('}', open + 2);
            if (close < 0) {
                break;
            }
            literal.append(Wildcards.encode(text.substring(i, open)));
            String name = text.substring(open + 2, close);
            switch (name) {
                case "*" -> literal.append('*');
                case "?" -> literal.append('?');
                case "$" -> literal.append('$');
                default -> {
                    parts.add(literal.toString());
                    literal.setLength(0);
                    parts.add(name);
                }
            }
            i = close + 1;
        }
        literal.append(Wildcards.encode(text.substring(i)));
        parts.add(literal.toString());
        return new PolicyTemplate(text, List.copyOf(parts));
    }

    /** The encoded pattern for these variables, or null when one of them has no value. */
    String resolve(Map<String, String> variables) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        StringBuilder out = new StringBuilder(parts.get(0));
        for (int k = 1; k < parts.size(); k += 2) {
            String value = variables.get(parts.get(k));
            if (value == null) {
                return null;
            }
            out.append(value).append(parts.get(k + 1));
        }
        return out.toString();
    }

    /** The variables this string uses. */
    List<String> variables() {
        List<String> names = new ArrayList<>();
        for (int k = 1; k < parts.size(); k += 2) {
            names.add(parts.get(k));
        }
        return names;
    }

    /** The text as written in the policy. */
    String text() {
        return text;
    }

    /** An encoded pattern back to plain text (for the {@code Equals} operators, where wildcards mean nothing). */
    static String plain(String encoded) {
        return encoded.replace(Wildcards.ANY, '*').replace(Wildcards.ONE, '?');
    }

    @Override
    public String toString() {
        return text;
    }
}
