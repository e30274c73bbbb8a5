package io.iotworkbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A benchmark's temporary working folder, deleted with everything in it when closed. Not thread-safe: one benchmark
 * run owns it.
 */
public final class BenchFolder implements AutoCloseable {

    private final Path path;

    private BenchFolder(Path path) {
        this.path = path;
    }

    /** A new, empty folder under the system's temporary folder whose name starts with {@code prefix}. */
    public static BenchFolder create(String prefix) throws IOException {
        return new BenchFolder(Files.createTempDirectory(prefix));
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; nothing else depends on it
        }
    }
}
