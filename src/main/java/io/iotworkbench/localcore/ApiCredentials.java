package io.iotworkbench.localcore;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The access key the Local IoT Core generates at each start for its REST API (AWS's shapes: a 20-character key id,
 * here starting {@code AKIALOCAL}, and a 40-character secret). Required (SigV4-verified) when the core listens on a
 * non-loopback address; written owner-only into {@code local-core.json}. {@link #toString()} never shows the secret,
 * so the record is safe to log. Immutable.
 */
public record ApiCredentials(String accessKeyId, String secretAccessKey) {

    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public ApiCredentials {
        Objects.requireNonNull(accessKeyId);
        Objects.requireNonNull(secretAccessKey);
    }

    public static ApiCredentials generate(SecureRandom random) {
        StringBuilder id = new StringBuilder("AKIALOCAL");
        while (id.length() < 20) {
            id.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        byte[] secret = new byte[30];
        random.nextBytes(secret);
        return new ApiCredentials(id.toString(), Base64.getEncoder().encodeToString(secret));
    }

    @Override
    public String toString() {
        return "ApiCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=(hidden)]";
    }
}
