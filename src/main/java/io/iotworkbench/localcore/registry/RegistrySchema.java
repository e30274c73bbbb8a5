package io.iotworkbench.localcore.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The registry's tables in the shared Local IoT Core database, all prefixed {@code registry_}. Times are epoch
 * milliseconds. Created idempotently; run inside a transaction. Stateless.
 */
final class RegistrySchema {

    private static final String[] TABLES = {
        """
        CREATE TABLE IF NOT EXISTS registry_things (
            name TEXT PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            type_name TEXT,
            version INTEGER NOT NULL,
            created_ms INTEGER NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS registry_thing_attributes (
            thing_name TEXT NOT NULL REFERENCES registry_things(name) ON DELETE CASCADE,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (thing_name, name))""",
        """
        CREATE TABLE IF NOT EXISTS registry_certificates (
            id TEXT PRIMARY KEY,
            pem TEXT NOT NULL,
            status TEXT NOT NULL,
            ca_certificate_id TEXT,
            mode TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            modified_ms INTEGER NOT NULL,
            not_before_ms INTEGER NOT NULL,
            not_after_ms INTEGER NOT NULL,
            customer_version INTEGER NOT NULL,
            generation_id TEXT NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS registry_policies (
            name TEXT PRIMARY KEY,
            document TEXT NOT NULL,
            default_version_id TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            modified_ms INTEGER NOT NULL,
            generation_id TEXT NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS registry_policy_targets (
            policy_name TEXT NOT NULL REFERENCES registry_policies(name),
            target TEXT NOT NULL,
            PRIMARY KEY (policy_name, target))""",
        "CREATE INDEX IF NOT EXISTS registry_policy_targets_by_target ON registry_policy_targets(target)",
        """
        CREATE TABLE IF NOT EXISTS registry_thing_principals (
            thing_name TEXT NOT NULL REFERENCES registry_things(name),
            principal TEXT NOT NULL,
            type TEXT NOT NULL,
            PRIMARY KEY (thing_name, principal))""",
        "CREATE INDEX IF NOT EXISTS registry_thing_principals_by_principal ON registry_thing_principals(principal)",
        """
        CREATE TABLE IF NOT EXISTS registry_policy_versions (
            policy_name TEXT NOT NULL REFERENCES registry_policies(name) ON DELETE CASCADE,
            version_id INTEGER NOT NULL,
            document TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            PRIMARY KEY (policy_name, version_id))""",
        // the last version id handed out per policy: ids are never reused, also after a version was deleted
        """
        CREATE TABLE IF NOT EXISTS registry_policy_version_ids (
            policy_name TEXT PRIMARY KEY REFERENCES registry_policies(name) ON DELETE CASCADE,
            last_version_id INTEGER NOT NULL)""",
        // policies stored before versions were kept: their default version becomes their first kept version
        """
        INSERT OR IGNORE INTO registry_policy_versions (policy_name, version_id, document, created_ms)
            SELECT name, CAST(default_version_id AS INTEGER), document, modified_ms FROM registry_policies""",
        """
        INSERT OR IGNORE INTO registry_policy_version_ids (policy_name, last_version_id)
            SELECT name, CAST(default_version_id AS INTEGER) FROM registry_policies""",
        """
        CREATE TABLE IF NOT EXISTS registry_thing_types (
            name TEXT PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            properties TEXT NOT NULL,
            deprecated INTEGER NOT NULL,
            deprecated_ms INTEGER,
            created_ms INTEGER NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS registry_things_by_type ON registry_things(type_name)",
    };

    private RegistrySchema() {
    }

    static Void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : TABLES) {
                s.execute(sql);
            }
        }
        return null;
    }
}
