package io.iotworkbench.localcore.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one page of a listing ordered by creation time, then key ({@link PageTokens.TimeKey}): certificates by
 * id, policies by name. Runs on the caller's connection inside the caller's transaction. Stateless.
 */
final class TimeKeyPages {

    /** One row to one record. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet r) throws SQLException;
    }

    private TimeKeyPages() {
    }

    /**
     * Up to {@code limit} rows of {@code table} after {@code after} (null = from the start), by {@code created_ms}
     * then {@code keyColumn}, both ascending or both descending. Table and column names are the code's own.
     */
    static <T> List<T> page(Connection c, String table, String columns, String keyColumn, PageTokens.TimeKey after,
                            boolean ascending, int limit, RowMapper<T> mapper) throws SQLException {
        String cmp = ascending ? ">" : "<";
        String dir = ascending ? "ASC" : "DESC";
        String where = after == null ? "" : " WHERE created_ms " + cmp + " ? OR (created_ms = ? AND " + keyColumn
                + " " + cmp + " ?)";
        try (PreparedStatement s = c.prepareStatement("SELECT " + columns + " FROM " + table + where
                + " ORDER BY created_ms " + dir + ", " + keyColumn + " " + dir + " LIMIT ?")) {
            int i = 1;
            if (after != null) {
                s.setLong(i++, after.createdMillis());
                s.setLong(i++, after.createdMillis());
                s.setString(i++, after.key());
            }
            s.setInt(i, limit);
            List<T> result = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.add(mapper.map(r));
                }
            }
            return result;
        }
    }
}
