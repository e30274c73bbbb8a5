package io.iotworkbench.localcore.ota;

import io.iotworkbench.storage.AtomicFiles;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Presigned URLs of the OTA object server, shaped like S3's query-string authentication
 * ({@code X-Amz-Algorithm}, {@code X-Amz-Date}, {@code X-Amz-Expires}, {@code X-Amz-Signature}) and signed with an
 * HMAC-SHA256 key kept owner-only in the data folder, so URLs stay valid across a restart of the core until they
 * expire. Expiry follows the injected clock. For fault injection, {@link #expireIssuedUntilNow()} makes every URL
 * issued so far answer 403 as if it had expired.
 *
 * <p>Thread-safe (the endpoint and the fault mark are volatile; a {@link Mac} is made per call).
 */
public final class PresignedUrls {

    /** AWS's bounds for {@code presignedUrlConfig.expiresInSec} and its default. */
    public static final long MIN_EXPIRES_SECONDS = 60;
    public static final long MAX_EXPIRES_SECONDS = 3600;
    public static final long DEFAULT_EXPIRES_SECONDS = 3600;

    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final byte[] key;
    private final Clock clock;
    private volatile String endpoint = "https://127.0.0.1:0";
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    private PresignedUrls(byte[] key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** Reads the signing key from {@code keyFile}, or creates it (32 random bytes, owner-only). */
    public static PresignedUrls openOrCreate(Path keyFile, Clock clock) throws IOException {
        byte[] key;
        if (Files.exists(keyFile) && Files.size(keyFile) == 32) {
            key = Files.readAllBytes(keyFile);
        } else {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            AtomicFiles.writeOwnerOnly(keyFile, key);
        }
        return new PresignedUrls(key, clock);
    }

    /** Where the object server listens ({@code https://host:port}); set once it started. */
    public void endpoint(String httpsEndpoint) {
        this.endpoint = httpsEndpoint;
    }

    public String endpoint() {
        return endpoint;
    }

    /** A GET URL for {@code bucket}/{@code key}, valid for {@code expires} from now. */
    public String url(String bucket, String key, Duration expires) {
        String date = AMZ_DATE.format(clock.instant());
        long seconds = expires.toSeconds();
        String path = path(bucket, key);
        String credential = "local-" + generation.get();
        return endpoint + path + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + credential + "&X-Amz-Date="
                + date + "&X-Amz-Expires=" + seconds + "&X-Amz-Signature=" + sign(path, credential, date, seconds);
    }

    /**
     * Why a request for {@code bucket}/{@code key} with these query values is refused, as S3 words it: empty when the
     * URL is valid now. The answer names S3's error code first ({@code AccessDenied}, {@code SignatureDoesNotMatch}).
     */
    public Optional<Refusal> check(String bucket, String key, String credential, String date, String expires,
                                   String signature) {
        if (credential == null || date == null || expires == null || signature == null) {
            return Optional.of(new Refusal("AccessDenied", "Access Denied: the URL is not presigned."));
        }
        Instant issued;
        long seconds;
        try {
            issued = Instant.from(AMZ_DATE.parse(date));
            seconds = Long.parseLong(expires);
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.of(new Refusal("AuthorizationQueryParametersError",
                    "X-Amz-Date or X-Amz-Expires is malformed."));
        }
        byte[] expected = sign(path(bucket, key), credential, date, seconds).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(new Refusal("SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided."));
        }
        Instant now = clock.instant();
        if (now.isAfter(issued.plusSeconds(seconds)) || !credential.equals("local-" + generation.get())) {
            return Optional.of(new Refusal("AccessDenied", "Request has expired"));
        }
        return Optional.empty();
    }

    /** A refusal in S3's terms. */
    public record Refusal(String code, String message) {
    }

    /** Fault injection: every URL issued until now is treated as expired (new ones are valid). */
    public void expireIssuedUntilNow() {
        generation.incrementAndGet();
    }

    /** The URL path of an object: {@code /<bucket>/<key>}, the key percent-encoded into one segment. */
    static String path(String bucket, String key) {
        return "/" + bucket + "/" + encode(key);
    }

    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private String sign(String path, String credential, String date, long seconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String canonical = "GET\n" + path + "\n" + credential + "\n" + date + "\n" + seconds;
            return HexFormat.of().formatHex(mac.doFinal(canonical
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
