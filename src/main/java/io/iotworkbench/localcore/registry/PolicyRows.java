package io.iotworkbench.localcore.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * SQL for policies and their attachments to targets. Every method runs on the caller's connection inside the caller's
 * transaction; no validation happens here. Stateless.
 */
final class PolicyRows {

    private static final String COLUMNS = "name, document, default_version_id, created_ms, modified_ms, generation_id";

    private PolicyRows() {
    }

    static Optional<PolicyRecord> read(Connection c, String name, Function<String, String> arn) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM registry_policies WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(map(r, arn)) : Optional.empty();
            }
        }
    }

    static void insert(Connection c, PolicyRecord p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO registry_policies (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, p.name());
            s.setString(2, p.document());
            s.setString(3, p.defaultVersionId());
            s.setLong(4, p.creationDate().toEpochMilli());
            s.setLong(5, p.lastModifiedDate().toEpochMilli());
            s.setString(6, p.generationId());
            s.executeUpdate();
        }
    }

    /** Replaces the document, default version, modification date and generation of an existing policy. */
    static void updateDocument(Connection c, PolicyRecord p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE registry_policies SET document = ?, "
                + "default_version_id = ?, modified_ms = ?, generation_id = ? WHERE name = ?")) {
            s.setString(1, p.document());
            s.setString(2, p.defaultVersionId());
            s.setLong(3, p.lastModifiedDate().toEpochMilli());
            s.setString(4, p.generationId());
            s.setString(5, p.name());
            s.executeUpdate();
        }
    }

    static void delete(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM registry_policies WHERE name = ?")) {
            s.setString(1, name);
            s.executeUpdate();
        }
    }

    /** Up to {@code limit} policies after {@code after} (null = from the start), by creation time then name. */
    static List<PolicyRecord> list(Connection c, PageTokens.TimeKey after, boolean ascending, int limit,
                                   Function<String, String> arn) throws SQLException {
        return TimeKeyPages.page(c, "registry_policies", COLUMNS, "name", after, ascending, limit,
                r -> map(r, arn));
    }

    static boolean isAttached(Connection c, String policyName, String target) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM registry_policy_targets WHERE policy_name = ? AND target = ?")) {
            s.setString(1, policyName);
            s.setString(2, target);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    static boolean attach(Connection c, String policyName, String target) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT OR IGNORE INTO registry_policy_targets (policy_name, target) VALUES (?, ?)")) {
            s.setString(1, policyName);
            s.setString(2, target);
            return s.executeUpdate() > 0;
        }
    }

    static void detach(Connection c, String policyName, String target) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM registry_policy_targets WHERE policy_name = ? AND target = ?")) {
            s.setString(1, policyName);
            s.setString(2, target);
            s.executeUpdate();
        }
    }

    static void detachAll(Connection c, String target) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM registry_policy_targets WHERE target = ?")) {
            s.setString(1, target);
            s.executeUpdate();
        }
    }

    static int countForTarget(Connection c, String target) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM registry_policy_targets WHERE target = ?", target);
    }

    static int countForPolicy(Connection c, String policyName) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM registry_policy_targets WHERE policy_name = ?", policyName);
    }

    /** Policies attached to {@code target}, by name, after {@code afterName} (null = from the start). */
    static List<PolicyRecord> attachedTo(Connection c, String target, String afterName, int limit,
                                         Function<String, String> arn) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT p.name, p.document, p.default_version_id, p.created_ms, "
                + "p.modified_ms, p.generation_id FROM registry_policies p JOIN registry_policy_targets t "
                + "ON t.policy_name = p.name WHERE t.target = ? AND p.name > ? ORDER BY p.name LIMIT ?")) {
            s.setString(1, target);
            s.setString(2, afterName == null ? "" : afterName);
            s.setInt(3, limit);
            return collect(s, arn);
        }
    }

    /** Targets of {@code policyName}, sorted, after {@code afterTarget} (null = from the start). */
    static List<String> targetsOf(Connection c, String policyName, String afterTarget, int limit)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT target FROM registry_policy_targets "
                + "WHERE policy_name = ? AND target > ? ORDER BY target LIMIT ?")) {
            s.setString(1, policyName);
            s.setString(2, afterTarget == null ? "" : afterTarget);
            s.setInt(3, limit);
            List<String> result = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.add(r.getString(1));
                }
            }
            return result;
        }
    }

    private static List<PolicyRecord> collect(PreparedStatement s, Function<String, String> arn) throws SQLException {
        List<PolicyRecord> result = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                result.add(map(r, arn));
            }
        }
        return result;
    }

    private static int count(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static PolicyRecord map(ResultSet r, Function<String, String> arn) throws SQLException {
        String name = r.getString(1);
        return new PolicyRecord(name, arn.apply(name), r.getString(2), r.getString(3),
                Instant.ofEpochMilli(r.getLong(4)), Instant.ofEpochMilli(r.getLong(5)), r.getString(6));
    }
}
