package io.iotworkbench.localcore.ota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.jobs.JobsService;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.store.LocalCoreDatabase;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * AWS IoT OTA updates as a thin layer over streams and jobs: CreateOTAUpdate checks the request, signs the files (or
 * takes the signature the caller brings), creates a stream {@code AFR_OTA-<uuid>} when MQTT is a protocol, and the
 * job {@code AFR_OTA-<otaUpdateId>} whose document is the {@code afr_ota} document the AWS OTA library parses (with a
 * presigned-URL placeholder per file when HTTP is a protocol). GetOTAUpdate, ListOTAUpdates, DeleteOTAUpdate in AWS's
 * shapes. Here creation completes at once ({@code CREATE_COMPLETE}).
 *
 * <p>Commit-or-nothing: everything is checked before anything is created; if the job or the record cannot be stored,
 * what was created before (stream, job) is deleted again. Thread-safe: calls hold this object's lock.
 */
public final class OtaUpdates {

    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    public static final String JOB_PREFIX = "AFR_OTA-";
    /** Where the device finds the code-signing certificate when the request does not say. */
    public static final String DEFAULT_CERT_PATH = "code_signer_public_key.pem";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonRows rows;
    private final Registry registry;
    private final JobsService jobs;
    private final StreamsService streams;
    private final ObjectStore objects;
    private final CodeSigner signer;
    private final Clock clock;
    private final Map<String, ObjectNode> updates = new TreeMap<>();

    public OtaUpdates(LocalCoreDatabase database, Registry registry, JobsService jobs, StreamsService streams,
                      ObjectStore objects, CodeSigner signer, Clock clock) throws SQLException {
        this.rows = new JsonRows(database, "ota_updates");
        this.registry = registry;
        this.jobs = jobs;
        this.streams = streams;
        this.objects = objects;
        this.signer = signer;
        this.clock = clock;
        updates.putAll(rows.load());
    }

    /** One file of the update, checked. */
    private record Planned(JsonNode request, S3Location location, long size, String signature, String certFile) {
    }

    public synchronized ObjectNode create(String otaUpdateId, JsonNode body) {
        if (otaUpdateId == null || !ID.matcher(otaUpdateId).matches()) {
            throw invalid("The OTA update id '" + otaUpdateId + "' is not valid: use 1 to 128 letters, digits, _ "
                    + "and -.");
        }
        if (updates.containsKey(otaUpdateId)) {
            throw new AwsServiceException(AwsErrorKind.RESOURCE_ALREADY_EXISTS, "The OTA update " + otaUpdateId
                    + " already exists.");
        }
        List<String> targets = new ArrayList<>();
        body.path("targets").forEach(t -> targets.add(t.asText()));
        if (targets.isEmpty()) {
            throw invalid("targets must name at least one thing or thing group.");
        }
        List<String> protocols = new ArrayList<>();
        body.path("protocols").forEach(p -> protocols.add(p.asText()));
        if (protocols.isEmpty()) {
            protocols.add("MQTT");
        }
        for (String p : protocols) {
            if (!p.equals("MQTT") && !p.equals("HTTP")) {
                throw invalid("protocols may hold MQTT and HTTP, not '" + p + "'.");
            }
        }
        JsonNode files = body.path("files");
        if (!files.isArray() || files.isEmpty()) {
            throw invalid("files must list at least one file.");
        }
        List<Planned> planned = new ArrayList<>();
        String givenStream = null;
        for (JsonNode f : files) {
            Planned p = plan(f);
            planned.add(p);
            if (f.path("fileLocation").has("stream")) {
                givenStream = f.path("fileLocation").path("stream").path("streamId").asText();
            }
        }
        JsonNode presigned = body.get("awsJobPresignedUrlConfig");
        JsonNode expires = presigned == null ? null : presigned.get("expiresInSec");
        if (expires != null && !expires.isNull() && (expires.asLong() < PresignedUrls.MIN_EXPIRES_SECONDS
                || expires.asLong() > PresignedUrls.MAX_EXPIRES_SECONDS)) {
            throw invalid("awsJobPresignedUrlConfig.expiresInSec must be between 60 and 3600 seconds.");
        }

        String streamId = null;
        boolean streamCreated = false;
        if (protocols.contains("MQTT")) {
            if (givenStream != null) {
                streamId = givenStream;
            } else {
                streamId = JOB_PREFIX + UUID.randomUUID();
                List<StreamsService.StreamFile> streamFiles = new ArrayList<>();
                for (int i = 0; i < planned.size(); i++) {
                    streamFiles.add(new StreamsService.StreamFile(i, planned.get(i).location()));
                }
                streams.createStream(streamId, "OTA update " + otaUpdateId, streamFiles,
                        body.path("roleArn").asText(null));
                streamCreated = true;
            }
        }
        String jobId = JOB_PREFIX + otaUpdateId;
        String document = document(protocols, streamId, planned);
        ObjectNode job;
        try {
            JsonNode timeout = body.path("awsJobTimeoutConfig").get("inProgressTimeoutInMinutes");
            job = jobs.createJob(new JobsService.CreateJobRequest(jobId, targets, document,
                    body.path("description").asText(null), body.path("targetSelection").asText(null),
                    timeout == null || timeout.isNull() ? null : timeout.asLong(),
                    presigned == null || presigned.isNull() ? null : presigned,
                    body.get("awsJobExecutionsRolloutConfig"), jobAbortConfig(body.get("awsJobAbortConfig"))));
        } catch (RuntimeException e) {
            if (streamCreated) {
                streams.deleteStream(streamId);
            }
            throw e;
        }
        BigDecimal now = BigDecimal.valueOf(clock.millis()).movePointLeft(3);
        ObjectNode info = JSON.createObjectNode().put("otaUpdateId", otaUpdateId).put("otaUpdateArn",
                arn(otaUpdateId)).put("creationDate", now).put("lastModifiedDate", now);
        if (body.hasNonNull("description")) {
            info.put("description", body.path("description").asText());
        }
        info.set("targets", JSON.valueToTree(targets));
        info.set("protocols", JSON.valueToTree(protocols));
        if (body.hasNonNull("awsJobExecutionsRolloutConfig")) {
            info.set("awsJobExecutionsRolloutConfig", body.get("awsJobExecutionsRolloutConfig"));
        }
        if (body.hasNonNull("awsJobAbortConfig")) {
            info.set("awsJobAbortConfig", body.get("awsJobAbortConfig"));
        }
        if (body.hasNonNull("awsJobTimeoutConfig")) {
            info.set("awsJobTimeoutConfig", body.get("awsJobTimeoutConfig"));
        }
        if (presigned != null && !presigned.isNull()) {
            info.set("awsJobPresignedUrlConfig", presigned);
        }
        info.put("targetSelection", body.path("targetSelection").asText("SNAPSHOT"));
        ArrayNode infoFiles = info.putArray("otaUpdateFiles");
        for (int i = 0; i < planned.size(); i++) {
            ObjectNode f = planned.get(i).request().deepCopy();
            if (streamId != null && !f.path("fileLocation").has("stream")) {
                f.putObject("fileLocation").putObject("stream").put("streamId", streamId).put("fileId", i);
            }
            infoFiles.add(f);
        }
        info.put("otaUpdateStatus", "CREATE_COMPLETE").put("awsIotJobId", jobId)
                .put("awsIotJobArn", job.path("jobArn").asText());
        if (streamCreated) {
            info.put("localStreamId", streamId);
        }
        if (body.hasNonNull("additionalParameters")) {
            info.set("additionalParameters", body.get("additionalParameters"));
        }
        try {
            rows.put(otaUpdateId, info);
        } catch (SQLException e) {
            jobs.deleteJob(jobId, true);
            if (streamCreated) {
                streams.deleteStream(streamId);
            }
            throw new AwsServiceException(AwsErrorKind.INTERNAL_FAILURE, "The OTA update could not be stored: "
                    + e.getMessage(), e);
        }
        updates.put(otaUpdateId, info);
        return JSON.createObjectNode().put("otaUpdateId", otaUpdateId).put("awsIotJobId", jobId)
                .put("otaUpdateArn", arn(otaUpdateId)).put("awsIotJobArn", job.path("jobArn").asText())
                .put("otaUpdateStatus", "CREATE_COMPLETE");
    }

    public synchronized ObjectNode get(String otaUpdateId) {
        ObjectNode info = existing(otaUpdateId).deepCopy();
        info.remove("localStreamId");
        ObjectNode out = JSON.createObjectNode();
        out.set("otaUpdateInfo", info);
        return out;
    }

    public synchronized ObjectNode list(Integer maxResults, String nextToken, String status) {
        int size = maxResults == null ? 250 : maxResults;
        if (size < 1 || size > 250) {
            throw invalid("maxResults must be between 1 and 250.");
        }
        List<ObjectNode> all = new ArrayList<>();
        updates.values().stream().filter(u -> status == null || status.equals(u.path("otaUpdateStatus").asText()))
                .forEach(all::add);
        int start;
        try {
            start = nextToken == null || nextToken.isEmpty() ? 0 : Integer.parseInt(nextToken);
        } catch (NumberFormatException e) {
            throw invalid("The nextToken is not one this service gave.");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("otaUpdates");
        for (int i = start; i < Math.min(all.size(), start + size); i++) {
            ObjectNode u = all.get(i);
            list.addObject().put("otaUpdateId", u.path("otaUpdateId").asText())
                    .put("otaUpdateArn", u.path("otaUpdateArn").asText())
                    .set("creationDate", u.get("creationDate"));
        }
        if (start + size < all.size()) {
            out.put("nextToken", String.valueOf(start + size));
        }
        return out;
    }

    /**
     * DeleteOTAUpdate: {@code deleteStream} deletes the stream this update created; {@code forceDeleteAWSJob}
     * deletes its job even while executions run (otherwise the job stays, as on AWS).
     */
    public synchronized void delete(String otaUpdateId, boolean deleteStream, boolean forceDeleteJob) {
        ObjectNode info = existing(otaUpdateId);
        try {
            rows.delete(otaUpdateId);
        } catch (SQLException e) {
            throw new AwsServiceException(AwsErrorKind.INTERNAL_FAILURE, "The OTA update could not be deleted: "
                    + e.getMessage(), e);
        }
        updates.remove(otaUpdateId);
        if (forceDeleteJob) {
            try {
                jobs.deleteJob(info.path("awsIotJobId").asText(), true);
            } catch (AwsServiceException e) {
                // already gone
            }
        }
        String stream = info.path("localStreamId").asText(null);
        if (deleteStream && stream != null && streams.find(stream).isPresent()) {
            streams.deleteStream(stream);
        }
    }

    private Planned plan(JsonNode f) {
        JsonNode location = f.path("fileLocation");
        S3Location s3;
        if (location.has("s3Location")) {
            JsonNode l = location.path("s3Location");
            s3 = new S3Location(l.path("bucket").asText(null), l.path("key").asText(null));
        } else if (location.has("stream")) {
            String id = location.path("stream").path("streamId").asText(null);
            int fileId = location.path("stream").path("fileId").asInt(0);
            StreamsService.Stream stream = streams.find(id).orElseThrow(() -> invalid("The stream " + id
                    + " does not exist."));
            s3 = stream.files().get(fileId);
            if (s3 == null) {
                throw invalid("The stream " + id + " has no file " + fileId + ".");
            }
        } else {
            throw invalid("Each file needs a fileLocation (s3Location or stream).");
        }
        ObjectStore.problem(s3.bucket(), s3.key()).ifPresent(p -> {
            throw invalid(p);
        });
        long size = objects.info(s3.bucket(), s3.key()).map(ObjectStore.ObjectInfo::size).orElseThrow(() ->
                invalid("The file s3://" + s3.bucket() + "/" + s3.key() + " is not in the Local IoT Core's object "
                        + "store."));
        JsonNode signing = f.path("codeSigning");
        String signature = null;
        String certFile = DEFAULT_CERT_PATH;
        if (signing.has("awsSignerJobId")) {
            throw invalid("The Local IoT Core has no AWS Signer: use startSigningJobParameter (it signs with its own "
                    + "code-signing certificate) or customCodeSigning.");
        }
        if (signing.has("customCodeSigning")) {
            JsonNode custom = signing.path("customCodeSigning");
            String hash = custom.path("hashAlgorithm").asText("SHA256");
            String algorithm = custom.path("signatureAlgorithm").asText("ECDSA");
            if (!hash.equalsIgnoreCase("SHA256") || !algorithm.equalsIgnoreCase("ECDSA")) {
                throw invalid("The Local IoT Core supports ECDSA with SHA256 signatures, not " + algorithm + " with "
                        + hash + ".");
            }
            signature = custom.path("signature").path("inlineDocument").asText(null);
            if (signature == null) {
                throw invalid("customCodeSigning needs signature.inlineDocument.");
            }
            try {
                Base64.getDecoder().decode(signature);
            } catch (IllegalArgumentException e) {
                throw invalid("customCodeSigning.signature.inlineDocument is not base64.");
            }
            certFile = custom.path("certificateChain").path("certificateName").asText(DEFAULT_CERT_PATH);
        } else if (signing.has("startSigningJobParameter")) {
            try {
                signature = Base64.getEncoder().encodeToString(signer.sign(objects.readAll(s3.bucket(), s3.key())));
            } catch (IOException e) {
                throw new AwsServiceException(AwsErrorKind.INTERNAL_FAILURE, "The file could not be read for "
                        + "signing: " + e.getMessage(), e);
            }
            certFile = signing.path("startSigningJobParameter").path("signingProfileParameter")
                    .path("certificatePathOnDevice").asText(DEFAULT_CERT_PATH);
        }
        return new Planned(f, s3, size, signature, certFile);
    }

    private String document(List<String> protocols, String streamId, List<Planned> files) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode ota = root.putObject("afr_ota");
        ota.set("protocols", JSON.valueToTree(protocols));
        if (streamId != null) {
            ota.put("streamname", streamId);
        }
        ArrayNode out = ota.putArray("files");
        for (int i = 0; i < files.size(); i++) {
            Planned p = files.get(i);
            ObjectNode f = out.addObject().put("filepath", p.request().path("fileName").asText("app_ota"))
                    .put("filesize", p.size()).put("fileid", i).put("certfile", p.certFile());
            if (p.request().has("fileType")) {
                f.put("fileType", p.request().path("fileType").asInt());
            }
            if (protocols.contains("HTTP")) {
                f.put("update_data_url", "${aws:iot:s3-presigned-url:" + p.location().url(registry.region()) + "}")
                        .put("auth_scheme", "aws.s3.presigned");
            }
            if (p.signature() != null) {
                f.put("sig-sha256-ecdsa", p.signature());
            }
            if (p.request().has("attributes")) {
                f.set("attr", p.request().get("attributes"));
            }
            if (p.request().has("fileVersion")) {
                f.put("fileVersion", p.request().path("fileVersion").asText());
            }
        }
        return root.toString();
    }

    /** CreateOTAUpdate's {@code awsJobAbortConfig} ({@code abortCriteriaList}) as CreateJob's {@code abortConfig}. */
    static JsonNode jobAbortConfig(JsonNode awsJobAbortConfig) {
        if (awsJobAbortConfig == null || awsJobAbortConfig.isNull()) {
            return null;
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("criteriaList", awsJobAbortConfig.get("abortCriteriaList"));
        return out;
    }

    private ObjectNode existing(String otaUpdateId) {
        ObjectNode info = otaUpdateId == null ? null : updates.get(otaUpdateId);
        if (info == null) {
            throw new AwsServiceException(AwsErrorKind.RESOURCE_NOT_FOUND, "The OTA update " + otaUpdateId
                    + " does not exist.");
        }
        return info;
    }

    private String arn(String otaUpdateId) {
        return "arn:aws:iot:" + registry.region() + ":" + registry.accountId() + ":otaupdate/" + otaUpdateId;
    }

    private static AwsServiceException invalid(String message) {
        return new AwsServiceException(AwsErrorKind.INVALID_REQUEST, message);
    }
}
