package io.iotworkbench.localcore.ota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.store.LocalCoreDatabase;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * AWS IoT streams (MQTT-based file delivery's control plane): CreateStream, UpdateStream, DescribeStream, ListStreams,
 * DeleteStream in AWS's shapes. A stream lists up to 10 files, each a {@code fileId} (0–255) and an S3 location in
 * the {@link ObjectStore}, which must exist when the stream is created (AWS checks its role can read it). Each change
 * is stored before it is answered; UpdateStream raises {@code streamVersion}.
 *
 * <p>Thread-safe: every call holds this object's lock (calls are rare and short; MQTT delivery reads
 * {@link #find} under it too).
 */
public final class StreamsService {

    private static final Pattern STREAM_ID = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    /** AWS: a stream has 1 to 10 files; file ids are 0–255. */
    public static final int MAX_FILES = 10;
    public static final int MAX_FILE_ID = 255;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file of a stream, as delivery needs it. */
    public record StreamFile(int fileId, S3Location location) {
    }

    /** A stream, as delivery needs it. */
    public record Stream(String streamId, int version, String description, Map<Integer, S3Location> files) {
    }

    private final JsonRows rows;
    private final ObjectStore objects;
    private final Registry registry;
    private final Clock clock;
    private final Map<String, ObjectNode> streams = new TreeMap<>();

    public StreamsService(LocalCoreDatabase database, ObjectStore objects, Registry registry, Clock clock)
            throws SQLException {
        this.rows = new JsonRows(database, "ota_streams");
        this.objects = objects;
        this.registry = registry;
        this.clock = clock;
        streams.putAll(rows.load());
    }

    public synchronized ObjectNode createStream(String streamId, String description, List<StreamFile> files,
                                                String roleArn) {
        checkId(streamId);
        if (streams.containsKey(streamId)) {
            throw new AwsServiceException(AwsErrorKind.RESOURCE_ALREADY_EXISTS,
                    "The stream " + streamId + " already exists.");
        }
        BigDecimal now = now();
        ObjectNode info = JSON.createObjectNode().put("streamId", streamId).put("streamArn", arn(streamId))
                .put("streamVersion", 1);
        if (description != null) {
            info.put("description", description);
        }
        info.set("files", filesNode(files));
        info.put("createdAt", now).put("lastUpdatedAt", now);
        if (roleArn != null) {
            info.put("roleArn", roleArn);
        }
        store(streamId, info);
        return summary(info);
    }

    public synchronized ObjectNode updateStream(String streamId, String description, List<StreamFile> files,
                                                String roleArn) {
        ObjectNode info = existing(streamId).deepCopy();
        if (description != null) {
            info.put("description", description);
        }
        if (files != null && !files.isEmpty()) {
            info.set("files", filesNode(files));
        }
        if (roleArn != null) {
            info.put("roleArn", roleArn);
        }
        info.put("streamVersion", info.path("streamVersion").asInt() + 1).put("lastUpdatedAt", now());
        store(streamId, info);
        return summary(info);
    }

    public synchronized ObjectNode describeStream(String streamId) {
        ObjectNode info = existing(streamId).deepCopy();
        ObjectNode out = JSON.createObjectNode();
        out.set("streamInfo", info);
        return out;
    }

    /** ListStreams, by stream id ({@code ascendingOrder}; descending otherwise). */
    public synchronized ObjectNode listStreams(Integer maxResults, String nextToken, boolean ascending) {
        int size = maxResults == null ? 250 : maxResults;
        if (size < 1 || size > 250) {
            throw invalid("maxResults must be between 1 and 250.");
        }
        List<ObjectNode> all = new ArrayList<>(streams.values());
        if (!ascending) {
            Collections.reverse(all);
        }
        int start = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            try {
                start = Integer.parseInt(nextToken);
            } catch (NumberFormatException e) {
                throw invalid("The nextToken is not one this service gave.");
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("streams");
        for (int i = start; i < Math.min(all.size(), start + size); i++) {
            ObjectNode s = all.get(i);
            ObjectNode item = list.addObject().put("streamId", s.path("streamId").asText())
                    .put("streamArn", s.path("streamArn").asText())
                    .put("streamVersion", s.path("streamVersion").asInt());
            if (s.hasNonNull("description")) {
                item.put("description", s.path("description").asText());
            }
        }
        if (start + size < all.size()) {
            out.put("nextToken", String.valueOf(start + size));
        }
        return out;
    }

    public synchronized void deleteStream(String streamId) {
        existing(streamId);
        try {
            rows.delete(streamId);
        } catch (SQLException e) {
            throw new AwsServiceException(AwsErrorKind.INTERNAL_FAILURE, "The stream could not be deleted: "
                    + e.getMessage(), e);
        }
        streams.remove(streamId);
    }

    /** The stream for delivery, if it exists. */
    public synchronized Optional<Stream> find(String streamId) {
        ObjectNode info = streams.get(streamId);
        if (info == null) {
            return Optional.empty();
        }
        Map<Integer, S3Location> files = new LinkedHashMap<>();
        info.path("files").forEach(f -> files.put(f.path("fileId").asInt(), new S3Location(
                f.path("s3Location").path("bucket").asText(), f.path("s3Location").path("key").asText())));
        return Optional.of(new Stream(streamId, info.path("streamVersion").asInt(),
                info.path("description").asText(""), files));
    }

    /** Reads the {@code files} of a CreateStream / UpdateStream body (or CreateOTAUpdate's, made into stream files). */
    public static List<StreamFile> readFiles(JsonNode files) {
        List<StreamFile> out = new ArrayList<>();
        if (files == null || files.isNull()) {
            return out;
        }
        if (!files.isArray()) {
            throw invalid("files must be a list.");
        }
        for (JsonNode f : files) {
            JsonNode s3 = f.path("s3Location");
            if (!f.hasNonNull("fileId") || !s3.hasNonNull("bucket") || !s3.hasNonNull("key")) {
                throw invalid("Each stream file needs a fileId and an s3Location with bucket and key.");
            }
            out.add(new StreamFile(f.path("fileId").asInt(), new S3Location(s3.path("bucket").asText(),
                    s3.path("key").asText())));
        }
        return out;
    }

    private ArrayNode filesNode(List<StreamFile> files) {
        if (files == null || files.isEmpty() || files.size() > MAX_FILES) {
            throw invalid("A stream has 1 to " + MAX_FILES + " files.");
        }
        ArrayNode out = JSON.createArrayNode();
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (StreamFile f : files) {
            if (f.fileId() < 0 || f.fileId() > MAX_FILE_ID) {
                throw invalid("fileId " + f.fileId() + " is outside 0 to " + MAX_FILE_ID + ".");
            }
            if (!ids.add(f.fileId())) {
                throw invalid("fileId " + f.fileId() + " appears twice.");
            }
            ObjectStore.problem(f.location().bucket(), f.location().key()).ifPresent(p -> {
                throw invalid(p);
            });
            if (objects.info(f.location().bucket(), f.location().key()).isEmpty()) {
                throw invalid("The file s3://" + f.location().bucket() + "/" + f.location().key()
                        + " is not in the Local IoT Core's object store.");
            }
            ObjectNode n = out.addObject().put("fileId", f.fileId());
            n.putObject("s3Location").put("bucket", f.location().bucket()).put("key", f.location().key());
        }
        return out;
    }

    private void store(String streamId, ObjectNode info) {
        try {
            rows.put(streamId, info);
        } catch (SQLException e) {
            throw new AwsServiceException(AwsErrorKind.INTERNAL_FAILURE, "The stream could not be stored: "
                    + e.getMessage(), e);
        }
        streams.put(streamId, info);
    }

    private ObjectNode existing(String streamId) {
        ObjectNode info = streamId == null ? null : streams.get(streamId);
        if (info == null) {
            throw new AwsServiceException(AwsErrorKind.RESOURCE_NOT_FOUND, "The stream " + streamId
                    + " does not exist.");
        }
        return info;
    }

    private static ObjectNode summary(ObjectNode info) {
        ObjectNode out = JSON.createObjectNode().put("streamId", info.path("streamId").asText())
                .put("streamArn", info.path("streamArn").asText());
        if (info.hasNonNull("description")) {
            out.put("description", info.path("description").asText());
        }
        return out.put("streamVersion", info.path("streamVersion").asInt());
    }

    private static void checkId(String streamId) {
        if (streamId == null || !STREAM_ID.matcher(streamId).matches()) {
            throw invalid("The stream id '" + streamId + "' is not valid: use 1 to 128 letters, digits, _ and -.");
        }
    }

    public String arn(String streamId) {
        return "arn:aws:iot:" + registry.region() + ":" + registry.accountId() + ":stream/" + streamId;
    }

    private BigDecimal now() {
        return BigDecimal.valueOf(clock.millis()).movePointLeft(3);
    }

    static AwsServiceException invalid(String message) {
        return new AwsServiceException(AwsErrorKind.INVALID_REQUEST, message);
    }
}
