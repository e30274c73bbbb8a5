package io.iotworkbench.localcore.api;

import io.iotworkbench.localcore.ApiCredentials;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies AWS Signature Version 4 on the REST API against the one access key the Local IoT Core generated at start
 * ({@link ApiCredentials}), as AWS services do: the {@code Authorization} header's credential scope, signed headers
 * and signature are checked against the canonical request rebuilt from what arrived (method, path encoded once more
 * as SDKs do for every service but S3, sorted query, signed headers, SHA-256 of the body or
 * {@code x-amz-content-sha256}), with {@code X-Amz-Date} within {@link #MAX_SKEW} of the clock.
 *
 * <p>Refusals in AWS's shapes: no signature → 403 MissingAuthenticationTokenException; a malformed header → 400
 * IncompleteSignatureException; another access key → 403 UnrecognizedClientException; a wrong signature, or a date
 * outside the window → 403 InvalidSignatureException. Choices where AWS is stricter (docs/decisions/0008c-api-
 * credentials.md): any region and any service name in the scope are accepted (SDKs sign {@code iot},
 * {@code iotdata}, {@code iot-jobs-data}; the Debian AWS CLI {@code execute-api}); a path signed without the second
 * encoding is accepted too; presigned URLs (signature in the query) are not supported. The secret is never logged
 * and never appears in a message.
 *
 * <p>Thread-safe (immutable).
 */
public final class SigV4Authenticator implements RequestAuthenticator {

    /** How far a request's X-Amz-Date may be from the clock, as AWS allows. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for "
            + "details.";

    private final ApiCredentials credentials;
    private final Clock clock;

    public SigV4Authenticator(ApiCredentials credentials, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 ...} header. */
    record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                         String signature) {

        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    @Override
    public String authenticate(ApiRequest request) {
        String header = request.header("Authorization");
        if (header == null || header.isBlank()) {
            if (request.query("X-Amz-Signature") != null) {
                throw incomplete("Presigned requests (a signature in the query string) are not supported by the "
                        + "Local IoT Core; sign the Authorization header.");
            }
            throw new AwsServiceException(AwsErrorKind.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
        }
        Authorization auth = parse(header);
        if (!MessageDigest.isEqual(auth.accessKeyId().getBytes(StandardCharsets.UTF_8),
                credentials.accessKeyId().getBytes(StandardCharsets.UTF_8))) {
            throw new AwsServiceException(AwsErrorKind.UNRECOGNIZED_CLIENT,
                    "The security token included in the request is invalid.");
        }
        String amzDate = request.header("X-Amz-Date");
        if (amzDate == null) {
            throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw incomplete("The X-Amz-Date header '" + amzDate + "' is not a date of the form yyyyMMddTHHmmssZ.");
        }
        if (!amzDate.startsWith(auth.date())) {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + auth.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        checkSkew(signedAt, amzDate);
        if (!auth.signedHeaders().contains("host")) {
            throw invalid("'Host' must be a signed header.");
        }
        String payloadHash = payloadHash(request);
        byte[] key = signingKey(auth);
        String once = canonicalUri(request.rawPath(), true);
        if (matches(request, auth, once, payloadHash, key, amzDate)) {
            return auth.accessKeyId();
        }
        String asSent = canonicalUri(request.rawPath(), false);
        if (!asSent.equals(once) && matches(request, auth, asSent, payloadHash, key, amzDate)) {
            return auth.accessKeyId();
        }
        throw invalid(MISMATCH);
    }

    private void checkSkew(Instant signedAt, String amzDate) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw invalid("Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 5 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw invalid("Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 5 min.)");
        }
    }

    private static boolean matches(ApiRequest request, Authorization auth, String canonicalUri, String payloadHash,
                                   byte[] key, String amzDate) {
        String canonical = request.method() + "\n" + canonicalUri + "\n" + canonicalQuery(request.rawQuery()) + "\n"
                + canonicalHeaders(request, auth.signedHeaders()) + "\n" + String.join(";", auth.signedHeaders())
                + "\n" + payloadHash;
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + auth.scope() + "\n" + hex(sha256(canonical));
        byte[] expected = HexFormat.of().formatHex(hmac(key, toSign)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, auth.signature().toLowerCase(Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII));
    }

    static Authorization parse(String header) {
        String h = header.strip();
        if (!h.startsWith(ALGORITHM + " ")) {
            throw incomplete("Only " + ALGORITHM + " signatures are accepted; the Authorization header starts with '"
                    + h.split(" ", 2)[0] + "'.");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : h.substring(ALGORITHM.length()).split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq > 0) {
                parts.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
            }
        }
        for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
            if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
                throw incomplete("Authorization header requires '" + required + "' parameter.");
            }
        }
        String[] scope = parts.get("Credential").split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request") || scope[1].length() != 8) {
            throw incomplete("The Credential '" + parts.get("Credential") + "' is not of the form "
                    + "ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/aws4_request.");
        }
        List<String> signed = new ArrayList<>();
        for (String name : parts.get("SignedHeaders").split(";")) {
            signed.add(name.strip().toLowerCase(Locale.ROOT));
        }
        return new Authorization(scope[0], scope[1], scope[2], scope[3], signed, parts.get("Signature"));
    }

    private static String payloadHash(ApiRequest request) {
        String declared = request.header("x-amz-content-sha256");
        String actual = hex(sha256(request.bodyBytes()));
        if (declared == null) {
            return actual;
        }
        if (declared.equals("UNSIGNED-PAYLOAD") || declared.equalsIgnoreCase(actual)) {
            return declared;
        }
        throw invalid("The x-amz-content-sha256 header does not match the body's SHA-256.");
    }

    /** The path as SigV4 canonicalizes it for every service but S3: dot segments removed, then encoded (again). */
    static String canonicalUri(String rawPath, boolean encodeAgain) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : normalize(rawPath);
        return encodeAgain ? encode(path, true) : path;
    }

    private static String normalize(String path) {
        List<String> out = new ArrayList<>();
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(s);
        }
        return "/" + String.join("/", out);
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = PathPattern.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : PathPattern.decode(pair.substring(eq + 1));
            pairs.add(new String[] {encode(name, false), encode(value, false)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            sb.append(sb.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    private static String canonicalHeaders(ApiRequest request, List<String> signed) {
        StringBuilder sb = new StringBuilder();
        for (String name : signed) {
            List<String> values = request.headers().getOrDefault(name, List.of());
            List<String> trimmed = new ArrayList<>();
            values.forEach(v -> trimmed.add(v.strip().replaceAll("\\s+", " ")));
            sb.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        return sb.toString();
    }

    /** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX (and '/' if asked). */
    static String encode(String s, boolean keepSlash) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (keepSlash && c == '/')) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private byte[] signingKey(Authorization auth) {
        byte[] k = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), auth.date());
        k = hmac(k, auth.region());
        k = hmac(k, auth.service());
        return hmac(k, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static AwsServiceException incomplete(String message) {
        return new AwsServiceException(AwsErrorKind.INCOMPLETE_SIGNATURE, message);
    }

    private static AwsServiceException invalid(String message) {
        return new AwsServiceException(AwsErrorKind.INVALID_SIGNATURE, message);
    }
}
