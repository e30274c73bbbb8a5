package io.iotworkbench.localcore.registry;

import io.iotworkbench.localcore.AwsErrorKind;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque paging tokens (nextToken, marker): the sort key of the last item a page returned, base64url-encoded, so the
 * next page starts after it even when items were added or removed in between. Stateless.
 */
final class PageTokens {

    private PageTokens() {
    }

    static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The key the token carries, or null for a null or empty token (the first page). */
    static String decode(String token, String parameter) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(AwsErrorKind.INVALID_REQUEST, "The " + parameter + " '" + token
                    + "' is not valid: pass the value a previous page returned.");
        }
    }

    /** Decodes a token made by {@link #encode} from {@code created + ":" + key}. */
    static TimeKey decodeTimeKey(String token, String parameter) {
        String raw = decode(token, parameter);
        if (raw == null) {
            return null;
        }
        int colon = raw.indexOf(':');
        try {
            return new TimeKey(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new RegistryException(AwsErrorKind.INVALID_REQUEST, "The " + parameter + " '" + token
                    + "' is not valid: pass the value a previous page returned.");
        }
    }

    static String encodeTimeKey(long createdMillis, String key) {
        return encode(createdMillis + ":" + key);
    }

    /** A position in a listing ordered by creation time, then key. */
    record TimeKey(long createdMillis, String key) {
    }
}
