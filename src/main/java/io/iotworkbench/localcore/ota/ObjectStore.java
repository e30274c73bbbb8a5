package io.iotworkbench.localcore.ota;

import io.iotworkbench.storage.AtomicFiles;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Local IoT Core's stand-in for S3: firmware files kept as {@code <data>/local-core/objects/<bucket>/<key>} (the
 * key percent-encoded into one file name), written atomically and owner-only, so they survive restarts. The OTA
 * object server ({@code ObjectRoutes}) serves them to presigned URLs; streams read their blocks from here.
 *
 * <p>Thread-safe: every write replaces a whole file atomically, reads open the file anew.
 */
public final class ObjectStore {

    /** S3's bucket-name rule (3–63 lower-case letters, digits, dots and hyphens). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** The longest key the store keeps (its file name must fit the file system's 255 bytes). */
    public static final int MAX_KEY_FILE_NAME = 240;
    /** The largest object: AWS's MQTT streams address 24 MB (98,304 blocks of 256 bytes); HTTP is kept the same. */
    public static final long MAX_OBJECT_BYTES = 24L * 1024 * 1024;

    private final Path root;

    public ObjectStore(Path root) {
        this.root = root;
    }

    /** What is stored under a bucket and key. */
    public record ObjectInfo(String bucket, String key, long size) {
    }

    /** Stores {@code content} under {@code bucket}/{@code key}, replacing what was there. */
    public ObjectInfo put(String bucket, String key, byte[] content) throws IOException {
        problem(bucket, key).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        if (content.length > MAX_OBJECT_BYTES) {
            throw new IllegalArgumentException("The file is " + content.length + " bytes; the Local IoT Core keeps "
                    + "files up to " + MAX_OBJECT_BYTES + " bytes.");
        }
        AtomicFiles.ownerOnlyDirectory(root);
        AtomicFiles.ownerOnlyDirectory(root.resolve(bucket));
        AtomicFiles.writeOwnerOnly(file(bucket, key), content);
        return new ObjectInfo(bucket, key, content.length);
    }

    /** The object's size, if it exists. */
    public Optional<ObjectInfo> info(String bucket, String key) {
        if (problem(bucket, key).isPresent()) {
            return Optional.empty();
        }
        Path f = file(bucket, key);
        try {
            return Optional.of(new ObjectInfo(bucket, key, Files.size(f)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code length} bytes from {@code offset} (fewer at the end of the object).
     *
     * @throws NoSuchFileException when the object does not exist
     */
    public byte[] read(String bucket, String key, long offset, int length) throws IOException {
        if (problem(bucket, key).isPresent()) {
            throw new NoSuchFileException(bucket + "/" + key);
        }
        try (RandomAccessFile f = new RandomAccessFile(file(bucket, key).toFile(), "r")) {
            long size = f.length();
            if (offset >= size || length <= 0) {
                return new byte[0];
            }
            int n = (int) Math.min(length, size - offset);
            byte[] out = new byte[n];
            f.seek(offset);
            f.readFully(out);
            return out;
        } catch (java.io.FileNotFoundException e) {
            throw new NoSuchFileException(bucket + "/" + key);
        }
    }

    /** The whole object. */
    public byte[] readAll(String bucket, String key) throws IOException {
        if (problem(bucket, key).isPresent()) {
            throw new NoSuchFileException(bucket + "/" + key);
        }
        return Files.readAllBytes(file(bucket, key));
    }

    /** Deletes the object; false when there was none. */
    public boolean delete(String bucket, String key) throws IOException {
        return problem(bucket, key).isEmpty() && Files.deleteIfExists(file(bucket, key));
    }

    /** Every object of {@code bucket}, by key. */
    public List<ObjectInfo> list(String bucket) throws IOException {
        Path dir = root.resolve(bucket);
        List<ObjectInfo> out = new ArrayList<>();
        if (!BUCKET.matcher(bucket).matches() || !Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.startsWith(".")) {
                    out.add(new ObjectInfo(bucket, URLDecoder.decode(name, StandardCharsets.UTF_8), Files.size(f)));
                }
            }
        }
        return out;
    }

    /** Why {@code bucket}/{@code key} cannot be stored, in the user's terms; empty when it can. */
    public static Optional<String> problem(String bucket, String key) {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            return Optional.of("The bucket name '" + bucket + "' is not valid: use 3 to 63 lower-case letters, "
                    + "digits, dots and hyphens.");
        }
        if (key == null || key.isEmpty()) {
            return Optional.of("The object key is empty.");
        }
        if (fileName(key).length() > MAX_KEY_FILE_NAME) {
            return Optional.of("The object key '" + key + "' is too long for the Local IoT Core.");
        }
        return Optional.empty();
    }

    private Path file(String bucket, String key) {
        return root.resolve(bucket).resolve(fileName(key));
    }

    private static String fileName(String key) {
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("*", "%2A");
        return encoded.startsWith(".") ? "%2E" + encoded.substring(1) : encoded;
    }
}
