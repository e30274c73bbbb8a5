package io.iotworkbench.localcore.shadow;

import io.iotworkbench.localcore.store.LocalCoreDatabase;
import io.iotworkbench.shadow.ShadowJson;
import io.iotworkbench.shadow.ShadowNames;
import io.iotworkbench.shadow.ShadowOutcome;
import io.iotworkbench.shadow.StoredShadow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Local IoT Core's shadows, kept in the {@code shadow} table of the {@link LocalCoreDatabase}: one row per thing
 * and shadow name ("" for the classic shadow), with the version, an exists flag (0 after a delete; the row stays so
 * the version counter survives), state and metadata as JSON text, and the epoch second of the last change.
 *
 * <p>{@link #update} is the way to change a shadow: it loads, runs the engine operation and stores the result in one
 * transaction, so concurrent requests on one shadow are applied one after another and no version is lost.
 *
 * <p>Thread-safe: every method is one {@link LocalCoreDatabase#inTransaction} call, and the database runs those one at
 * a time.
 */
public final class ShadowRepository {

    private static final String CREATE_TABLE = """
            CREATE TABLE IF NOT EXISTS shadow (
                thing_name  TEXT    NOT NULL,
                shadow_name TEXT    NOT NULL,
                version     INTEGER NOT NULL,
                exists_flag INTEGER NOT NULL,
                state       TEXT    NOT NULL,
                metadata    TEXT    NOT NULL,
                timestamp   INTEGER NOT NULL,
                PRIMARY KEY (thing_name, shadow_name)
            )""";
    private static final String SELECT = "SELECT version, exists_flag, state, metadata, timestamp FROM shadow"
            + " WHERE thing_name = ? AND shadow_name = ?";
    private static final String UPSERT = "INSERT INTO shadow"
            + " (thing_name, shadow_name, version, exists_flag, state, metadata, timestamp)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (thing_name, shadow_name) DO UPDATE SET version = excluded.version,"
            + " exists_flag = excluded.exists_flag, state = excluded.state, metadata = excluded.metadata,"
            + " timestamp = excluded.timestamp";
    private static final String SELECT_NAMED = "SELECT shadow_name FROM shadow"
            + " WHERE thing_name = ? AND shadow_name <> '' AND exists_flag = 1 ORDER BY shadow_name";

    private static final int CACHE_SIZE = 10_000;

    private final LocalCoreDatabase database;
    /** Write-through cache of recently used shadows; changed only after a successful commit. */
    private final Map<String, StoredShadow> cache = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, StoredShadow> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    /** One read-modify-write of a batch: the shadow's current state in, the outcome out. */
    public record Operation(String thingName, String shadowName,
                            Function<Optional<StoredShadow>, ShadowOutcome> apply) {
    }

    /** Creates the {@code shadow} table if it is missing. */
    public ShadowRepository(LocalCoreDatabase database) throws SQLException {
        this.database = Objects.requireNonNull(database, "database");
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_TABLE);
            }
            return null;
        });
    }

    /** The stored shadow, deleted ones included (their version counter still matters), or empty. */
    public Optional<StoredShadow> load(String thingName, String shadowName) throws SQLException {
        return database.inTransaction(connection -> load(connection, thingName, shadowName));
    }

    /** Inserts or replaces the shadow's row. */
    public void save(StoredShadow shadow) throws SQLException {
        Objects.requireNonNull(shadow, "shadow");
        database.inTransaction(connection -> {
            save(connection, shadow);
            return null;
        }, () -> cache.put(key(shadow.thingName(), shadow.shadowName()), shadow));
    }

    /** The thing's named shadows that exist (not deleted), sorted; the classic shadow is never listed. */
    public List<String> namedShadows(String thingName) throws SQLException {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_NAMED)) {
                select.setString(1, thingName);
                List<String> names = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                return List.copyOf(names);
            }
        });
    }

    /**
     * Runs one engine operation on one shadow atomically: loads it, hands it to {@code operation}, and stores the
     * outcome's {@link ShadowOutcome#newShadow() new shadow} if there is one, all in one transaction. Publish the
     * outcome's messages only after this returned: then the change is committed.
     *
     * @param operation e.g. {@code stored -> engine.update(thing, shadow, stored.orElse(null), payload, now)}; must
     *                  not call back into this repository
     * @throws IllegalArgumentException when the new shadow belongs to another thing or shadow name
     */
    public ShadowOutcome update(String thingName, String shadowName,
                                Function<Optional<StoredShadow>, ShadowOutcome> operation) throws SQLException {
        ShadowNames.requireThingName(thingName);
        ShadowNames.requireShadowName(shadowName);
        Objects.requireNonNull(operation, "operation");
        Map<String, StoredShadow> written = new java.util.HashMap<>();
        return database.inTransaction(connection -> {
            ShadowOutcome outcome = Objects.requireNonNull(operation.apply(load(connection, thingName, shadowName)),
                    "the operation returned no outcome");
            Optional<StoredShadow> changed = outcome.newShadow();
            if (changed.isPresent()) {
                StoredShadow shadow = changed.get();
                if (!shadow.thingName().equals(thingName) || !shadow.shadowName().equals(shadowName)) {
                    throw new IllegalArgumentException("The operation on " + thingName + "/'" + shadowName
                            + "' returned the shadow " + shadow.thingName() + "/'" + shadow.shadowName() + "'");
                }
                save(connection, shadow);
                written.put(key(thingName, shadowName), shadow);
            }
            return outcome;
        }, () -> cache.putAll(written));
    }

    /**
     * Runs a batch of operations in ONE transaction, in order; a later operation on the same shadow sees the earlier
     * one's result. An operation that throws gets {@code null} as its outcome and changes nothing; the others go on.
     * The whole batch is committed before this returns, so its replies may then be published.
     */
    public List<ShadowOutcome> updateAll(List<Operation> operations) throws SQLException {
        Map<String, StoredShadow> written = new java.util.HashMap<>();
        List<ShadowOutcome> outcomes = database.inTransaction(connection -> {
            List<ShadowOutcome> results = new ArrayList<>(operations.size());
            // one prepared statement per batch, not one per operation: SQLite parses the UPSERT once
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (Operation op : operations) {
                    String key = key(op.thingName(), op.shadowName());
                    try {
                        StoredShadow current = written.containsKey(key) ? written.get(key) : cached(connection, op);
                        ShadowOutcome outcome = op.apply().apply(Optional.ofNullable(current));
                        Optional<StoredShadow> changed = outcome.newShadow();
                        if (changed.isPresent()) {
                            bind(upsert, changed.get());
                            upsert.executeUpdate();
                            written.put(key, changed.get());
                        }
                        results.add(outcome);
                    } catch (RuntimeException e) {
                        results.add(null);
                    }
                }
            }
            return results;
        }, () -> cache.putAll(written));
        return outcomes;
    }

    private StoredShadow cached(Connection connection, Operation op) throws SQLException {
        String key = key(op.thingName(), op.shadowName());
        StoredShadow hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        StoredShadow loaded = load(connection, op.thingName(), op.shadowName()).orElse(null);
        if (loaded != null) {
            cache.put(key, loaded);
        }
        return loaded;
    }

    private static String key(String thingName, String shadowName) {
        return thingName + '\u0000' + shadowName;
    }

    private static Optional<StoredShadow> load(Connection connection, String thingName, String shadowName)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, thingName);
            select.setString(2, shadowName);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredShadow(thingName, shadowName, row.getLong("version"),
                        row.getInt("exists_flag") != 0, ShadowJson.parseObject(row.getString("state")),
                        ShadowJson.parseObject(row.getString("metadata")), row.getLong("timestamp")));
            }
        }
    }

    private static void save(Connection connection, StoredShadow shadow) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            bind(upsert, shadow);
            upsert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement upsert, StoredShadow shadow) throws SQLException {
        upsert.setString(1, shadow.thingName());
        upsert.setString(2, shadow.shadowName());
        upsert.setLong(3, shadow.version());
        upsert.setInt(4, shadow.exists() ? 1 : 0);
        upsert.setString(5, ShadowJson.write(shadow.state()));
        upsert.setString(6, ShadowJson.write(shadow.metadata()));
        upsert.setLong(7, shadow.timestamp());
    }
}
