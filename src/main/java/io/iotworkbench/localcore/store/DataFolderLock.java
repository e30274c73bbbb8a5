package io.iotworkbench.localcore.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Local IoT Core per data folder: an exclusive OS file lock on {@value #FILE_NAME} in the core's folder, held for
 * as long as the core runs. Two owners of one database would both acknowledge the same shadow versions and lose
 * acknowledged data; the second one is refused at once with {@link DataFolderInUseException}, naming the folder and
 * the process that holds it (the file records pid, program and start time). The OS releases the lock when the holder
 * exits, even on kill -9, so a stale file never blocks a start.
 *
 * <p>The lock covers a byte far past the file's text, so the text stays readable on systems with mandatory locks.
 * Thread-safe; {@link #close()} is idempotent.
 */
public final class DataFolderLock implements AutoCloseable {

    public static final String FILE_NAME = "local-core.lock";
    private static final long LOCK_POSITION = 1L << 30;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the core folder {@code coreDir} (which must exist) for {@code dataDir}, the folder the user
     * knows, as {@code program} ("iot-workbench local-core", "the IoT Workbench window").
     */
    public static DataFolderLock acquire(Path dataDir, Path coreDir, String program, Instant now)
            throws IOException {
        Path file = coreDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock(LOCK_POSITION, 1, false);
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            Map<String, String> holder = read(file);
            channel.close();
            throw new DataFolderInUseException(dataDir, holder.get("pid"), holder.get("program"),
                    holder.get("started"));
        }
        try {
            String text = "pid=" + ProcessHandle.current().pid() + "\nprogram=" + program.replace('\n', ' ')
                    + "\nstarted=" + TIME.format(now) + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            lock.release();
            channel.close();
            throw e;
        }
        return new DataFolderLock(channel, lock);
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> result = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    result.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            // the holder is unknown; the message says so
        }
        return result;
    }

    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        }
    }
}
