package io.iotworkbench.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.storage.AtomicFiles;
import io.iotworkbench.storage.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@link WorkbenchSettings} as {@value #FILE_NAME} in the config folder. A missing or unreadable
 * file gives the defaults (window settings are cheap to lose; the problem is logged). Writes are atomic.
 *
 * <p>Thread-safe.
 */
public final class SettingsStore {

    public static final String FILE_NAME = "window.json";
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;
    private final ObjectMapper mapper = Json.forFiles();

    public SettingsStore(Path configDir) {
        this.file = configDir.resolve(FILE_NAME);
    }

    public synchronized WorkbenchSettings load() {
        if (!Files.exists(file)) {
            return WorkbenchSettings.defaults();
        }
        try {
            WorkbenchSettings s = mapper.readValue(file.toFile(), WorkbenchSettings.class);
            return s == null ? WorkbenchSettings.defaults() : s;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Window settings {} could not be read ({}); using defaults.", file, e.getMessage());
            return WorkbenchSettings.defaults();
        }
    }

    public synchronized void save(WorkbenchSettings settings) throws IOException {
        AtomicFiles.writeString(file, mapper.writeValueAsString(settings));
    }
}
