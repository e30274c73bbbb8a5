package io.iotworkbench.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.diagnostics.AppInfo;
import io.iotworkbench.diagnostics.Redactor;
import io.iotworkbench.mqtt.MessageRedaction;
import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.stream.BoundedBuffer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Records everything a session sees — MQTT messages (shadow versions and job statuses noted), serial lines with
 * Wi-Fi passwords hidden — to one NDJSON file: a {@code session} header line, one line per event, an {@code end}
 * line with the count of events dropped. The file appears under its name only when the recording is closed (it is
 * written to a {@code .part} file first), so a crash leaves no half-written recording under that name.
 *
 * <p>Threading: {@link #message} and {@link #serialLine} are called on producer threads (Paho, serial consoles) and
 * only offer to a bounded buffer (full: the oldest is dropped and counted); one {@code session-recorder} thread
 * writes. {@link #close} from any thread, once.
 */
public final class SessionRecorder implements AutoCloseable {

    static final int BUFFER = 16_384;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Path part;
    private final BufferedWriter writer;
    private final Clock clock;
    private final BoundedBuffer<SessionEvent> buffer = new BoundedBuffer<>(BUFFER);
    private final Thread thread;
    private final Consumer<ReceivedMessage> messageSink = this::message;
    private volatile boolean running = true;
    private volatile IOException failure;
    private volatile Redactor redactor;
    private long written;

    private SessionRecorder(Path file, Clock clock) throws IOException {
        this.file = file;
        this.part = file.resolveSibling(file.getFileName() + ".part");
        this.clock = clock;
        this.writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        ObjectNode header = JSON.createObjectNode();
        header.put("kind", "session");
        header.put("format", 1);
        header.put("started", clock.instant().toString());
        header.put("app", AppInfo.current().name() + " " + AppInfo.current().version());
        writer.write(JSON.writeValueAsString(header));
        writer.write('\n');
        this.thread = DaemonThreads.start("session-recorder", this::writeLoop);
    }

    /** Starts recording to {@code file} (replaced when it exists, once the recording closes). */
    public static SessionRecorder start(Path file, Clock clock) throws IOException {
        return new SessionRecorder(file, clock);
    }

    /** What a {@code MessagePipeline} or an MQTT connection hands messages to. */
    public Consumer<ReceivedMessage> messageSink() {
        return messageSink;
    }

    /**
     * The session's redactor: while presenter mode is on, events are recorded with what it hides masked (a recording
     * made on stage holds no secret). Without one only Wi-Fi passwords are hidden.
     */
    public void maskWith(Redactor sessionRedactor) {
        this.redactor = sessionRedactor;
    }

    /** A message the session received. Never blocks. */
    public void message(ReceivedMessage m) {
        if (running) {
            buffer.offer(SessionEvent.ofMessage(MessageRedaction.whilePresenting(m, redactor)));
        }
    }

    /** A serial line of a port (its Wi-Fi password hidden here). Never blocks. */
    public void serialLine(String port, Instant time, String text) {
        if (running) {
            Redactor r = redactor;
            String shown = r != null && r.isPresenterMode() ? r.shown(text) : text;
            buffer.offer(SessionEvent.ofSerial(port, time.toEpochMilli(), shown));
        }
    }

    public Path file() {
        return file;
    }

    /** Events dropped because the writer fell behind. */
    public long dropped() {
        return buffer.droppedCount();
    }

    /** Events written so far. */
    public synchronized long written() {
        return written;
    }

    private void writeLoop() {
        List<SessionEvent> batch = new ArrayList<>(512);
        while (running || !buffer.isEmpty()) {
            batch.clear();
            if (buffer.drainTo(batch, 512) == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                continue;
            }
            write(batch);
        }
    }

    private synchronized void write(List<SessionEvent> batch) {
        if (failure != null) {
            return;
        }
        try {
            for (SessionEvent e : batch) {
                writer.write(JSON.writeValueAsString(e.toJson()));
                writer.write('\n');
                written++;
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Stops, writes what is buffered and the {@code end} line, and puts the file in place. */
    @Override
    public void close() throws IOException {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                if (failure == null) {
                    ObjectNode end = JSON.createObjectNode();
                    end.put("kind", "end");
                    end.put("ended", clock.instant().toString());
                    end.put("events", written);
                    end.put("dropped", buffer.droppedCount());
                    writer.write(JSON.writeValueAsString(end));
                    writer.write('\n');
                }
                writer.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            if (failure != null) {
                Files.deleteIfExists(part);
                throw new IOException("The recording stopped early: " + failure.getMessage(), failure);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
