package io.iotworkbench.localcore.ota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.localcore.MessagePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS IoT's MQTT-based file delivery, the device side: answers {@code $aws/things/<thing>/streams/<stream>/get/
 * {json|cbor}} with one message per block on {@code …/data/{json|cbor}} ({@code c}, {@code f}, {@code l}, {@code i},
 * {@code p}; {@code p} is base64 in JSON and a byte string in CBOR) and {@code …/describe/…} with
 * {@code …/description/…} ({@code c}, {@code s}, {@code d}, {@code r[{f, z}]}); refusals go to
 * {@code …/rejected/…} as {@code {"o": code, "m": message, "c": token}}. AWS's limits: block size 256–131,072 bytes
 * (BlockSizeOutOfBounds), offset 0–98,304 (OffsetOutOfBounds), {@code n} 0–98,304 (BlockCountLimitExceeded), a bitmap
 * under 12,288 bytes (BlockBitmapLimitExceeded), client token ≤ 64 bytes (InvalidRequest), {@code s} must match the
 * stream's version (VersionMismatch); one request is answered with at most 128 KB of blocks, the device asks again
 * for the rest. Replies are published to the topic at QoS 1 (each subscriber gets its subscription's QoS), so
 * the broker applies subscriptions and IoT policies.
 *
 * <p>Faults for demos and tests come from {@link OtaFaults}.
 *
 * <p>Threading: {@link #onClientPublish} is called on network threads and only queues; requests are answered in
 * order on one daemon thread {@code ota-streams} from a bounded queue (a full queue drops the request and counts it,
 * as AWS throttles; the device retries).
 */
public final class StreamDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamDelivery.class);
    private static final Pattern TOPIC = Pattern.compile(
            "\\$aws/things/([^/]+)/streams/([^/]+)/(get|describe)/(json|cbor)");
    public static final int MIN_BLOCK = 256;
    public static final int MAX_BLOCK = 131_072;
    public static final int MAX_OFFSET = 98_304;
    public static final int MAX_BLOCKS = 98_304;
    public static final int MAX_BITMAP_BYTES = 12_288;
    /** The most block bytes one request is answered with (AWS's 128 KB per GetStream request). */
    public static final int MAX_BYTES_PER_REQUEST = 131_072;
    static final int QUEUE_CAPACITY = 10_000;

    private final StreamsService streams;
    private final ObjectStore objects;
    private final MessagePublisher publisher;
    private final Consumer<String> disconnectCertificate;
    private final ObjectMapper json = new ObjectMapper();
    private final CBORMapper cbor = new CBORMapper();
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), DaemonThreads.named("ota-streams"));
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong blocksSent = new AtomicLong();
    private final OtaFaults faults;

    /**
     * @param disconnectCertificate drops the connections of a certificate (the dropped-connection fault)
     */
    public StreamDelivery(StreamsService streams, ObjectStore objects, MessagePublisher publisher,
                          Consumer<String> disconnectCertificate, OtaFaults faults) {
        this.faults = faults;
        this.streams = streams;
        this.objects = objects;
        this.publisher = publisher;
        this.disconnectCertificate = disconnectCertificate;
    }

    /** A client published: stream requests are queued, anything else is ignored. Never blocks. */
    public void onClientPublish(String certificateId, String topic, byte[] payload) {
        if (!topic.startsWith("$aws/things/") || !topic.contains("/streams/")) {
            return;
        }
        Matcher m = TOPIC.matcher(topic);
        if (!m.matches()) {
            return;
        }
        Request r = new Request(m.group(1), m.group(2), m.group(3).equals("get"), m.group(4).equals("cbor"),
                payload, certificateId);
        try {
            worker.execute(() -> answerSafely(r));
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
        }
    }

    private record Request(String thing, String stream, boolean get, boolean cbor, byte[] payload,
                           String certificateId) {
        String topic(String kind) {
            return "$aws/things/" + thing + "/streams/" + stream + "/" + kind + "/" + (cbor ? "cbor" : "json");
        }
    }

    /** A refusal in the service's terms. */
    private static final class Refused extends Exception {
        private final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private void answerSafely(Request r) {
        String token = null;
        try {
            JsonNode body;
            try {
                body = r.payload().length == 0 ? json.createObjectNode()
                        : (r.cbor() ? cbor.readTree(r.payload()) : json.readTree(r.payload()));
            } catch (IOException e) {
                throw new Refused(r.cbor() ? "InvalidCbor" : "InvalidJson", "The stream request is not valid "
                        + (r.cbor() ? "CBOR." : "JSON."));
            }
            if (body == null || !body.isObject()) {
                throw new Refused("InvalidRequest", "The stream request is not an object.");
            }
            JsonNode c = body.get("c");
            if (c != null && !c.isNull()) {
                if (c.asText().getBytes(StandardCharsets.UTF_8).length > 64) {
                    throw new Refused("InvalidRequest", "The client token is longer than 64 bytes.");
                }
                token = c.asText();
            }
            StreamsService.Stream stream = streams.find(r.stream()).orElseThrow(() ->
                    new Refused("ResourceNotFound", "The stream " + r.stream() + " does not exist."));
            if (r.get()) {
                get(r, body, stream, token);
            } else {
                describe(r, stream, token);
            }
        } catch (Refused e) {
            reject(r, e.code, e.getMessage(), token);
        } catch (RuntimeException | IOException e) {
            LOG.warn("Stream request on {} failed: {}", r.topic(r.get() ? "get" : "describe"), e.toString());
            reject(r, "InternalError", "The stream request failed: " + e.getMessage(), token);
        }
    }

    private void describe(Request r, StreamsService.Stream stream, String token) throws IOException {
        ObjectNode out = json.createObjectNode();
        if (token != null) {
            out.put("c", token);
        }
        out.put("s", stream.version()).put("d", stream.description());
        var files = out.putArray("r");
        for (var e : stream.files().entrySet()) {
            long size = objects.info(e.getValue().bucket(), e.getValue().key()).map(ObjectStore.ObjectInfo::size)
                    .orElse(0L);
            files.addObject().put("f", e.getKey()).put("z", size);
        }
        send(r, "description", out);
    }

    private void get(Request r, JsonNode body, StreamsService.Stream stream, String token)
            throws Refused, IOException {
        if (body.hasNonNull("s") && body.get("s").asInt() != stream.version()) {
            throw new Refused("VersionMismatch", "The stream version is " + stream.version() + ", not "
                    + body.get("s").asInt() + ".");
        }
        if (!body.hasNonNull("f") || !body.hasNonNull("l")) {
            throw new Refused("InvalidRequest", "A GetStream request needs f (file id) and l (block size).");
        }
        int fileId = body.get("f").asInt();
        long blockSize = body.get("l").asLong();
        long offset = body.path("o").asLong(0);
        long count = body.hasNonNull("n") ? body.get("n").asLong() : 0;
        if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK) {
            throw new Refused("BlockSizeOutOfBounds", "The block size must be " + MIN_BLOCK + " to " + MAX_BLOCK
                    + " bytes.");
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new Refused("OffsetOutOfBounds", "The block offset must be 0 to " + MAX_OFFSET + ".");
        }
        if (count < 0 || count > MAX_BLOCKS) {
            throw new Refused("BlockCountLimitExceeded", "The number of blocks must be 0 to " + MAX_BLOCKS + ".");
        }
        byte[] bitmap = bitmap(body.get("b"), r.cbor());
        if (bitmap != null && bitmap.length >= MAX_BITMAP_BYTES) {
            throw new Refused("BlockBitmapLimitExceeded", "The bitmap must be smaller than " + MAX_BITMAP_BYTES
                    + " bytes.");
        }
        S3Location location = stream.files().get(fileId);
        if (location == null) {
            throw new Refused("ResourceNotFound", "The stream " + r.stream() + " has no file " + fileId + ".");
        }
        Optional<ObjectStore.ObjectInfo> info = objects.info(location.bucket(), location.key());
        if (info.isEmpty()) {
            throw new Refused("ResourceNotFound", "The file of stream " + r.stream() + " is gone.");
        }
        long blocksInFile = (info.get().size() + blockSize - 1) / blockSize;
        if (offset >= blocksInFile) {
            throw new Refused("OffsetOutOfBounds", "The file has " + blocksInFile + " blocks of " + blockSize
                    + " bytes; block " + offset + " is past its end.");
        }
        long perRequest = MAX_BYTES_PER_REQUEST / blockSize;
        long limit = Math.min(count == 0 ? perRequest : count, perRequest);
        List<Long> blocks = new ArrayList<>();
        if (bitmap != null) {
            for (int bit = 0; bit < bitmap.length * 8 && blocks.size() < limit; bit++) {
                if ((bitmap[bit / 8] & (1 << (bit % 8))) != 0 && offset + bit < blocksInFile) {
                    blocks.add(offset + bit);
                }
            }
        } else {
            for (long i = offset; i < blocksInFile && blocks.size() < limit; i++) {
                blocks.add(i);
            }
        }
        for (long index : blocks) {
            byte[] data = faults.maybeCorrupt(objects.read(location.bucket(), location.key(), index * blockSize,
                    (int) blockSize));
            ObjectNode out = json.createObjectNode();
            if (token != null) {
                out.put("c", token);
            }
            out.put("f", fileId).put("l", data.length).put("i", index);
            if (r.cbor()) {
                out.put("p", data);
            } else {
                out.put("p", Base64.getEncoder().encodeToString(data));
            }
            send(r, "data", out);
            blocksSent.incrementAndGet();
            if (faults.dropNow()) {
                if (r.certificateId() != null) {
                    disconnectCertificate.accept(r.certificateId());
                }
                return;
            }
        }
    }

    private static byte[] bitmap(JsonNode b, boolean fromCbor) throws Refused {
        if (b == null || b.isNull()) {
            return null;
        }
        try {
            if (b.isBinary()) {
                return b.binaryValue();
            }
            String s = b.asText();
            if (s.startsWith("0x") || s.startsWith("0X")) {
                String hex = s.substring(2);
                return HexFormat.of().parseHex(hex.length() % 2 == 1 ? "0" + hex : hex);
            }
            return Base64.getDecoder().decode(s);
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused("InvalidRequest", "The bitmap b is not " + (fromCbor ? "a byte string." : "valid."));
        }
    }

    private void reject(Request r, String code, String message, String token) {
        ObjectNode out = json.createObjectNode().put("o", code).put("m", message);
        if (token != null) {
            out.put("c", token);
        }
        try {
            send(r, "rejected", out);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send a stream rejection: {}", e.toString());
        }
    }

    private void send(Request r, String kind, ObjectNode body) throws IOException {
        byte[] payload = r.cbor() ? cbor.writeValueAsBytes(body) : json.writeValueAsBytes(body);
        publisher.publish(r.topic(kind), payload, 1, false);
    }

    /** Blocks sent since start. */
    public long blocksSent() {
        return blocksSent.get();
    }

    /** Requests dropped because the queue was full. */
    public long droppedRequests() {
        return dropped.get();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
