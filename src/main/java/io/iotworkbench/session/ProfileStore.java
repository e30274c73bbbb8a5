package io.iotworkbench.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.storage.AtomicFiles;
import io.iotworkbench.storage.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's profiles, kept as JSON ({@value #FILE_NAME}) in the workbench's config folder.
 *
 * <p>Writes are atomic (temp file + move). The file carries a schema version. A file that cannot be read — corrupt
 * JSON, or valid JSON of the wrong shape — is moved aside once to {@code profiles.json.unreadable-<time>} and
 * reported through {@link #problems()} in the user's terms (the JSON path and what it should be, no Java names), never
 * silently replaced; the next start finds no file and reports nothing. A file written by a newer version stays where
 * it is (that version still needs it) and profile changes are not saved while it is there. The built-in "Local IoT
 * Core" profile is always present, cannot be deleted or renamed, and is the active one on first start.
 *
 * <p>Thread-safe: every method is synchronized, and saves from several threads each produce a complete file.
 */
public final class ProfileStore {

    public static final String FILE_NAME = "profiles.json";
    public static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final ObjectMapper mapper = Json.forFiles();
    private final ProfileValidator validator = new ProfileValidator();
    private final Clock clock;
    private final Map<String, Profile> profiles = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private String activeName = Profile.LOCAL_NAME;
    private boolean writable = true;

    /** On-disk shape. */
    record StoredProfiles(int schemaVersion, String activeProfile, List<Profile> profiles) {
    }

    private ProfileStore(Path configDir, Clock clock) {
        this.file = configDir.resolve(FILE_NAME);
        this.clock = clock;
    }

    /** Opens the store in {@code configDir}, reading the file if it exists. Never throws for a bad file. */
    public static ProfileStore open(Path configDir) {
        return open(configDir, Clock.systemUTC());
    }

    public static ProfileStore open(Path configDir, Clock clock) {
        ProfileStore store = new ProfileStore(configDir, clock);
        store.load();
        return store;
    }

    public Path file() {
        return file;
    }

    /** Problems met while loading (for the user to read), empty when the file was fine or absent. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    public synchronized List<Profile> profiles() {
        return List.copyOf(profiles.values());
    }

    public synchronized Optional<Profile> find(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    public synchronized Profile active() {
        return profiles.getOrDefault(activeName, profiles.get(Profile.LOCAL_NAME));
    }

    public synchronized void setActive(String name) throws IOException {
        requireExisting(name);
        activeName = name;
        persist();
    }

    /**
     * Adds a new profile or replaces the one named {@code previousName} (null for a new profile).
     *
     * @throws InvalidProfileException with every problem found, when the profile is not valid
     */
    public synchronized Profile save(String previousName, Profile profile) throws IOException {
        if (previousName != null) {
            Profile old = requireExisting(previousName);
            if (old.isBuiltIn() && !profile.name().equals(old.name())) {
                throw new InvalidProfileException(List.of(new ProfileValidator.Problem("name",
                        "The built-in profile cannot be renamed; duplicate it instead.")));
            }
        }
        List<String> others = profiles.keySet().stream().filter(n -> !n.equals(previousName)).toList();
        Profile normalized = profile.withName(profile.name().strip());
        List<ProfileValidator.Problem> found = validator.validate(normalized, others);
        if (!found.isEmpty()) {
            throw new InvalidProfileException(found);
        }
        Map<String, Profile> copy = new LinkedHashMap<>();
        for (var e : profiles.entrySet()) {
            if (e.getKey().equals(previousName)) {
                copy.put(normalized.name(), normalized);
            } else {
                copy.put(e.getKey(), e.getValue());
            }
        }
        copy.putIfAbsent(normalized.name(), normalized);
        profiles.clear();
        profiles.putAll(copy);
        if (previousName != null && previousName.equals(activeName)) {
            activeName = normalized.name();
        }
        persist();
        return normalized;
    }

    /** Copies a profile under a free name "NAME (copy)", "NAME (copy 2)", … and returns the copy. */
    public synchronized Profile duplicate(String name) throws IOException {
        Profile source = requireExisting(name);
        String base = source.name() + " (copy";
        String candidate = base + ")";
        for (int i = 2; profiles.containsKey(candidate); i++) {
            candidate = base + " " + i + ")";
        }
        Profile copy = source.isBuiltIn()
                ? new Profile(candidate, ProfileKind.LOCAL, source.region(), source.endpoint(), source.port(),
                        source.thingName(), source.clientId(), source.certificateFile(), source.privateKeyFile(),
                        source.rootCaFile(), source.credentialsProfile())
                : source.withName(candidate);
        return save(null, copy);
    }

    /** Deletes a profile; the built-in one cannot be deleted. If it was active, the built-in becomes active. */
    public synchronized void delete(String name) throws IOException {
        Profile p = requireExisting(name);
        if (p.isBuiltIn()) {
            throw new IllegalArgumentException("The built-in '" + Profile.LOCAL_NAME + "' profile cannot be deleted.");
        }
        profiles.remove(name);
        if (name.equals(activeName)) {
            activeName = Profile.LOCAL_NAME;
        }
        persist();
    }

    private Profile requireExisting(String name) {
        Profile p = profiles.get(name);
        if (p == null) {
            throw new IllegalArgumentException("No profile named '" + name + "'.");
        }
        return p;
    }

    /** A file written by a newer IoT Workbench: left in place, not overwritten. */
    private static final class NewerVersionException extends IOException {
        private static final long serialVersionUID = 1L;

        NewerVersionException(String message) {
            super(message);
        }
    }

    private void load() {
        profiles.clear();
        problems.clear();
        if (Files.exists(file)) {
            try {
                readFile();
            } catch (NewerVersionException e) {
                profiles.clear();
                activeName = Profile.LOCAL_NAME;
                writable = false;
                problems.add("Your profiles file " + file + " was written by a newer IoT Workbench: "
                        + e.getMessage() + ". It is left as it is; this version starts with the built-in profile and "
                        + "does not save profile changes while that file is there.");
            } catch (IOException | RuntimeException e) {
                profiles.clear();
                activeName = Profile.LOCAL_NAME;
                setAside(describe(e));
            }
        }
        if (!profiles.containsKey(Profile.LOCAL_NAME)) {
            Map<String, Profile> withLocal = new LinkedHashMap<>();
            withLocal.put(Profile.LOCAL_NAME, Profile.localDefault());
            withLocal.putAll(profiles);
            profiles.clear();
            profiles.putAll(withLocal);
        }
        if (!profiles.containsKey(activeName)) {
            activeName = Profile.LOCAL_NAME;
        }
    }

    private void readFile() throws IOException {
        JsonNode root = mapper.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IOException("the file does not hold a JSON object");
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version > SCHEMA_VERSION) {
            throw new NewerVersionException("schema " + version + "; this version reads schema " + SCHEMA_VERSION);
        }
        if (version < 1) {
            throw new IOException("it has no valid schemaVersion");
        }
        StoredProfiles stored = mapper.treeToValue(root, StoredProfiles.class);
        List<Profile> read = stored.profiles() == null ? List.of() : stored.profiles();
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i) == null) {
                throw new IOException("profiles[" + i + "] is empty (null) instead of a profile");
            }
            profiles.put(read.get(i).name(), read.get(i));
        }
        if (stored.activeProfile() != null) {
            activeName = stored.activeProfile();
        }
    }

    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException jpe) {
            return Json.problem(jpe);
        }
        return e.getMessage() == null ? "it holds something this version cannot read" : Json.plain(e.getMessage());
    }

    /** Moves the unreadable file aside once (a unique name, never replacing an earlier one) and says so. */
    private void setAside(String why) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
        Path backup = file.resolveSibling(FILE_NAME + ".unreadable-" + stamp);
        for (int n = 2; Files.exists(backup); n++) {
            backup = file.resolveSibling(FILE_NAME + ".unreadable-" + stamp + "-" + n);
        }
        try {
            Files.move(file, backup);
            problems.add("Your profiles file " + file + " could not be read: " + why + ". It was moved to " + backup
                    + "; the workbench started with the built-in profile. Fix it and move it back, or copy profiles "
                    + "from it.");
        } catch (IOException moveFailed) {
            writable = false;
            problems.add("Your profiles file " + file + " could not be read: " + why
                    + ", and it could not be moved aside (" + moveFailed.getMessage() + "). Changes to profiles will "
                    + "not be saved until the file is fixed or moved away.");
        }
    }

    private void persist() throws IOException {
        if (!writable) {
            throw new IOException("Profiles are not saved: " + file + " could not be read, or was written by a newer "
                    + "IoT Workbench. Fix or move that file, then restart.");
        }
        StoredProfiles stored = new StoredProfiles(SCHEMA_VERSION, activeName, List.copyOf(profiles.values()));
        AtomicFiles.writeString(file, mapper.writeValueAsString(stored));
    }
}
