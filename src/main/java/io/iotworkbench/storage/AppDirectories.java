package io.iotworkbench.storage;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the workbench keeps its configuration (profiles, window settings) and its data (the Local IoT Core's CA,
 * database and device files). Both folders can be redirected, so tests and demos never touch a user's home:
 * system properties {@code iotworkbench.config.dir} / {@code iotworkbench.data.dir} win over the environment
 * variables {@code IOTWORKBENCH_CONFIG_DIR} / {@code IOTWORKBENCH_DATA_DIR}, which win over the OS conventions.
 *
 * <p>Immutable and thread-safe.
 */
public record AppDirectories(Path configDir, Path dataDir) {

    public static final String CONFIG_PROPERTY = "iotworkbench.config.dir";
    public static final String DATA_PROPERTY = "iotworkbench.data.dir";
    public static final String CONFIG_ENV = "IOTWORKBENCH_CONFIG_DIR";
    public static final String DATA_ENV = "IOTWORKBENCH_DATA_DIR";

    public AppDirectories {
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(dataDir, "dataDir");
        configDir = configDir.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Both folders under one root, as tests and the {@code --home} option use them. */
    public static AppDirectories under(Path root) {
        return new AppDirectories(root.resolve("config"), root.resolve("data"));
    }

    /** The folders for this process: system properties, then environment, then the OS convention. */
    public static AppDirectories fromEnvironment() {
        return resolve(System.getProperties()::getProperty, System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")));
    }

    static AppDirectories resolve(java.util.function.Function<String, String> properties, Map<String, String> env,
                                  String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path config = firstSet(properties.apply(CONFIG_PROPERTY), env.get(CONFIG_ENV));
        Path data = firstSet(properties.apply(DATA_PROPERTY), env.get(DATA_ENV));
        if (config == null) {
            config = osConfigDir(os, env, home);
        }
        if (data == null) {
            data = osDataDir(os, env, home);
        }
        return new AppDirectories(config, data);
    }

    private static Path firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return Path.of(v);
            }
        }
        return null;
    }

    private static Path osConfigDir(String os, Map<String, String> env, Path home) {
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("IoT Workbench");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/IoT Workbench");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config")).resolve("iot-workbench");
    }

    private static Path osDataDir(String os, Map<String, String> env, Path home) {
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData/Local")).resolve("IoT Workbench");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/IoT Workbench/data");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("iot-workbench");
    }
}
