package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.concurrent.DaemonThreads;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Two connected pseudo-terminals made by socat, with stable links in a folder:
 * {@code socat -d -d pty,raw,echo=0,link=DIR/ttyA pty,raw,echo=0,link=DIR/ttyB}. Whatever is written to one link is
 * read from the other, so a simulated board can hold {@link #boardPath()} while a serial terminal (or jSerialComm)
 * opens {@link #userPath()} like a real port. {@link #stop()} then {@link #start()} again models unplugging and
 * plugging in: the links disappear and come back, usually to new {@code /dev/pts/N} devices.
 *
 * <p>Readiness is known from socat's own log ("starting data transfer loop"), read on a daemon thread
 * ({@code socat-log}) with a blocking read; {@link #start()} waits for it with a timeout. Thread-safe.
 */
public final class SocatPtyPair implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 10;
    private static final long STOP_TIMEOUT_SECONDS = 5;
    private static final String READY = "starting data transfer loop";

    private final Path boardPath;
    private final Path userPath;
    private Process process;

    private SocatPtyPair(Path directory) {
        this.boardPath = directory.resolve("ttyA");
        this.userPath = directory.resolve("ttyB");
    }

    /** True when an executable {@code socat} is on the PATH. */
    public static boolean isAvailable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    /** Starts a pair with links {@code ttyA} and {@code ttyB} in {@code directory}. */
    public static SocatPtyPair open(Path directory) throws IOException {
        String dir = directory.toAbsolutePath().toString();
        if (dir.contains(",") || dir.contains("!") || dir.contains(":")) {
            throw new IOException("socat cannot use a folder whose path holds ',', '!' or ':': " + dir);
        }
        Files.createDirectories(directory);
        SocatPtyPair pair = new SocatPtyPair(directory.toAbsolutePath());
        pair.start();
        return pair;
    }

    /** Starts socat (again) on the same links; waits until it is ready to carry data. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        Files.deleteIfExists(boardPath);
        Files.deleteIfExists(userPath);
        Process p = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + boardPath,
                "pty,raw,echo=0,link=" + userPath).start();
        p.getOutputStream().close();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        DaemonThreads.start("socat-log", () -> readLog(p, ready));
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            p.destroyForcibly();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("socat did not start within " + START_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while starting socat", e);
        }
        process = p;
    }

    private static void readLog(Process p, CompletableFuture<Void> ready) {
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains(READY)) {
                    ready.complete(null);
                }
                last.addLast(line);
                if (last.size() > 5) {
                    last.removeFirst();
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("socat exited: " + String.join(" | ", last)));
    }

    /** Stops socat: both links go away and whoever had them open reads end-of-stream. */
    public synchronized void stop() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(boardPath);
            Files.deleteIfExists(userPath);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove socat's links", e);
        }
    }

    /** The link the simulated board holds. */
    public Path boardPath() {
        return boardPath;
    }

    /** The link a user or the console opens. */
    public Path userPath() {
        return userPath;
    }

    @Override
    public void close() {
        stop();
    }
}
