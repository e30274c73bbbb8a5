package io.iotworkbench.localcore.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.serial.flash.WmImage;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The OTA agent of a virtual WM device, following the WM SDK's {@code ota_demo_core_http} (and, with
 * {@link Protocol#MQTT}, the AWS OTA library's MQTT data path): it connects as its thing, waits for a job on
 * {@code notify-next} (asking {@code $next/get} at start), downloads the {@code afr_ota} file with ranged GETs of the
 * presigned URL (asking for the job document again on 403 or a failed connection, and resuming from the block it
 * reached) or with stream requests ({@code get/cbor} with a bitmap of missing blocks), reports progress in
 * {@code statusDetails} (a protocol the job does not offer gives way to the one it does), checks the image (WM
 * magic, header and body CRC), its {@code sig-sha256-ecdsa} signature against the trusted code-signing certificate
 * and that it is newer than what runs ({@link OtaImageCheck}), installs it and reboots ({@link Firmware}), and after
 * the reboot runs the self-test and reports SUCCEEDED ({@code self_test: active}).
 * A corrupt image or a bad signature is FAILED, an unsigned image or a downgrade REJECTED, each with its
 * {@code reason}.
 *
 * <p>Threading: one daemon thread {@code ota-agent-<thing>} runs the whole flow; Paho's threads only queue messages
 * (bounded; a full queue drops, the agent asks again).
 */
public final class OtaAgent implements AutoCloseable {

    /** How the image travels. */
    public enum Protocol { HTTP, MQTT }

    /** What the agent updates: the firmware of the board it runs on. */
    public interface Firmware {
        /** The running application's version. */
        String version();

        /** Writes {@code image} to the {@code app_ota} area and reboots into it; returns when it runs. */
        void install(WmImage image) throws IOException;

        /** A log line of the OTA demo ({@code level} is the WM letter: E, W, I, D). */
        void log(char level, String message);

        /**
         * The agent reported a final status for {@code jobId} (SUCCEEDED after the self-test, FAILED or REJECTED)
         * and the service took it; called on the agent's thread. The default does nothing.
         */
        default void jobFinished(String jobId, String status) {
        }
    }

    /**
     * Where to connect and what to trust.
     *
     * @param codeSigners certificates whose keys may sign images (the device's {@code certfile})
     * @param blockSize   bytes per ranged GET or stream block (the OTA library's default is 4 KB)
     * @param progressEvery report progress every this many blocks
     */
    public record Settings(String thingName, String host, int port, Path certificateFile, Path privateKeyFile,
                           Path rootCaFile, List<X509Certificate> codeSigners, Protocol protocol, int blockSize,
                           int progressEvery) {

        public Settings withProtocol(Protocol p) {
            return new Settings(thingName, host, port, certificateFile, privateKeyFile, rootCaFile, codeSigners, p,
                    blockSize, progressEvery);
        }
    }

    private record Incoming(String topic, byte[] payload) {
    }

    private static final int MAX_FAILURES = 60;
    private static final Duration REPLY_WAIT = Duration.ofSeconds(20);

    private final Settings settings;
    private final Firmware firmware;
    private final ObjectMapper json = new ObjectMapper();
    private final CBORMapper cbor = new CBORMapper();
    private final BlockingQueue<Incoming> inbox = new ArrayBlockingQueue<>(4096);
    private final Map<String, Consumer<Incoming>> blockSinks = new ConcurrentHashMap<>();
    private final Set<String> ignored = ConcurrentHashMap.newKeySet();
    private final String jobs;
    private final Thread thread;
    private volatile boolean closed;
    private boolean notified;
    private final java.util.concurrent.CountDownLatch stopping = new java.util.concurrent.CountDownLatch(1);
    private volatile MqttAsyncClient client;
    private volatile String lastOutcome = "";
    private HttpClient http;

    public OtaAgent(Settings settings, Firmware firmware) {
        this.settings = settings;
        this.firmware = firmware;
        this.jobs = "$aws/things/" + settings.thingName() + "/jobs/";
        this.thread = DaemonThreads.create("ota-agent-" + settings.thingName(), this::runSafely);
    }

    public void start() {
        thread.start();
    }

    /** The last job outcome the agent reported, e.g. {@code SUCCEEDED AFR_OTA-x} (for tests and the console). */
    public String lastOutcome() {
        return lastOutcome;
    }

    private void runSafely() {
        try {
            connect();
            while (!closed) {
                JsonNode execution = nextExecution();
                if (execution == null) {
                    waitForNotify();
                    continue;
                }
                handle(execution);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!closed) {
                firmware.log('E', "OTA agent stopped: " + e.getMessage());
            }
        }
    }

    private void connect() throws Exception {
        SSLContext ctx = TlsContexts.clientContext(PemFiles.readCertificates(settings.certificateFile()),
                PemFiles.readPrivateKey(settings.privateKeyFile()), PemFiles.readCertificates(settings.rootCaFile()));
        http = HttpClient.newBuilder().sslContext(TlsContexts.clientContext(List.of(), null,
                PemFiles.readCertificates(settings.rootCaFile()))).connectTimeout(Duration.ofSeconds(10)).build();
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(TlsContexts.socketFactory(ctx, settings.host(), settings.port()));
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(2_000);
        options.setKeepAliveInterval(60);
        options.setMaxInflight(1000);
        MqttAsyncClient c = new MqttAsyncClient("ssl://" + settings.host() + ":" + settings.port(),
                settings.thingName(), new MemoryPersistence());
        c.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    firmware.log('W', "MQTT connection re-established; subscribing again.");
                    subscribe(c);
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                firmware.log('W', "MQTT connection lost; reconnecting.");
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                // subscriptions have their own listener
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                // nothing to do
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                c.connect(options).waitForCompletion(15_000);
                break;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline || closed) {
                    throw e;
                }
                pause();
            }
        }
        client = c;
        subscribe(c);
        firmware.log('I', "OTA agent connected to " + settings.host() + ":" + settings.port() + " as "
                + settings.thingName() + " (" + settings.protocol() + "), running version " + firmware.version());
    }

    private void subscribe(MqttAsyncClient c) {
        IMqttMessageListener l = (topic, m) -> onMessage(topic, m.getPayload());
        String streams = "$aws/things/" + settings.thingName() + "/streams/+/";
        try {
            c.subscribe(new String[] {jobs + "notify-next", jobs + "+/get/+", jobs + "+/update/+",
                streams + "data/cbor", streams + "rejected/cbor"}, new int[] {1, 1, 1, 1, 1}, null, null,
                    new IMqttMessageListener[] {l, l, l, l, l});
        } catch (MqttException e) {
            firmware.log('E', "subscribe failed: " + e.getMessage());
        }
    }

    private void onMessage(String topic, byte[] payload) {
        Incoming in = new Incoming(topic, payload);
        Consumer<Incoming> sink = topic.contains("/streams/") ? blockSinks.get("stream") : null;
        if (sink != null) {
            sink.accept(in);
            return;
        }
        if (!inbox.offer(in)) {
            firmware.log('W', "OTA agent inbox full; a message was dropped.");
        }
    }

    /** Publishes a jobs request and waits for its accepted/rejected reply; null when none came in time. */
    private JsonNode request(String api, ObjectNode body) throws InterruptedException {
        String token = java.util.UUID.randomUUID().toString();
        body.put("clientToken", token);
        for (int attempt = 0; attempt < 3 && !closed; attempt++) {
            try {
                client.publish(jobs + api, json.writeValueAsBytes(body), 1, false);
            } catch (MqttException | IOException e) {
                pause();
                continue;
            }
            long deadline = System.nanoTime() + REPLY_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Incoming in = inbox.poll(200, TimeUnit.MILLISECONDS);
                if (in == null) {
                    continue;
                }
                if (in.topic().equals(jobs + "notify-next")) {
                    notified = true; // waitForNotify returns at once
                    continue;
                }
                JsonNode reply = parse(in.payload());
                if (reply != null && token.equals(reply.path("clientToken").asText())) {
                    return in.topic().endsWith("/rejected") ? json.createObjectNode().put("rejected", true)
                            .set("error", reply) : reply;
                }
            }
        }
        return null;
    }

    private JsonNode parse(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }

    private JsonNode nextExecution() throws InterruptedException {
        notified = false;
        JsonNode reply = request("$next/get", json.createObjectNode());
        if (reply == null || reply.has("rejected")) {
            return null;
        }
        JsonNode execution = reply.get("execution");
        if (execution == null || ignored.contains(execution.path("jobId").asText())) {
            return null;
        }
        return execution;
    }

    private void waitForNotify() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!closed && !notified && System.nanoTime() < deadline) {
            Incoming in = inbox.poll(200, TimeUnit.MILLISECONDS);
            if (in != null && in.topic().equals(jobs + "notify-next")) {
                return;
            }
        }
    }

    private void handle(JsonNode execution) throws InterruptedException {
        String jobId = execution.path("jobId").asText();
        JsonNode document = execution.path("jobDocument");
        JsonNode file = document.path("afr_ota").path("files").path(0);
        if (file.isMissingNode()) {
            ignored.add(jobId);
            return;
        }
        JsonNode details = execution.path("statusDetails");
        if ("ready".equals(details.path("self_test").asText())) {
            selfTest(jobId, details.path("updatedBy").asText());
            return;
        }
        Protocol protocol = settings.protocol();
        JsonNode offered = document.path("afr_ota").path("protocols");
        if (offered.isArray() && !offered.isEmpty() && !offered.toString().contains("\"" + protocol + "\"")) {
            protocol = protocol == Protocol.HTTP ? Protocol.MQTT : Protocol.HTTP;
        }
        firmware.log('I', "Received OTA job " + jobId + ": " + file.path("filepath").asText() + ", "
                + file.path("filesize").asLong() + " bytes over " + protocol + ".");
        try {
            byte[] data = protocol == Protocol.HTTP ? downloadHttp(jobId, document, file)
                    : downloadMqtt(jobId, document, file);
            firmware.log('I', "Downloaded " + data.length + " bytes; checking the image.");
            WmImage image = OtaImageCheck.check(data, file, settings.codeSigners(), firmware.version());
            String version = image.header().version();
            ObjectNode ready = json.createObjectNode().put("self_test", "ready").put("updatedBy", version)
                    .put("progress", "100%");
            update(jobId, "IN_PROGRESS", ready);
            firmware.log('I', "Image " + version + " written to app_ota; rebooting.");
            firmware.install(image);
            firmware.log('I', "Rebooted into " + firmware.version() + ".");
        } catch (OtaFailure o) {
            firmware.log('E', "OTA job " + jobId + " " + o.status() + ": " + o.getMessage());
            update(jobId, o.status(), json.createObjectNode().put("reason", o.getMessage()));
            lastOutcome = o.status() + " " + jobId + ": " + o.getMessage();
            firmware.jobFinished(jobId, o.status());
        } catch (IOException e) {
            update(jobId, "FAILED", json.createObjectNode().put("reason", "install failed: " + e.getMessage()));
            lastOutcome = "FAILED " + jobId + ": " + e.getMessage();
            firmware.jobFinished(jobId, "FAILED");
        }
    }

    private void selfTest(String jobId, String expected) throws InterruptedException {
        String running = firmware.version();
        firmware.log('I', "Self-test of " + running + " for job " + jobId + ".");
        if (running.equals(expected)) {
            update(jobId, "SUCCEEDED", json.createObjectNode().put("self_test", "active").put("updatedBy", running)
                    .put("reason", "accepted v" + running));
            lastOutcome = "SUCCEEDED " + jobId + ": " + running;
            firmware.log('I', "OTA job " + jobId + " SUCCEEDED: running " + running + ".");
            firmware.jobFinished(jobId, "SUCCEEDED");
        } else {
            update(jobId, "FAILED", json.createObjectNode().put("reason", "self-test failed: running " + running
                    + ", expected " + expected));
            lastOutcome = "FAILED " + jobId + ": self-test";
            firmware.jobFinished(jobId, "FAILED");
        }
    }

    private void update(String jobId, String status, ObjectNode details) throws InterruptedException {
        ObjectNode body = json.createObjectNode().put("status", status);
        body.set("statusDetails", details);
        JsonNode reply = request(jobId + "/update", body);
        if (reply == null || reply.has("rejected")) {
            firmware.log('W', "Job update " + status + " of " + jobId + " was not accepted: " + reply);
        }
    }

    private void progress(String jobId, long blocks, long total) throws InterruptedException {
        update(jobId, "IN_PROGRESS", json.createObjectNode().put("progress", (blocks * 100 / Math.max(1, total))
                + "%").put("blocks", blocks + "/" + total));
        firmware.log('I', "Received block " + blocks + " of " + total + ".");
    }

    private byte[] downloadHttp(String jobId, JsonNode document, JsonNode file)
            throws OtaFailure, InterruptedException {
        long size = file.path("filesize").asLong();
        String url = file.path("update_data_url").asText(null);
        if (url == null || url.startsWith("${")) {
            throw new OtaFailure("FAILED", "the job document has no download URL");
        }
        int block = settings.blockSize();
        long total = (size + block - 1) / block;
        byte[] out = new byte[(int) size];
        int failures = 0;
        long next = 0;
        while (next < total && !closed) {
            long from = next * block;
            long to = Math.min(size, from + block) - 1;
            int status;
            byte[] body = null;
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30)).header("Range", "bytes=" + from + "-" + to).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                status = r.statusCode();
                body = r.body();
            } catch (IOException e) {
                status = -1;
            }
            if (status == 206 && body.length == to - from + 1) {
                System.arraycopy(body, 0, out, (int) from, body.length);
                next++;
                failures = 0;
                if (next % settings.progressEvery() == 0 && next < total) {
                    progress(jobId, next, total);
                }
                continue;
            }
            if (++failures > MAX_FAILURES) {
                throw new OtaFailure("FAILED", "download failed at block " + next + " (HTTP " + status + ")");
            }
            firmware.log('W', (status < 0 ? "Connection failed" : "HTTP " + status) + " at block " + next
                    + "; requesting the job document again.");
            if (status < 0) {
                pause();
            }
            String fresh = freshUrl(jobId);
            if (fresh != null) {
                url = fresh;
            }
        }
        return out;
    }

    private String freshUrl(String jobId) throws InterruptedException {
        JsonNode reply = request(jobId + "/get", json.createObjectNode().put("includeJobDocument", true));
        if (reply == null || reply.has("rejected")) {
            return null;
        }
        return reply.path("execution").path("jobDocument").path("afr_ota").path("files").path(0)
                .path("update_data_url").asText(null);
    }

    private byte[] downloadMqtt(String jobId, JsonNode document, JsonNode file)
            throws OtaFailure, InterruptedException {
        String stream = document.path("afr_ota").path("streamname").asText(null);
        if (stream == null) {
            throw new OtaFailure("FAILED", "the job document names no stream");
        }
        long size = file.path("filesize").asLong();
        int fileId = file.path("fileid").asInt();
        int block = settings.blockSize();
        int total = (int) ((size + block - 1) / block);
        byte[] out = new byte[(int) size];
        BitSet have = new BitSet(total);
        BlockingQueue<Incoming> blocks = new ArrayBlockingQueue<>(1024);
        blockSinks.put("stream", blocks::offer);
        String topic = "$aws/things/" + settings.thingName() + "/streams/" + stream + "/get/cbor";
        int perRequest = Math.max(1, 131_072 / block);
        int failures = 0;
        long reported = 0;
        try {
            while (have.cardinality() < total && !closed) {
                int first = have.nextClearBit(0);
                byte[] bitmap = new byte[(perRequest + 7) / 8];
                int asked = 0;
                for (int i = first; i < total && i < first + perRequest; i++) {
                    if (!have.get(i)) {
                        bitmap[(i - first) / 8] |= (byte) (1 << ((i - first) % 8));
                        asked++;
                    }
                }
                ObjectNode req = cbor.createObjectNode().put("c", "ota").put("f", fileId).put("l", block)
                        .put("o", first).put("n", perRequest).put("b", bitmap);
                try {
                    client.publish(topic, cbor.writeValueAsBytes(req), 0, false);
                } catch (MqttException | IOException e) {
                    if (++failures > MAX_FAILURES) {
                        throw new OtaFailure("FAILED", "stream request failed: " + e.getMessage());
                    }
                    pause();
                    continue;
                }
                int got = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (got < asked && System.nanoTime() < deadline) {
                    Incoming in = blocks.poll(200, TimeUnit.MILLISECONDS);
                    if (in == null) {
                        continue;
                    }
                    JsonNode m;
                    try {
                        m = cbor.readTree(in.payload());
                    } catch (IOException e) {
                        continue;
                    }
                    if (in.topic().endsWith("/rejected/cbor")) {
                        throw new OtaFailure("FAILED", "the stream refused: " + m.path("o").asText() + " "
                                + m.path("m").asText());
                    }
                    int i = m.path("i").asInt();
                    byte[] p;
                    try {
                        p = m.path("p").binaryValue();
                    } catch (IOException e) {
                        continue;
                    }
                    if (i >= 0 && i < total && !have.get(i) && p != null) {
                        System.arraycopy(p, 0, out, i * block, Math.min(p.length, out.length - i * block));
                        have.set(i);
                        got++;
                    }
                }
                if (got == 0) {
                    if (++failures > MAX_FAILURES) {
                        throw new OtaFailure("FAILED", "no stream blocks arrived (block " + first + ")");
                    }
                    firmware.log('W', "No blocks for " + first + "; asking again.");
                } else {
                    failures = 0;
                }
                long now = have.cardinality();
                if (now - reported >= settings.progressEvery() && now < total) {
                    reported = now;
                    progress(jobId, now, total);
                }
            }
        } finally {
            blockSinks.remove("stream");
        }
        return out;
    }

    /** Waits half a second before a retry, or less when the agent is closed. */
    private void pause() throws InterruptedException {
        stopping.await(500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        stopping.countDown();
        thread.interrupt();
        MqttAsyncClient c = client;
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect(1_000).waitForCompletion(2_000);
                }
                c.close(true);
            } catch (MqttException e) {
                // closing anyway
            }
        }
    }
}
