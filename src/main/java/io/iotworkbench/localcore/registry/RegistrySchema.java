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
