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

    private final LocalCoreDatabase database;

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
        });
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
            }
            return outcome;
        });
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
            upsert.setString(1, shadow.thingName());
            upsert.setString(2, shadow.shadowName());
            upsert.setLong(3, shadow.version());
            upsert.setInt(4, shadow.exists() ? 1 : 0);
            upsert.setString(5, ShadowJson.write(shadow.state()));
            upsert.setString(6, ShadowJson.write(shadow.metadata()));
            upsert.setLong(7, shadow.timestamp());
            upsert.executeUpdate();
        }
    }
}
