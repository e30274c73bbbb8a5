package io.iotworkbench.serial.console;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * Writes console lines to a text file, each with its host timestamp, and rotates it: when the file would grow past
 * {@code maxBytes} it becomes {@code name.1} (older ones move to {@code .2} … {@code .keep}, the oldest is deleted)
 * and a new file starts.
 *
 * <p>Not thread-safe: one thread (the console's pipeline thread) appends; {@link #close} from that thread or after it
 * stopped. Disk errors are thrown to the caller.
 */
public final class RotatingLineLog implements AutoCloseable {

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_KEEP = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private BufferedWriter out;
    private long size;
    private int rotations;

    public RotatingLineLog(Path file, long maxBytes, int keep) throws IOException {
        if (maxBytes < 1 || keep < 1) {
            throw new IllegalArgumentException("maxBytes and keep must be positive");
        }
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        open();
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    public Path file() {
        return file;
    }

    /** How many times the file was rotated. */
    public int rotations() {
        return rotations;
    }

    public void append(Collection<SerialLine> lines) throws IOException {
        for (SerialLine line : lines) {
            String text = TIME.format(line.time()) + "  " + line.text() + "\n";
            long bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (size > 0 && size + bytes > maxBytes) {
                rotate();
            }
            out.write(text);
            size += bytes;
        }
        out.flush();
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(sibling(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(sibling(i))) {
                Files.move(sibling(i), sibling(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, sibling(1), StandardCopyOption.REPLACE_EXISTING);
        rotations++;
        open();
    }

    /** {@code name.n}: the n-th older file. */
    public Path sibling(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
