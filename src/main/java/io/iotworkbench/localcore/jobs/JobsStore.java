package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.localcore.store.LocalCoreDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The jobs service's tables in the shared Local IoT Core database ({@code jobs_jobs}, {@code jobs_executions},
 * {@code jobs_thing_groups}), each row one object as JSON. Writes of one request happen in one transaction
 * ({@link #write}); the service answers only after it returned. Thread-safe through the database's lock.
 */
final class JobsStore {

    /** What one request changed. */
    static final class Changes {
        final List<Job> jobs = new ArrayList<>();
        final List<JobExecution> executions = new ArrayList<>();
        final List<String> deletedJobs = new ArrayList<>();
        final List<ThingGroup> groups = new ArrayList<>();
        final List<String> deletedGroups = new ArrayList<>();

        boolean isEmpty() {
            return jobs.isEmpty() && executions.isEmpty() && deletedJobs.isEmpty() && groups.isEmpty()
                    && deletedGroups.isEmpty();
        }
    }

    /** Everything stored, for the service to load at start. */
    record Snapshot(List<Job> jobs, List<JobExecution> executions, List<ThingGroup> groups) {
    }

    private final LocalCoreDatabase database;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    JobsStore(LocalCoreDatabase database) throws SQLException {
        this.database = database;
        database.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS jobs_jobs (job_id TEXT PRIMARY KEY, doc TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS jobs_executions (job_id TEXT NOT NULL, thing_name TEXT NOT NULL,"
                        + " doc TEXT NOT NULL, PRIMARY KEY (job_id, thing_name))");
                s.execute("CREATE TABLE IF NOT EXISTS jobs_thing_groups (name TEXT PRIMARY KEY, doc TEXT NOT NULL)");
            }
            return null;
        });
    }

    Snapshot load() throws SQLException {
        Snapshot s = database.inTransaction(c -> new Snapshot(read(c, "SELECT doc FROM jobs_jobs", Job.class),
                read(c, "SELECT doc FROM jobs_executions", JobExecution.class),
                read(c, "SELECT doc FROM jobs_thing_groups", ThingGroup.class)));
        for (Job j : s.jobs()) {
            if (j.presignedUrlConfig != null && j.presignedUrlConfig.isNull()) {
                j.presignedUrlConfig = null; // a stored JSON null reads back as a NullNode
            }
        }
        return s;
    }

    private <T> List<T> read(Connection c, String sql, Class<T> type) throws SQLException {
        List<T> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                try {
                    out.add(json.readValue(rs.getString(1), type));
                } catch (JsonProcessingException e) {
                    throw new SQLException("A stored " + type.getSimpleName() + " cannot be read: "
                            + e.getOriginalMessage(), e);
                }
            }
        }
        return out;
    }

    void write(Changes changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        database.inTransaction(c -> {
            for (String id : changes.deletedJobs) {
                delete(c, "DELETE FROM jobs_executions WHERE job_id = ?", id);
                delete(c, "DELETE FROM jobs_jobs WHERE job_id = ?", id);
            }
            for (String name : changes.deletedGroups) {
                delete(c, "DELETE FROM jobs_thing_groups WHERE name = ?", name);
            }
            upsert(c, "INSERT OR REPLACE INTO jobs_jobs (job_id, doc) VALUES (?, ?)", changes.jobs,
                    j -> new String[] {j.jobId});
            upsert(c, "INSERT OR REPLACE INTO jobs_executions (job_id, thing_name, doc) VALUES (?, ?, ?)",
                    changes.executions, e -> new String[] {e.jobId, e.thingName});
            upsert(c, "INSERT OR REPLACE INTO jobs_thing_groups (name, doc) VALUES (?, ?)", changes.groups,
                    g -> new String[] {g.name});
            return null;
        });
    }

    private static void delete(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, key);
            p.executeUpdate();
        }
    }

    private <T> void upsert(Connection c, String sql, Collection<T> items,
                            java.util.function.Function<T, String[]> keys) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (T item : items) {
                String[] k = keys.apply(item);
                for (int i = 0; i < k.length; i++) {
                    p.setString(i + 1, k[i]);
                }
                try {
                    p.setString(k.length + 1, json.writeValueAsString(item));
                } catch (JsonProcessingException e) {
                    throw new SQLException("Cannot serialise " + item.getClass().getSimpleName(), e);
                }
                p.executeUpdate();
            }
        }
    }
}
