package io.iotworkbench.localcore.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for principals attached to things. Every method runs on the caller's connection inside the caller's
 * transaction; no validation happens here. Stateless.
 */
final class PrincipalRows {

    private PrincipalRows() {
    }

    static void attach(Connection c, ThingPrincipal p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT OR REPLACE INTO registry_thing_principals (thing_name, principal, type) VALUES (?, ?, ?)")) {
            s.setString(1, p.thingName());
            s.setString(2, p.principal());
            s.setString(3, p.type().name());
            s.executeUpdate();
        }
    }

    static void detach(Connection c, String thingName, String principal) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM registry_thing_principals WHERE thing_name = ? AND principal = ?")) {
            s.setString(1, thingName);
            s.setString(2, principal);
            s.executeUpdate();
        }
    }

    /** Attachments of {@code thingName}, by principal, after {@code afterPrincipal} (null = from the start). */
    static List<ThingPrincipal> ofThing(Connection c, String thingName, String afterPrincipal, int limit)
            throws SQLException {
        return query(c, "SELECT thing_name, principal, type FROM registry_thing_principals "
                + "WHERE thing_name = ? AND principal > ? ORDER BY principal LIMIT ?", thingName, afterPrincipal,
                limit);
    }

    /** Attachments of {@code principal}, by thing name, after {@code afterThing} (null = from the start). */
    static List<ThingPrincipal> ofPrincipal(Connection c, String principal, String afterThing, int limit)
            throws SQLException {
        return query(c, "SELECT thing_name, principal, type FROM registry_thing_principals "
                + "WHERE principal = ? AND thing_name > ? ORDER BY thing_name LIMIT ?", principal, afterThing, limit);
    }

    private static List<ThingPrincipal> query(Connection c, String sql, String key, String after, int limit)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            s.setString(2, after == null ? "" : after);
            s.setInt(3, limit);
            List<ThingPrincipal> result = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.add(new ThingPrincipal(r.getString(1), r.getString(2),
                            ThingPrincipalType.valueOf(r.getString(3))));
                }
            }
            return result;
        }
    }
}
