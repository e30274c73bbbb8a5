package io.iotworkbench.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileStoreTest {

    @TempDir
    Path dir;

    private Profile aws(String name) {
        return new Profile(name, ProfileKind.AWS, "eu-west-1", "abc123-ats.iot.eu-west-1.amazonaws.com", 443,
                "sensor_1", "sensor_1", null, null, null, "work");
    }

    @Test
    void firstStartHasOnlyTheBuiltInLocalProfileAndItIsActive() {
        ProfileStore store = ProfileStore.open(dir);
        assertThat(store.profiles()).extracting(Profile::name).containsExactly(Profile.LOCAL_NAME);
        assertThat(store.active().kind()).isEqualTo(ProfileKind.LOCAL);
        assertThat(store.problems()).isEmpty();
        assertThat(Files.exists(store.file())).as("nothing written before a change").isFalse();
    }

    @Test
    void roundTripsEveryFieldAndTheActiveProfile() throws Exception {
        ProfileStore store = ProfileStore.open(dir);
        Profile saved = store.save(null, aws("Lab account"));
        store.setActive("Lab account");

        ProfileStore reopened = ProfileStore.open(dir);
        assertThat(reopened.find("Lab account")).contains(saved);
        assertThat(reopened.active()).isEqualTo(saved);
        assertThat(reopened.profiles()).hasSize(2);
        String json = Files.readString(store.file());
        assertThat(new ObjectMapper().readTree(json).get("schemaVersion").asInt())
                .isEqualTo(ProfileStore.SCHEMA_VERSION);
    }

    @Test
    void invalidProfilesAreRefusedWithEveryProblemNamed() {
        ProfileStore store = ProfileStore.open(dir);
        Profile bad = new Profile(" ", ProfileKind.AWS, "Ireland", "https://x.amazonaws.com/", 1883, "bad name!",
                "", "/no/such/cert.pem", null, null, null);
        assertThatThrownBy(() -> store.save(null, bad))
                .isInstanceOfSatisfying(InvalidProfileException.class, e -> assertThat(e.problems())
                        .extracting(ProfileValidator.Problem::field)
                        .contains("name", "region", "endpoint", "port", "thingName", "clientId", "certificateFile"));
        assertThat(store.profiles()).hasSize(1);
    }

    @Test
    void namesAreUniqueIgnoringCase() throws Exception {
        ProfileStore store = ProfileStore.open(dir);
        store.save(null, aws("Lab"));
        assertThatThrownBy(() -> store.save(null, aws("lab"))).isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void builtInProfileCannotBeDeletedOrRenamedButCanBeDuplicated() throws Exception {
        ProfileStore store = ProfileStore.open(dir);
        assertThatThrownBy(() -> store.delete(Profile.LOCAL_NAME)).hasMessageContaining("cannot be deleted");
        assertThatThrownBy(() -> store.save(Profile.LOCAL_NAME, Profile.localDefault().withName("Mine")))
                .hasMessageContaining("cannot be renamed");
        Profile copy = store.duplicate(Profile.LOCAL_NAME);
        assertThat(copy.name()).isEqualTo("Local IoT Core (copy)");
        assertThat(copy.isBuiltIn()).isFalse();
        assertThat(store.duplicate(Profile.LOCAL_NAME).name()).isEqualTo("Local IoT Core (copy 2)");
    }

    @Test
    void renamingTheActiveProfileKeepsItActiveAndDeletingItFallsBackToLocal() throws Exception {
        ProfileStore store = ProfileStore.open(dir);
        store.save(null, aws("Lab"));
        store.setActive("Lab");
        store.save("Lab", aws("Lab 2"));
        assertThat(store.active().name()).isEqualTo("Lab 2");
        store.delete("Lab 2");
        assertThat(store.active().name()).isEqualTo(Profile.LOCAL_NAME);
        assertThat(ProfileStore.open(dir).profiles()).extracting(Profile::name).containsExactly(Profile.LOCAL_NAME);
    }

    @Test
    void corruptFileIsMovedAsideOnceAndReportedNotSilentlyReplaced() throws Exception {
        Path file = dir.resolve(ProfileStore.FILE_NAME);
        Files.writeString(file, "{ \"schemaVersion\": 1, \"profiles\": [ {\"name\": ");
        ProfileStore store = ProfileStore.open(dir);
        assertThat(store.problems()).singleElement().asString()
                .contains("could not be read", "not valid JSON", "line 1", "moved to", ".unreadable-")
                .doesNotContain("Source:", "`", "JsonToken", "com.fasterxml", "Exception");
        assertThat(store.profiles()).extracting(Profile::name).containsExactly(Profile.LOCAL_NAME);
        assertThat(unreadableCopies()).singleElement().satisfies(backup -> assertThat(Files.readString(backup))
                .isEqualTo("{ \"schemaVersion\": 1, \"profiles\": [ {\"name\": "));
        assertThat(file).as("moved, not copied").doesNotExist();

        ProfileStore again = ProfileStore.open(dir);
        assertThat(again.problems()).as("the next start has nothing to report").isEmpty();
        assertThat(unreadableCopies()).as("no copy per run").hasSize(1);
        again.save(null, aws("Lab"));
        assertThat(ProfileStore.open(dir).profiles()).hasSize(2);
    }

    private List<Path> unreadableCopies() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(".unreadable-")).toList();
        }
    }

    @Test
    void validJsonOfTheWrongShapeIsReportedInTheUsersTerms() throws Exception {
        Path file = dir.resolve(ProfileStore.FILE_NAME);
        Files.writeString(file, "{\"schemaVersion\": 1, \"profiles\": [{\"name\": \"Lab\", \"kind\": \"AWS\", "
                + "\"port\": \"eight\"}]}");
        assertThat(ProfileStore.open(dir).problems()).singleElement().asString()
                .contains("profiles[0].port should be a whole number", "\"eight\"")
                .doesNotContain("`", "int", "java.", "Profile$", "deserialize", "Exception");

        Files.writeString(file, "{\"schemaVersion\": 1, \"profiles\": {\"name\": \"Lab\"}}");
        assertThat(ProfileStore.open(dir).problems()).singleElement().asString()
                .contains("profiles should be a list (found an object)").doesNotContain("`", "java.", "ArrayList");

        Files.writeString(file, "{\"schemaVersion\": 1, \"profiles\": [{\"name\": \"Lab\", \"kind\": \"MARS\"}]}");
        assertThat(ProfileStore.open(dir).problems()).singleElement().asString()
                .contains("profiles[0].kind should be one of LOCAL, AWS", "\"MARS\"");

        Files.writeString(file, "{\"schemaVersion\": 1, \"profiles\": [{\"kind\": \"AWS\"}]}");
        assertThat(ProfileStore.open(dir).problems()).singleElement().asString()
                .contains("profiles[0] is not valid: it has no name").doesNotContain("NullPointer", "java.");

        Files.writeString(file, "{\"schemaVersion\": 1, \"profiles\": [null]}");
        assertThat(ProfileStore.open(dir).problems()).singleElement().asString().contains("profiles[0] is empty");
        assertThat(unreadableCopies()).hasSize(5);
    }

    @Test
    void fileFromANewerVersionIsLeftInPlaceReportedAndNotOverwritten() throws Exception {
        Path file = dir.resolve(ProfileStore.FILE_NAME);
        String newer = "{\"schemaVersion\": 99, \"activeProfile\": \"X\", \"profiles\": []}";
        Files.writeString(file, newer);
        ProfileStore store = ProfileStore.open(dir);
        assertThat(store.problems()).singleElement().asString().contains("newer IoT Workbench", "schema 99");
        assertThatThrownBy(() -> store.save(null, aws("Lab"))).hasMessageContaining("not saved");
        assertThat(Files.readString(file)).isEqualTo(newer);
        assertThat(unreadableCopies()).isEmpty();
    }

    @Test
    void fileWithoutSchemaVersionIsReported() throws Exception {
        Files.writeString(dir.resolve(ProfileStore.FILE_NAME), "{\"profiles\": []}");
        assertThat(ProfileStore.open(dir).problems()).singleElement().asString().contains("schemaVersion");
    }

    @Test
    void concurrentSavesLeaveOneCompleteFileWithEveryProfileAndNoTemporaryFiles() throws Exception {
        ProfileStore store = ProfileStore.open(dir);
        int threads = 8;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    store.save(null, aws("p-" + id + "-" + i));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        ProfileStore reopened = ProfileStore.open(dir);
        assertThat(reopened.problems()).isEmpty();
        assertThat(reopened.profiles()).hasSize(1 + threads * perThread);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(ProfileStore.FILE_NAME);
        }
    }

    @Test
    void twoStoresOnOneFolderNeverProduceAHalfWrittenFile() throws Exception {
        ProfileStore a = ProfileStore.open(dir);
        ProfileStore b = ProfileStore.open(dir);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> fa = pool.submit(() -> {
            for (int i = 0; i < 30; i++) {
                a.save(null, aws("a" + i));
            }
            return null;
        });
        Future<?> fb = pool.submit(() -> {
            for (int i = 0; i < 30; i++) {
                b.save(null, aws("b" + i));
            }
            return null;
        });
        fa.get();
        fb.get();
        pool.shutdown();
        ProfileStore reopened = ProfileStore.open(dir);
        assertThat(reopened.problems()).isEmpty();
        assertThat(reopened.profiles().size()).isEqualTo(31);
    }
}
