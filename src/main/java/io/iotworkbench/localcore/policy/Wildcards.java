package io.iotworkbench.localcore.policy;

/**
 * IAM's wildcard matching for policy actions, resources and {@code *Like} conditions: {@code *} is any run of
 * characters ({@code /} included), {@code ?} exactly one; everything else, MQTT's {@code +} and {@code #} included,
 * is literal. A pattern whose wildcards came from the policy text is first {@link #encode encoded}, so that a value
 * substituted from a policy variable stays literal even when it contains {@code *} or {@code ?}. Stateless.
 */
final class Wildcards {

    /** The encoded "any run" wildcard (a private-use character). */
    static final char ANY = '\uE000';
    /** The encoded "one character" wildcard. */
    static final char ONE = '\uE001';

    private Wildcards() {
    }

    /** {@code text} with its {@code *} and {@code ?} made wildcards. */
    static String encode(String text) {
        return text.replace('*', ANY).replace('?', ONE);
    }

    /** Whether {@code text} matches the encoded {@code pattern}. */
    static boolean matches(String pattern, String text, boolean ignoreCase) {
        return matches(pattern, text, "", ignoreCase);
    }

    /**
     * Whether {@code head + tail} matches the encoded {@code pattern} (case-sensitive), without building the
     * concatenation: the authorizer matches resource ARNs as "ARN prefix" + "resource".
     */
    static boolean matches(String pattern, String head, String tail) {
        return matches(pattern, head, tail, false);
    }

    /** The one matcher: {@code head + tail} against the encoded {@code pattern}, backtracking to the last ANY. */
    private static boolean matches(String pattern, String head, String tail, boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        int pl = pattern.length();
        int hl = head.length();
        int tl = hl + tail.length();
        while (t < tl) {
            if (p < pl) {
                char pc = pattern.charAt(p);
                if (pc == ANY) {
                    star = p++;
                    mark = t;
                    continue;
                }
                if (pc == ONE || same(pc, t < hl ? head.charAt(t) : tail.charAt(t - hl), ignoreCase)) {
                    p++;
                    t++;
                    continue;
                }
            }
            if (star < 0) {
                return false;
            }
            p = star + 1;
            t = ++mark;
        }
        while (p < pl && pattern.charAt(p) == ANY) {
            p++;
        }
        return p == pl;
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
