package io.iotworkbench.jobs;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iot.model.CodeSigning;
import software.amazon.awssdk.services.iot.model.CreateOtaUpdateRequest;
import software.amazon.awssdk.services.iot.model.OTAUpdateFile;
import software.amazon.awssdk.services.iot.model.Protocol;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the OTA view asks for, mapped to one {@code CreateOTAUpdate} request, the same for the Local IoT Core and a
 * real AWS account: the image at {@code s3://bucket/key}, the targets (thing and thing-group ARNs), HTTP or MQTT, how
 * the file is signed, the role, the presigned-URL expiry and the rollout and abort settings ({@link OtaJobControls}).
 *
 * <p>Immutable; safe from any thread.
 */
public record OtaUpdatePlan(String otaUpdateId, String description, List<String> targetArns, Protocol protocol,
                            S3Object image, Signing signing, String roleArn, long urlExpirySeconds,
                            String fileNameOnDevice, OtaJobControls controls) {

    /** A plan without rollout and abort settings. */
    public OtaUpdatePlan(String otaUpdateId, String description, List<String> targetArns, Protocol protocol,
                         S3Object image, Signing signing, String roleArn, long urlExpirySeconds,
                         String fileNameOnDevice) {
        this(otaUpdateId, description, targetArns, protocol, image, signing, roleArn, urlExpirySeconds,
                fileNameOnDevice, OtaJobControls.NONE);
    }

    /** Default presigned-URL expiry (AWS's range is 60 to 3600 seconds). */
    public static final long DEFAULT_URL_EXPIRY_SECONDS = 3600;
    /** The role the Local IoT Core is given (it does not assume roles). */
    public static final String LOCAL_ROLE_ARN = "arn:aws:iam::000000000000:role/iot-workbench-ota";
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    private static final Pattern S3_URL = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");

    /** An S3 object (on the Local IoT Core: its object store). */
    public record S3Object(String bucket, String key) {

        /** Parses {@code s3://bucket/key}; IllegalArgumentException with one sentence otherwise. */
        public static S3Object parse(String url) {
            var m = S3_URL.matcher(url == null ? "" : url.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("Give the image's place in S3 as s3://bucket/key, e.g. "
                        + "s3://my-firmware/w800/app.img.");
            }
            return new S3Object(m.group(1), m.group(2));
        }

        @Override
        public String toString() {
            return "s3://" + bucket + "/" + key;
        }
    }

    /** How the file is signed. */
    public interface Signing {
        /** Where the device finds the code-signing certificate. */
        String certificatePathOnDevice();
    }

    /**
     * A code-signing job: on the Local IoT Core its own signer (ECDSA P-256, certificate from the local CA); on AWS
     * the AWS Signer profile named here, the signed file going to the image's bucket under {@code signed/}.
     */
    public record SignerProfile(String profileName, String certificatePathOnDevice) implements Signing {
    }

    /** A signature the user brings (base64 DER of SHA256withECDSA over the file). */
    public record OwnSignature(String base64, String certificatePathOnDevice) implements Signing {
        public OwnSignature {
            try {
                Base64.getDecoder().decode(base64.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The signature is not base64: paste the base64 of the DER "
                        + "ECDSA signature.");
            }
            base64 = base64.trim();
        }
    }

    public OtaUpdatePlan {
        if (otaUpdateId == null || !ID.matcher(otaUpdateId).matches()) {
            throw new IllegalArgumentException("The update name may hold 1 to 128 letters, digits, _ and -.");
        }
        if (targetArns == null || targetArns.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one thing or thing group.");
        }
        if (urlExpirySeconds < 60 || urlExpirySeconds > 3600) {
            throw new IllegalArgumentException("Download URLs expire after 60 to 3600 seconds.");
        }
        targetArns = List.copyOf(targetArns);
        Objects.requireNonNull(protocol);
        Objects.requireNonNull(image);
        Objects.requireNonNull(signing);
        Objects.requireNonNull(roleArn);
        fileNameOnDevice = fileNameOnDevice == null || fileNameOnDevice.isBlank() ? "app_ota" : fileNameOnDevice;
        controls = controls == null ? OtaJobControls.NONE : controls;
    }

    /** The job AWS creates for the update. */
    public String jobId() {
        return "AFR_OTA-" + otaUpdateId;
    }

    /** The same plan for other targets under another id (retry). */
    public OtaUpdatePlan retry(String newId, List<String> targets) {
        return new OtaUpdatePlan(newId, description, targets, protocol, image, signing, roleArn, urlExpirySeconds,
                fileNameOnDevice, controls);
    }

    /** The CreateOTAUpdate request. */
    public CreateOtaUpdateRequest toRequest() {
        CodeSigning codeSigning;
        if (signing instanceof SignerProfile p) {
            codeSigning = CodeSigning.builder().startSigningJobParameter(s -> s
                    .signingProfileName(p.profileName())
                    .signingProfileParameter(pp -> pp.certificatePathOnDevice(p.certificatePathOnDevice()))
                    .destination(d -> d.s3Destination(x -> x.bucket(image.bucket()).prefix("signed/")))).build();
        } else {
            OwnSignature s = (OwnSignature) signing;
            codeSigning = CodeSigning.builder().customCodeSigning(c -> c.hashAlgorithm("SHA256")
                    .signatureAlgorithm("ECDSA")
                    .signature(x -> x.inlineDocument(SdkBytes.fromByteArray(Base64.getDecoder().decode(s.base64()))))
                    .certificateChain(ch -> ch.certificateName(s.certificatePathOnDevice()))).build();
        }
        OTAUpdateFile file = OTAUpdateFile.builder().fileName(fileNameOnDevice).fileType(0)
                .fileLocation(l -> l.s3Location(s -> s.bucket(image.bucket()).key(image.key())))
                .codeSigning(codeSigning).build();
        List<Protocol> protocols = new ArrayList<>(List.of(protocol));
        return controls.applyTo(CreateOtaUpdateRequest.builder().otaUpdateId(otaUpdateId)
                .description(description == null || description.isBlank() ? null : description)
                .targets(targetArns).protocols(protocols).files(file).roleArn(roleArn)
                .awsJobPresignedUrlConfig(p -> p.expiresInSec(urlExpirySeconds))).build();
    }

    /** A name for a new update: {@code ota-<version>-<time>} with only allowed characters. */
    public static String suggestId(String version, long epochSeconds) {
        String v = version == null ? "" : version.replaceAll("[^a-zA-Z0-9_-]", "_");
        String id = ("ota-" + (v.isEmpty() ? "" : v + "-") + Long.toString(epochSeconds, 36)).toLowerCase(Locale.ROOT);
        return id.length() > 128 ? id.substring(0, 128) : id;
    }
}
