package io.iotworkbench.localcore.ota;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.store.LocalCoreDatabase;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One table of the Local IoT Core database holding JSON objects by id (streams, OTA updates): each write is its own
 * transaction, committed before the caller changes its memory. Thread-safe through the database's lock.
 */
final class JsonRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalCoreDatabase database;
    private final String table;

    JsonRows(LocalCoreDatabase database, String table) throws SQLException {
        this.database = database;
        this.table = table;
        database.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id TEXT PRIMARY KEY, doc TEXT NOT NULL)");
            }
            return null;
        });
    }

    Map<String, ObjectNode> load() throws SQLException {
        return database.inTransaction(c -> {
            Map<String, ObjectNode> out = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, doc FROM " + table)) {
                while (rs.next()) {
                    try {
                        out.put(rs.getString(1), (ObjectNode) JSON.readTree(rs.getString(2)));
                    } catch (JsonProcessingException e) {
                        throw new SQLException("damaged row " + rs.getString(1) + " in " + table, e);
                    }
                }
            }
            return out;
        });
    }

    void put(String id, ObjectNode doc) throws SQLException {
        database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO " + table
                    + " (id, doc) VALUES (?, ?)")) {
                p.setString(1, id);
                p.setString(2, doc.toString());
                p.executeUpdate();
            }
            return null;
        });
    }

    void delete(String id) throws SQLException {
        database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
                p.setString(1, id);
                p.executeUpdate();
            }
            return null;
        });
    }
}
