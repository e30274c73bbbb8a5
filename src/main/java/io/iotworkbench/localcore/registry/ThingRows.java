package io.iotworkbench.localcore.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * SQL for things and their attributes. Every method runs on the caller's connection inside the caller's transaction;
 * no validation happens here. Stateless.
 */
final class ThingRows {

    private ThingRows() {
    }

    static Optional<ThingRecord> read(Connection c, String name, Function<String, String> arn) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT name, id, type_name, version, created_ms FROM registry_things WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(map(c, r, arn)) : Optional.empty();
            }
        }
    }

    static void insert(Connection c, ThingRecord t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO registry_things (name, id, type_name, version, created_ms) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, t.name());
            s.setString(2, t.id());
            s.setString(3, t.thingTypeName());
            s.setLong(4, t.version());
            s.setLong(5, t.creationDate().toEpochMilli());
            s.executeUpdate();
        }
        writeAttributes(c, t.name(), t.attributes());
    }

    static void update(Connection c, ThingRecord t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE registry_things SET type_name = ?, version = ? WHERE name = ?")) {
            s.setString(1, t.thingTypeName());
            s.setLong(2, t.version());
            s.setString(3, t.name());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM registry_thing_attributes WHERE thing_name = ?")) {
            s.setString(1, t.name());
            s.executeUpdate();
        }
        writeAttributes(c, t.name(), t.attributes());
    }

    static void delete(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM registry_things WHERE name = ?")) {
            s.setString(1, name);
            s.executeUpdate();
        }
    }

    /** Up to {@code limit} things after {@code afterName} (exclusive, null = from the start), by name. */
    static List<ThingRecord> list(Connection c, ThingFilter filter, String afterName, int limit,
                                  Function<String, String> arn) throws SQLException {
        StringBuilder sql = new StringBuilder(
                "SELECT name, id, type_name, version, created_ms FROM registry_things t WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (afterName != null) {
            sql.append(" AND name > ?");
            args.add(afterName);
        }
        if (filter.thingTypeName() != null) {
            sql.append(" AND type_name = ?");
            args.add(filter.thingTypeName());
        }
        if (filter.attributeName() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM registry_thing_attributes a WHERE a.thing_name = t.name"
                    + " AND a.name = ?");
            args.add(filter.attributeName());
            if (filter.attributeValue() != null && filter.usePrefixAttributeValue()) {
                sql.append(" AND substr(a.value, 1, length(?)) = ?");
                args.add(filter.attributeValue());
                args.add(filter.attributeValue());
            } else if (filter.attributeValue() != null) {
                sql.append(" AND a.value = ?");
                args.add(filter.attributeValue());
            }
            sql.append(")");
        }
        sql.append(" ORDER BY name LIMIT ?");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (String a : args) {
                s.setString(i++, a);
            }
            s.setInt(i, limit);
            List<ThingRecord> result = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.add(map(c, r, arn));
                }
            }
            return result;
        }
    }

    private static ThingRecord map(Connection c, ResultSet r, Function<String, String> arn) throws SQLException {
        String name = r.getString("name");
        return new ThingRecord(name, r.getString("id"), arn.apply(name), r.getString("type_name"),
                attributes(c, name), r.getLong("version"), Instant.ofEpochMilli(r.getLong("created_ms")));
    }

    private static Map<String, String> attributes(Connection c, String thingName) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT name, value FROM registry_thing_attributes WHERE thing_name = ?")) {
            s.setString(1, thingName);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.put(r.getString(1), r.getString(2));
                }
            }
        }
        return result;
    }

    private static void writeAttributes(Connection c, String thingName, Map<String, String> attributes)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO registry_thing_attributes (thing_name, name, value) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                s.setString(1, thingName);
                s.setString(2, e.getKey());
                s.setString(3, e.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
