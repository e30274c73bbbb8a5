package io.iotworkbench.localcore.ota;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotworkbench.localcore.jobs.JobDocumentResolver;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${aws:iot:s3-presigned-url:<S3 URL>}} in a job document with a presigned URL of the OTA object
 * server, valid for the job's {@code presignedUrlConfig.expiresInSec} (AWS's default 3600 s), each time a device gets
 * the document, as AWS IoT Jobs does. A placeholder that names no S3 object is left as it is.
 *
 * <p>Thread-safe and quick (one HMAC per placeholder): it runs under the jobs service's lock.
 */
public final class PresignedUrlResolver implements JobDocumentResolver {

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{aws:iot:s3-presigned-url:([^}]+)}");

    private final PresignedUrls urls;

    public PresignedUrlResolver(PresignedUrls urls) {
        this.urls = urls;
    }

    @Override
    public String forDevice(String jobId, String document, JsonNode presignedUrlConfig, String thingName) {
        if (document == null || !document.contains("${aws:iot:s3-presigned-url:")) {
            return document;
        }
        Duration expires = Duration.ofSeconds(expiresInSec(presignedUrlConfig));
        Matcher m = PLACEHOLDER.matcher(document);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = S3Location.fromUrl(m.group(1))
                    .map(l -> urls.url(l.bucket(), l.key(), expires))
                    .orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The configured lifetime, or AWS's default. */
    static long expiresInSec(JsonNode presignedUrlConfig) {
        if (presignedUrlConfig == null || !presignedUrlConfig.hasNonNull("expiresInSec")) {
            return PresignedUrls.DEFAULT_EXPIRES_SECONDS;
        }
        return presignedUrlConfig.get("expiresInSec").asLong(PresignedUrls.DEFAULT_EXPIRES_SECONDS);
    }
}
