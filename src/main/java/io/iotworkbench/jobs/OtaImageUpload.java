package io.iotworkbench.jobs;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Puts an OTA image into the S3 bucket the user named (real AWS accounts; the Local IoT Core has its own object
 * store): one PutObject through the SDK {@link S3Client}, signed with the profile's credentials.
 *
 * <p>Blocking; call off the FX thread. Thread-safe as the client is.
 */
public final class OtaImageUpload {

    private OtaImageUpload() {
    }

    /** The PutObject request for {@code image} at {@code target}. */
    public static PutObjectRequest request(OtaUpdatePlan.S3Object target, int size) {
        return PutObjectRequest.builder().bucket(target.bucket()).key(target.key()).contentLength((long) size)
                .contentType("application/octet-stream").build();
    }

    /** Uploads {@code image}; returns the object's ETag. */
    public static String upload(S3Client s3, OtaUpdatePlan.S3Object target, byte[] image) {
        return s3.putObject(request(target, image.length), RequestBody.fromBytes(image)).eTag();
    }
}
