package io.iotworkbench.localcore.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.store.LocalCoreDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Thing types, as AWS IoT keeps them: CreateThingType (the same name and properties again returns the existing type,
 * other properties are ResourceAlreadyExistsException), DescribeThingType, ListThingTypes (by name, optionally one
 * name), DeprecateThingType (and undo), DeleteThingType. A deprecated type cannot be given to a thing
 * (InvalidRequestException), things that have it keep it; a thing type that does not exist is ResourceNotFound for
 * CreateThing and UpdateThing ({@link #requireAssignable}). DeleteThingType needs the type deprecated for at least
 * the configured wait (AWS: five minutes; the Local IoT Core's default is 0, see README) and no thing of that type.
 * Properties: {@code thingTypeDescription} up to 2,028 characters, at most 3 {@code searchableAttributes} named like
 * attributes; other fields (e.g. {@code mqtt5Configuration}) are kept as sent.
 *
 * <p>Thread-safe: each operation is one transaction of the shared database (which serialises them).
 */
public final class ThingTypes {

    static final int MAX_SEARCHABLE_ATTRIBUTES = 3;
    static final int MAX_DESCRIPTION = 2028;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LocalCoreDatabase database;
    private final Function<String, String> arn;
    private final Clock clock;
    private final Duration deletionWait;

    ThingTypes(LocalCoreDatabase database, Function<String, String> arn, Clock clock, Duration deletionWait) {
        this.database = database;
        this.arn = arn;
        this.clock = clock;
        this.deletionWait = deletionWait;
    }

    /** How long a type must have been deprecated before it may be deleted. */
    public Duration deletionWait() {
        return deletionWait;
    }

    /** CreateThingType; {@code properties} may be null (no properties). */
    public ThingTypeRecord create(String name, JsonNode properties) {
        RegistryValidation.thingTypeName(name);
        RegistryValidation.check(name != null, "CreateThingType needs a thingTypeName.");
        String json = checkedProperties(properties);
        return tx(c -> {
            Optional<ThingTypeRecord> existing = read(c, name);
            if (existing.isPresent()) {
                if (sameJson(existing.get().propertiesJson(), json)) {
                    return withArn(existing.get());
                }
                throw new RegistryException(AwsErrorKind.RESOURCE_ALREADY_EXISTS, "Thing type " + name
                        + " already exists with other properties.");
            }
            ThingTypeRecord t = new ThingTypeRecord(name, UUID.randomUUID().toString(), arn.apply(name), json, false,
                    null, now());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO registry_thing_types (name, id, properties, "
                    + "deprecated, deprecated_ms, created_ms) VALUES (?, ?, ?, 0, NULL, ?)")) {
                s.setString(1, t.name());
                s.setString(2, t.id());
                s.setString(3, t.propertiesJson());
                s.setLong(4, t.creationDate().toEpochMilli());
                s.executeUpdate();
            }
            return t;
        });
    }

    /** DescribeThingType. */
    public ThingTypeRecord describe(String name) {
        RegistryValidation.thingTypeName(name);
        return withArn(tx(c -> read(c, name)).orElseThrow(() -> notFound(name)));
    }

    /** ListThingTypes: one page by name; {@code nameFilter} (may be null) lists that one type only. */
    public Page<ThingTypeRecord> list(String nextToken, Integer maxResults, String nameFilter) {
        int size = RegistryValidation.pageSize(maxResults, "maxResults");
        String after = PageTokens.decode(nextToken, "nextToken");
        List<ThingTypeRecord> rows = tx(c -> {
            StringBuilder sql = new StringBuilder("SELECT name, id, properties, deprecated, deprecated_ms, "
                    + "created_ms FROM registry_thing_types WHERE name > ?");
            if (nameFilter != null && !nameFilter.isEmpty()) {
                sql.append(" AND name = ?");
            }
            sql.append(" ORDER BY name LIMIT ?");
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int i = 1;
                s.setString(i++, after == null ? "" : after);
                if (nameFilter != null && !nameFilter.isEmpty()) {
                    s.setString(i++, nameFilter);
                }
                s.setInt(i, size + 1);
                List<ThingTypeRecord> result = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        result.add(map(r));
                    }
                }
                return result;
            }
        });
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        List<ThingTypeRecord> items = rows.subList(0, size);
        return new Page<>(items, PageTokens.encode(items.get(size - 1).name()));
    }

    /** DeprecateThingType, or with {@code undo} makes the type usable again. */
    public void deprecate(String name, boolean undo) {
        RegistryValidation.thingTypeName(name);
        tx(c -> {
            read(c, name).orElseThrow(() -> notFound(name));
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE registry_thing_types SET deprecated = ?, deprecated_ms = ? WHERE name = ?")) {
                s.setInt(1, undo ? 0 : 1);
                if (undo) {
                    s.setNull(2, java.sql.Types.INTEGER);
                } else {
                    s.setLong(2, now().toEpochMilli());
                }
                s.setString(3, name);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** DeleteThingType: only a type deprecated for at least {@link #deletionWait()} that no thing has. */
    public void delete(String name) {
        RegistryValidation.thingTypeName(name);
        tx(c -> {
            ThingTypeRecord t = read(c, name).orElseThrow(() -> notFound(name));
            if (!t.deprecated()) {
                throw new RegistryException(AwsErrorKind.INVALID_REQUEST, "Thing type " + name + " is not "
                        + "deprecated; deprecate it (DeprecateThingType) before deleting it.");
            }
            Instant allowed = t.deprecationDate().plus(deletionWait);
            if (now().isBefore(allowed)) {
                throw new RegistryException(AwsErrorKind.INVALID_REQUEST, "Thing type " + name + " was deprecated "
                        + "less than " + describe(deletionWait) + " ago; it can be deleted from " + allowed + ".");
            }
            int things = thingsOfType(c, name);
            if (things > 0) {
                throw new RegistryException(AwsErrorKind.INVALID_REQUEST, "Thing type " + name + " still has "
                        + things + " thing(s); give them another type or none (UpdateThing) first.");
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM registry_thing_types WHERE name = ?")) {
                s.setString(1, name);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** For CreateThing and UpdateThing, inside their transaction: the type exists and is not deprecated. */
    static void requireAssignable(Connection c, String typeName) throws SQLException {
        ThingTypeRecord t = read(c, typeName).orElseThrow(() -> notFound(typeName));
        if (t.deprecated()) {
            throw new RegistryException(AwsErrorKind.INVALID_REQUEST, "Thing type " + typeName + " is deprecated: "
                    + "new things cannot be associated with it.");
        }
    }

    // ----------------------------------------------------------------------------- helpers

    private static Optional<ThingTypeRecord> read(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT name, id, properties, deprecated, deprecated_ms, "
                + "created_ms FROM registry_thing_types WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(mapStatic(r)) : Optional.empty();
            }
        }
    }

    private ThingTypeRecord map(ResultSet r) throws SQLException {
        return withArn(mapStatic(r));
    }

    private ThingTypeRecord withArn(ThingTypeRecord t) {
        return new ThingTypeRecord(t.name(), t.id(), arn.apply(t.name()), t.propertiesJson(), t.deprecated(),
                t.deprecationDate(), t.creationDate());
    }

    private static ThingTypeRecord mapStatic(ResultSet r) throws SQLException {
        long deprecatedMs = r.getLong(5);
        boolean hasDate = !r.wasNull();
        return new ThingTypeRecord(r.getString(1), r.getString(2), null, r.getString(3), r.getInt(4) != 0,
                hasDate ? Instant.ofEpochMilli(deprecatedMs) : null, Instant.ofEpochMilli(r.getLong(6)));
    }

    private static int thingsOfType(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM registry_things WHERE type_name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static String checkedProperties(JsonNode properties) {
        if (properties == null || properties.isNull() || properties.isMissingNode()) {
            return "{}";
        }
        RegistryValidation.check(properties.isObject(), "The thingTypeProperties must be an object.");
        JsonNode description = properties.get("thingTypeDescription");
        if (description != null && !description.isNull()) {
            RegistryValidation.check(description.isTextual() && description.asText().length() <= MAX_DESCRIPTION,
                    "The thingTypeDescription must be text of at most " + MAX_DESCRIPTION + " characters.");
        }
        JsonNode searchable = properties.get("searchableAttributes");
        if (searchable != null && !searchable.isNull()) {
            RegistryValidation.check(searchable.isArray() && searchable.size() <= MAX_SEARCHABLE_ATTRIBUTES,
                    "The searchableAttributes must be a list of at most " + MAX_SEARCHABLE_ATTRIBUTES
                            + " attribute names.");
            for (JsonNode a : searchable) {
                RegistryValidation.check(a.isTextual(), "Each searchable attribute must be an attribute name.");
                RegistryValidation.attributes(java.util.Map.of(a.asText(), "x"), "typed");
            }
        }
        ObjectNode copy = ((ObjectNode) properties).deepCopy();
        try {
            return MAPPER.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameJson(String a, String b) {
        try {
            return MAPPER.readTree(a).equals(MAPPER.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String describe(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " minute(s)" : d.toSeconds() + " second(s)";
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private static RegistryException notFound(String name) {
        return new RegistryException(AwsErrorKind.RESOURCE_NOT_FOUND, "Thing type " + name + " does not exist.");
    }

    private <T> T tx(LocalCoreDatabase.Work<T> work) {
        try {
            return database.inTransaction(work);
        } catch (SQLException e) {
            throw new RegistryException(AwsErrorKind.INTERNAL_FAILURE,
                    "The Local IoT Core database failed: " + e.getMessage(), e);
        }
    }
}
