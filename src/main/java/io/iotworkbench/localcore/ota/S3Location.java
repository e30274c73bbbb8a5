package io.iotworkbench.localcore.ota;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A bucket and key, and how to read them out of the S3 URLs AWS accepts in a job document's
 * {@code ${aws:iot:s3-presigned-url:…}} placeholder: path style {@code https://s3[.region].amazonaws.com/b/k} and
 * virtual-hosted style {@code https://b.s3[.region].amazonaws.com/k} (a query such as {@code ?versionId=} is
 * ignored: the Local IoT Core keeps one version). Immutable.
 */
public record S3Location(String bucket, String key) {

    /** The location {@code url} names, or empty when it is not an S3 URL. */
    public static Optional<S3Location> fromUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String host = uri.getHost();
        String path = uri.getRawPath();
        if (host == null || path == null || !host.endsWith(".amazonaws.com") && !host.endsWith(".amazonaws.com.cn")) {
            return Optional.empty();
        }
        String rest = path.startsWith("/") ? path.substring(1) : path;
        if (host.startsWith("s3.") || host.startsWith("s3-")) {
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new S3Location(decode(rest.substring(0, slash)), decode(rest.substring(slash + 1))));
        }
        int s3 = host.indexOf(".s3.");
        if (s3 < 0) {
            s3 = host.indexOf(".s3-");
        }
        if (s3 <= 0 || rest.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new S3Location(host.substring(0, s3), decode(rest)));
    }

    /** The path-style URL AWS documents for the placeholder, in {@code region}. */
    public String url(String region) {
        StringBuilder path = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            path.append(path.length() == 0 ? "" : "/").append(PresignedUrls.encode(segment));
        }
        return "https://s3." + region + ".amazonaws.com/" + bucket + "/" + path;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
