package io.iotworkbench.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.concurrent.DaemonThreads;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Replays a session recording (or an MQTT pane message recording: lines without {@code kind}) into sinks at the
 * recorded pace times a speed (1×, 2×, 10×; 0 or less: at once), without any network. The sink decides where an
 * event goes (a pipeline for messages, a timeline for serial lines); it must not block (they offer to bounded
 * buffers).
 *
 * <p>Threading: one {@code session-replay} thread per replay reads and paces; {@link #cancel} from any thread.
 */
public final class SessionReplay {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CompletableFuture<Long> done = new CompletableFuture<>();

    private SessionReplay() {
    }

    /** Starts replaying {@code file} into {@code sink}; {@link #done} completes with the number of events. */
    public static SessionReplay start(Path file, double speed, Consumer<SessionEvent> sink) {
        SessionReplay replay = new SessionReplay();
        DaemonThreads.start("session-replay", () -> {
            try {
                replay.done.complete(replay.run(file, speed, sink));
            } catch (CompletionException e) {
                replay.done.completeExceptionally(e.getCause());
            } catch (RuntimeException e) {
                replay.done.completeExceptionally(e);
            }
        });
        return replay;
    }

    public void cancel() {
        cancelled.set(true);
    }

    public CompletableFuture<Long> done() {
        return done;
    }

    private long run(Path file, double speed, Consumer<SessionEvent> sink) {
        long count = 0;
        long first = Long.MIN_VALUE;
        long start = System.nanoTime();
        int lineNumber = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null && !cancelled.get()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o;
                try {
                    o = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new CompletionException(new IOException("Line " + lineNumber + " of " + file.getFileName()
                            + " is not a recorded event (not JSON)."));
                }
                String kind = o.path("kind").asText("mqtt");
                if (kind.equals("session") || kind.equals("end")) {
                    continue;
                }
                if (!o.has("timeMillis") || !(o.has("topic") || o.has("port"))) {
                    throw new CompletionException(new IOException("Line " + lineNumber + " of " + file.getFileName()
                            + " is not a recorded event (it has no time, topic or port)."));
                }
                SessionEvent event = SessionEvent.fromJson(o);
                if (first == Long.MIN_VALUE) {
                    first = event.timeMillis();
                }
                if (speed > 0) {
                    long due = start + (long) ((event.timeMillis() - first) * 1_000_000L / speed);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0 && !cancelled.get()) {
                        LockSupport.parkNanos(Math.min(wait, 50_000_000L));
                    }
                }
                if (cancelled.get()) {
                    break;
                }
                sink.accept(event);
                count++;
            }
        } catch (NoSuchFileException e) {
            throw new CompletionException(new IOException("There is no recording " + file + "."));
        } catch (IOException e) {
            throw new CompletionException(new IOException("The recording " + file + " cannot be read: "
                    + e.getMessage(), e));
        }
        return count;
    }
}
