package io.iotworkbench.localcore.api;

import io.iotworkbench.localcore.ota.ObjectStore;
import io.iotworkbench.localcore.ota.PresignedUrls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OTA object server's one operation, S3's GetObject through a presigned URL: {@code GET /<bucket>/<key>} (and
 * HEAD) with the URL's {@code X-Amz-*} query. A single {@code Range: bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}
 * is answered 206 with {@code Content-Range}; no range (or several, which S3 does not serve either) 200 with the whole
 * object; an unsatisfiable range 416 InvalidRange. Refusals are S3's XML errors: 403 AccessDenied ("Request has
 * expired", or no presigned query), 403 SignatureDoesNotMatch, 404 NoSuchKey.
 *
 * <p>The presigned URL is the authorization, as on S3 (AWS checked the job's role when it signed): the Local IoT
 * Core's IoT policies are not asked here (decision 0013). Stateless; runs on the server's worker threads.
 */
public final class ObjectRoutes {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final String XML = "application/xml";

    private final ObjectStore store;
    private final PresignedUrls urls;
    private final UnaryOperator<byte[]> faults;

    /** @param faults changes a response body when a corruption fault is pending ({@code OtaFaults}) */
    public ObjectRoutes(ObjectStore store, PresignedUrls urls, UnaryOperator<byte[]> faults) {
        this.store = store;
        this.urls = urls;
        this.faults = faults;
    }

    public void register(Router router) {
        router.add("GET", "/{bucket}/{key}", this::get);
        router.add("HEAD", "/{bucket}/{key}", this::get);
    }

    private ApiResponse get(ApiRequest r) throws IOException {
        String bucket = r.label("bucket");
        String key = r.label("key");
        Optional<PresignedUrls.Refusal> refusal = urls.check(bucket, key, r.query("X-Amz-Credential"),
                r.query("X-Amz-Date"), r.query("X-Amz-Expires"), r.query("X-Amz-Signature"));
        if (refusal.isPresent()) {
            return s3Error(403, refusal.get().code(), refusal.get().message());
        }
        Optional<ObjectStore.ObjectInfo> info = store.info(bucket, key);
        if (info.isEmpty()) {
            return s3Error(404, "NoSuchKey", "The specified key does not exist.");
        }
        long size = info.get().size();
        String range = r.header("Range");
        long first = 0;
        long last = size - 1;
        boolean partial = false;
        if (range != null && !range.contains(",")) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                try {
                    if (m.group(1).isEmpty()) {
                        first = Math.max(0, size - Long.parseLong(m.group(2)));
                    } else {
                        first = Long.parseLong(m.group(1));
                        last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                    }
                } catch (NumberFormatException e) {
                    return unsatisfiable(size);
                }
                if (first >= size || first > last) {
                    return unsatisfiable(size);
                }
                partial = true;
            }
        }
        byte[] body;
        try {
            body = faults.apply(store.read(bucket, key, first, (int) (last - first + 1)));
        } catch (NoSuchFileException e) {
            return s3Error(404, "NoSuchKey", "The specified key does not exist.");
        }
        Map<String, String> headers = partial
                ? Map.of("Accept-Ranges", "bytes", "Content-Range", "bytes " + first + "-" + last + "/" + size)
                : Map.of("Accept-Ranges", "bytes");
        return new ApiResponse(partial ? 206 : 200, "application/octet-stream", headers, body);
    }

    private static ApiResponse unsatisfiable(long size) {
        ApiResponse e = s3Error(416, "InvalidRange", "The requested range is not satisfiable");
        return new ApiResponse(e.status(), e.contentType(), Map.of("Content-Range", "bytes */" + size), e.body());
    }

    private static ApiResponse s3Error(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>";
        return new ApiResponse(status, XML, Map.of(), xml.getBytes(StandardCharsets.UTF_8));
    }
}
