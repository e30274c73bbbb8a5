package io.iotworkbench.localcore.shadow;

import io.iotworkbench.localcore.store.LocalCoreDatabase;
import io.iotworkbench.shadow.ShadowEngine;
import io.iotworkbench.shadow.ShadowJson;
import io.iotworkbench.shadow.ShadowOutcome;
import io.iotworkbench.shadow.StoredShadow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShadowRepositoryTest {

    private static final long T0 = 1_700_000_000L;
    private static final byte[] EMPTY = new byte[0];

    @TempDir
    Path dir;

    private final ShadowEngine engine = new ShadowEngine();
    private LocalCoreDatabase database;
    private ShadowRepository repository;

    @BeforeEach
    void open() throws Exception {
        database = LocalCoreDatabase.open(dir);
        repository = new ShadowRepository(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private ShadowOutcome update(String thing, String shadow, String payload, long now) throws Exception {
        return repository.update(thing, shadow, stored -> engine.update(thing, shadow, stored.orElse(null),
                bytes(payload), now));
    }

    private ShadowOutcome delete(String thing, String shadow, long now) throws Exception {
        return repository.update(thing, shadow, stored -> engine.delete(thing, shadow, stored.orElse(null), EMPTY,
                now));
    }

    @Test
    void savesAndLoadsEveryField() throws Exception {
        StoredShadow shadow = engine.update("lamp", "cfg", null,
                bytes("{\"state\":{\"desired\":{\"a\":1.50,\"rgb\":[1,2]},\"reported\":{\"on\":true}}}"), T0)
                .newShadow().orElseThrow();
        repository.save(shadow);
        StoredShadow loaded = repository.load("lamp", "cfg").orElseThrow();
        assertThat(loaded).isEqualTo(shadow);
        assertThat(ShadowJson.write(loaded.state())).contains("1.50");
        assertThat(repository.load("lamp", "")).isEmpty();
        assertThat(repository.load("other", "cfg")).isEmpty();
    }

    @Test
    void saveReplacesTheRow() throws Exception {
        StoredShadow v1 = engine.update("lamp", "", null, bytes("{\"state\":{\"desired\":{\"a\":1}}}"), T0)
                .newShadow().orElseThrow();
        StoredShadow v2 = engine.update("lamp", "", v1, bytes("{\"state\":{\"desired\":{\"a\":2}}}"), T0 + 1)
                .newShadow().orElseThrow();
        repository.save(v1);
        repository.save(v2);
        assertThat(repository.load("lamp", "")).contains(v2);
    }

    @Test
    void keepsDeletedShadowsWithTheirVersion() throws Exception {
        update("lamp", "", "{\"state\":{\"desired\":{\"a\":1}}}", T0);
        update("lamp", "", "{\"state\":{\"desired\":{\"a\":2}}}", T0);
        ShadowOutcome deleted = delete("lamp", "", T0 + 5);
        assertThat(deleted.isAccepted()).isTrue();
        StoredShadow stored = repository.load("lamp", "").orElseThrow();
        assertThat(stored.exists()).isFalse();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.timestamp()).isEqualTo(T0 + 5);

        assertThat(update("lamp", "", "{\"state\":{}}", T0 + 6).newShadow().orElseThrow().version()).isEqualTo(3);
        assertThat(repository.load("lamp", "").orElseThrow().exists()).isTrue();
    }

    @Test
    void updateStoresOnlyAcceptedChanges() throws Exception {
        update("lamp", "", "{\"state\":{\"desired\":{\"a\":1}}}", T0);
        ShadowOutcome conflict = update("lamp", "", "{\"state\":{\"desired\":{\"a\":2}},\"version\":7}", T0 + 1);
        assertThat(conflict.status()).isEqualTo(409);
        ShadowOutcome get = repository.update("lamp", "", stored -> engine.get("lamp", "", stored.orElse(null),
                EMPTY, T0 + 2));
        assertThat(get.isAccepted()).isTrue();
        StoredShadow stored = repository.load("lamp", "").orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.timestamp()).isEqualTo(T0);
        assertThat(stored.desired().orElseThrow().get("a").asInt()).isEqualTo(1);
    }

    @Test
    void aFailingOperationStoresNothing() throws Exception {
        update("lamp", "", "{\"state\":{\"desired\":{\"a\":1}}}", T0);
        assertThatThrownBy(() -> repository.update("lamp", "", stored -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        StoredShadow foreign = engine.update("other", "", null, bytes("{\"state\":{}}"), T0).newShadow().orElseThrow();
        assertThatThrownBy(() -> repository.update("lamp", "", stored ->
                engine.update("other", "", null, bytes("{\"state\":{}}"), T0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(repository.load("other", "")).isEmpty();
        assertThat(foreign.version()).isEqualTo(1);
        assertThat(repository.load("lamp", "").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void listsExistingNamedShadowsSortedWithoutTheClassicOne() throws Exception {
        update("lamp", "", "{\"state\":{}}", T0);
        update("lamp", "zeta", "{\"state\":{}}", T0);
        update("lamp", "alpha", "{\"state\":{}}", T0);
        update("lamp", "Mid", "{\"state\":{}}", T0);
        update("lamp", "gone", "{\"state\":{}}", T0);
        update("other", "beta", "{\"state\":{}}", T0);
        delete("lamp", "gone", T0 + 1);
        assertThat(repository.namedShadows("lamp")).containsExactly("Mid", "alpha", "zeta");
        assertThat(repository.namedShadows("other")).containsExactly("beta");
        assertThat(repository.namedShadows("nobody")).isEmpty();
    }

    @Test
    void dataSurvivesClosingAndReopening() throws Exception {
        update("lamp", "cfg", "{\"state\":{\"reported\":{\"fw\":\"1.2.3\"}}}", T0);
        update("lamp", "", "{\"state\":{\"desired\":{\"on\":true}}}", T0);
        StoredShadow before = repository.load("lamp", "cfg").orElseThrow();
        database.close();

        database = LocalCoreDatabase.open(dir);
        repository = new ShadowRepository(database);
        assertThat(repository.load("lamp", "cfg")).contains(before);
        assertThat(repository.namedShadows("lamp")).containsExactly("cfg");
        assertThat(update("lamp", "", "{\"state\":{}}", T0 + 1).newShadow().orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void concurrentUpdatesOfOneShadowLoseNoVersion() throws Exception {
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> versions = new ArrayList<>();
                    for (int i = 1; i <= perThread; i++) {
                        ShadowOutcome outcome = update("lamp", "race",
                                "{\"state\":{\"reported\":{\"t" + id + "\":" + i + "}}}", T0 + i);
                        versions.add(outcome.response().get("version").asLong());
                    }
                    return versions;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
            assertThat(all).allMatch(v -> v >= 1 && v <= threads * perThread);
            StoredShadow stored = repository.load("lamp", "race").orElseThrow();
            assertThat(stored.version()).isEqualTo(threads * perThread);
            for (int t = 0; t < threads; t++) {
                assertThat(stored.reported().orElseThrow().get("t" + t).asInt()).as("thread %d", t)
                        .isEqualTo(perThread);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentOptimisticUpdatesLetExactlyOneWinPerVersion() throws Exception {
        update("lamp", "lock", "{\"state\":{}}", T0);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await();
                    return update("lamp", "lock", "{\"state\":{\"desired\":{\"owner\":" + id + "}},\"version\":1}",
                            T0 + 1).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
            assertThat(repository.load("lamp", "lock").orElseThrow().version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
