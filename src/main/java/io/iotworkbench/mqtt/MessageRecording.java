package io.iotworkbench.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Records a pipeline's stream to an NDJSON file (from the producer side, so the recording is complete even when the
 * view skips) and replays a recording into a pipeline at the recorded pace or faster.
 *
 * <p>A recorder is called on the producer thread and writes through a buffered writer under its own lock; replay runs
 * on its own thread until done or cancelled.
 */
public final class MessageRecording {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageRecording() {
    }

    /** An open recording; {@link #close()} flushes and detaches it. */
    public static final class Recorder implements Consumer<ReceivedMessage>, AutoCloseable {
        private final BufferedWriter writer;
        private final MessagePipeline pipeline;
        private final UnaryOperator<ReceivedMessage> before;
        private long written;
        private IOException failure;

        private Recorder(Path file, MessagePipeline pipeline, UnaryOperator<ReceivedMessage> before)
                throws IOException {
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            this.pipeline = pipeline;
            this.before = before;
        }

        @Override
        public synchronized void accept(ReceivedMessage m) {
            if (failure != null) {
                return;
            }
            try {
                MessageExport.writeNdjsonLine(writer, before.apply(m));
                written++;
            } catch (IOException e) {
                failure = e;
            }
        }

        public synchronized long written() {
            return written;
        }

        @Override
        public synchronized void close() throws IOException {
            pipeline.removeRecorder(this);
            writer.close();
            if (failure != null) {
                throw new IOException("The recording stopped early: " + failure.getMessage(), failure);
            }
        }
    }

    public static Recorder record(MessagePipeline pipeline, Path file) throws IOException {
        return record(pipeline, file, UnaryOperator.identity());
    }

    /**
     * Records with {@code before} applied to each message as it is written (the MQTT pane masks what presenter mode
     * hides, so a recording made while presenting holds no secret).
     */
    public static Recorder record(MessagePipeline pipeline, Path file, UnaryOperator<ReceivedMessage> before)
            throws IOException {
        Recorder r = new Recorder(file, pipeline, before);
        pipeline.addRecorder(r);
        return r;
    }

    /** A running replay. */
    public static final class Replay {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private CompletableFuture<Long> done;

        public void cancel() {
            cancelled.set(true);
        }

        /** Completes with the number of messages replayed. */
        public CompletableFuture<Long> done() {
            return done;
        }
    }

    /**
     * Replays {@code file} into {@code pipeline}; {@code speed} 1 keeps the recorded pace, 10 is ten times faster,
     * 0 or less as fast as possible.
     */
    public static Replay replay(Path file, MessagePipeline pipeline, double speed) {
        Replay replay = new Replay();
        replay.done = CompletableFuture.supplyAsync(() -> {
            long count = 0;
            long firstRecorded = -1;
            long start = System.nanoTime();
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null && !replay.cancelled.get()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode o = JSON.readTree(line);
                    long t = o.path("timeMillis").asLong();
                    if (firstRecorded < 0) {
                        firstRecorded = t;
                    }
                    if (speed > 0) {
                        long dueNanos = start + (long) ((t - firstRecorded) * 1_000_000L / speed);
                        long wait = dueNanos - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    byte[] payload = o.has("payloadBase64")
                            ? Base64.getDecoder().decode(o.get("payloadBase64").asText())
                            : o.path("payload").asText().getBytes(StandardCharsets.UTF_8);
                    pipeline.offer(o.path("topic").asText(), payload, o.path("qos").asInt(),
                            o.path("retained").asBoolean(), false);
                    count++;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("The recording " + file + " cannot be replayed: "
                        + e.getMessage(), e);
            }
            return count;
        });
        return replay;
    }
}
