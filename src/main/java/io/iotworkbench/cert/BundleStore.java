package io.iotworkbench.cert;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.storage.AtomicFiles;
import io.iotworkbench.storage.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The workbench's own list of certificate bundles, {@code <data>/certificates/bundles.json}: a name and the paths of
 * the certificate, key and root CA files (never their content, never a password). Bundles the workbench creates get
 * their files in {@code <data>/certificates/<name>/}. A damaged list is set aside (renamed {@code .broken}) rather than
 * lost or overwritten.
 *
 * <p>Thread-safe (synchronized); blocking file I/O of a small JSON file.
 */
public final class BundleStore {

    public static final String FOLDER = "certificates";
    public static final String FILE = "bundles.json";

    /** One stored bundle; {@code rootCa} may be null. */
    public record Entry(String name, String certificate, String privateKey, String rootCa) {
        public Entry {
            Objects.requireNonNull(name);
            Objects.requireNonNull(certificate);
            Objects.requireNonNull(privateKey);
        }
    }

    private final Path folder;
    private final ObjectMapper json = Json.forFiles();
    private final List<Entry> entries = new ArrayList<>();
    private String problem;

    private BundleStore(Path folder) {
        this.folder = folder;
    }

    /** Opens the store in the data folder; a missing list is empty, a damaged one is set aside with a problem. */
    public static BundleStore open(Path dataDir) {
        BundleStore s = new BundleStore(dataDir.resolve(FOLDER));
        s.load();
        return s;
    }

    private void load() {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            return;
        }
        try {
            entries.addAll(json.readValue(file.toFile(), new TypeReference<List<Entry>>() { }));
        } catch (IOException | RuntimeException e) {
            problem = file + " could not be read and was set aside as " + FILE + ".broken: " + e.getMessage();
            try {
                Files.move(file, file.resolveSibling(FILE + ".broken"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                problem = file + " could not be read: " + e.getMessage();
            }
        }
    }

    /** Why the list could not be read at open, or null. */
    public synchronized String problem() {
        return problem;
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The folder for a created bundle's files. */
    public Path folderFor(String name) {
        return folder.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** A name not yet used, from {@code wanted}: {@code wanted}, {@code wanted-2}, … */
    public synchronized String freeName(String wanted) {
        String base = wanted == null || wanted.isBlank() ? "bundle" : wanted.strip();
        String name = base;
        for (int n = 2; contains(name) || Files.exists(folderFor(name)); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private boolean contains(String name) {
        return entries.stream().anyMatch(e -> e.name().equals(name));
    }

    /** Adds or replaces (same name) an entry and saves the list. */
    public synchronized void put(Entry entry) throws IOException {
        entries.removeIf(e -> e.name().equals(entry.name()));
        entries.add(entry);
        save();
    }

    /** Forgets an entry (its files stay). */
    public synchronized void remove(String name) throws IOException {
        if (entries.removeIf(e -> e.name().equals(name))) {
            save();
        }
    }

    private void save() throws IOException {
        Files.createDirectories(folder);
        AtomicFiles.writeString(folder.resolve(FILE),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(entries));
    }
}
