package io.iotworkbench.localcore.registry;

import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.store.LocalCoreDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The versions of IoT policies, as AWS IoT keeps them: CreatePolicyVersion (at most {@value #MAX_VERSIONS} per
 * policy, VersionsLimitExceededException beyond), ListPolicyVersions, GetPolicyVersion, SetDefaultPolicyVersion and
 * DeletePolicyVersion (the default version cannot be deleted: DeleteConflictException). Version ids count up from 1
 * and are never reused. The default version's document is also the policy's document in {@code registry_policies}, so
 * everything that reads a policy (GetPolicy, the policy evaluator) reads its default version; and DeletePolicy is
 * refused while non-default versions exist ({@link #checkDeletable}).
 *
 * <p>Thread-safe: each operation is one transaction of the shared database (which serialises them).
 */
public final class PolicyVersions {

    /** AWS IoT keeps at most five versions of a policy. */
    public static final int MAX_VERSIONS = 5;

    private static final Pattern VERSION_ID = Pattern.compile("[0-9]{1,9}");

    private final LocalCoreDatabase database;
    private final Function<String, String> policyArn;
    private final Clock clock;
    private final Runnable defaultChanged;

    PolicyVersions(LocalCoreDatabase database, Function<String, String> policyArn, Clock clock,
                   Runnable defaultChanged) {
        this.database = database;
        this.policyArn = policyArn;
        this.clock = clock;
        this.defaultChanged = defaultChanged;
    }

    /** CreatePolicyVersion; the new version becomes the default when {@code setAsDefault}. */
    public PolicyVersionRecord create(String policyName, String document, boolean setAsDefault) {
        RegistryValidation.policyName(policyName);
        PolicyDocuments.check(document);
        PolicyVersionRecord created = tx(c -> {
            PolicyRecord policy = requirePolicy(c, policyName);
            if (count(c, policyName) >= MAX_VERSIONS) {
                throw new RegistryException(AwsErrorKind.VERSIONS_LIMIT_EXCEEDED, "The policy " + policyName
                        + " already has the maximum number of versions (" + MAX_VERSIONS + "); delete one with "
                        + "DeletePolicyVersion first.");
            }
            long id = nextId(c, policyName);
            Instant now = Instant.ofEpochMilli(clock.millis());
            insert(c, policyName, id, document, now);
            if (setAsDefault) {
                makeDefault(c, policy, Long.toString(id), document, now);
            }
            return new PolicyVersionRecord(policyName, policy.arn(), Long.toString(id), document, setAsDefault, now);
        });
        if (setAsDefault) {
            defaultChanged.run();
        }
        return created;
    }

    /** ListPolicyVersions: every kept version, newest first. */
    public List<PolicyVersionRecord> list(String policyName) {
        RegistryValidation.policyName(policyName);
        return tx(c -> {
            PolicyRecord policy = requirePolicy(c, policyName);
            List<PolicyVersionRecord> result = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT version_id, document, created_ms FROM "
                    + "registry_policy_versions WHERE policy_name = ? ORDER BY version_id DESC")) {
                s.setString(1, policyName);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String id = Long.toString(r.getLong(1));
                        result.add(new PolicyVersionRecord(policyName, policy.arn(), id, r.getString(2),
                                id.equals(policy.defaultVersionId()), Instant.ofEpochMilli(r.getLong(3))));
                    }
                }
            }
            return result;
        });
    }

    /** GetPolicyVersion, with the policy's own record (for its dates and generation id). */
    public PolicyVersionRecord get(String policyName, String versionId) {
        RegistryValidation.policyName(policyName);
        long id = versionId(versionId);
        return tx(c -> {
            PolicyRecord policy = requirePolicy(c, policyName);
            return read(c, policy, id).orElseThrow(() -> versionNotFound(policyName, versionId));
        });
    }

    /** SetDefaultPolicyVersion: the version's document becomes the policy's operative document. */
    public void setDefault(String policyName, String versionId) {
        RegistryValidation.policyName(policyName);
        long id = versionId(versionId);
        tx(c -> {
            PolicyRecord policy = requirePolicy(c, policyName);
            PolicyVersionRecord version = read(c, policy, id).orElseThrow(() -> versionNotFound(policyName,
                    versionId));
            if (!version.isDefaultVersion()) {
                makeDefault(c, policy, version.versionId(), version.document(), Instant.ofEpochMilli(clock.millis()));
            }
            return null;
        });
        defaultChanged.run();
    }

    /** DeletePolicyVersion: any version but the default one (DeleteConflictException). */
    public void delete(String policyName, String versionId) {
        RegistryValidation.policyName(policyName);
        long id = versionId(versionId);
        tx(c -> {
            PolicyRecord policy = requirePolicy(c, policyName);
            PolicyVersionRecord version = read(c, policy, id).orElseThrow(() -> versionNotFound(policyName,
                    versionId));
            if (version.isDefaultVersion()) {
                throw new RegistryException(AwsErrorKind.DELETE_CONFLICT, "Cannot delete the default version "
                        + versionId + " of policy " + policyName + "; set another version as the default first, or "
                        + "delete the policy.");
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM registry_policy_versions WHERE policy_name = ? AND version_id = ?")) {
                s.setString(1, policyName);
                s.setLong(2, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    // ----------------------------------------------- used inside the Registry's transactions

    /** Keeps a new policy's document as its version 1. */
    static void created(Connection c, String policyName, String document, Instant now) throws SQLException {
        insert(c, policyName, 1, document, now);
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO registry_policy_version_ids "
                + "(policy_name, last_version_id) VALUES (?, 1)")) {
            s.setString(1, policyName);
            s.executeUpdate();
        }
    }

    /** DeletePolicy's extra rule: refused while versions other than the default exist. */
    static void checkDeletable(Connection c, String policyName) throws SQLException {
        int versions = count(c, policyName);
        if (versions > 1) {
            throw new RegistryException(AwsErrorKind.DELETE_CONFLICT, "The policy cannot be deleted as the policy "
                    + "has " + (versions - 1) + " non-default version(s); delete them with DeletePolicyVersion first "
                    + "(name=" + policyName + ")");
        }
    }

    // ---------------------------------------------------------------------------- SQL

    private static void insert(Connection c, String policyName, long id, String document, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO registry_policy_versions (policy_name, "
                + "version_id, document, created_ms) VALUES (?, ?, ?, ?)")) {
            s.setString(1, policyName);
            s.setLong(2, id);
            s.setString(3, document);
            s.setLong(4, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    private static long nextId(Connection c, String policyName) throws SQLException {
        long last = 0;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT last_version_id FROM registry_policy_version_ids WHERE policy_name = ?")) {
            s.setString(1, policyName);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    last = r.getLong(1);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COALESCE(MAX(version_id), 0) FROM registry_policy_versions WHERE policy_name = ?")) {
            s.setString(1, policyName);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                last = Math.max(last, r.getLong(1));
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO registry_policy_version_ids "
                + "(policy_name, last_version_id) VALUES (?, ?)")) {
            s.setString(1, policyName);
            s.setLong(2, last + 1);
            s.executeUpdate();
        }
        return last + 1;
    }

    private static int count(Connection c, String policyName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM registry_policy_versions WHERE policy_name = ?")) {
            s.setString(1, policyName);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static Optional<PolicyVersionRecord> read(Connection c, PolicyRecord policy, long id)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT document, created_ms FROM registry_policy_versions "
                + "WHERE policy_name = ? AND version_id = ?")) {
            s.setString(1, policy.name());
            s.setLong(2, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String versionId = Long.toString(id);
                return Optional.of(new PolicyVersionRecord(policy.name(), policy.arn(), versionId, r.getString(1),
                        versionId.equals(policy.defaultVersionId()), Instant.ofEpochMilli(r.getLong(2))));
            }
        }
    }

    private static void makeDefault(Connection c, PolicyRecord policy, String versionId, String document,
                                    Instant now) throws SQLException {
        PolicyRows.updateDocument(c, new PolicyRecord(policy.name(), policy.arn(), document, versionId,
                policy.creationDate(), now, UUID.randomUUID().toString()));
    }

    private PolicyRecord requirePolicy(Connection c, String policyName) throws SQLException {
        return PolicyRows.read(c, policyName, policyArn).orElseThrow(() -> new RegistryException(
                AwsErrorKind.RESOURCE_NOT_FOUND, "Policy " + policyName + " does not exist."));
    }

    private static long versionId(String versionId) {
        RegistryValidation.check(versionId != null && VERSION_ID.matcher(versionId).matches(), "The policy version "
                + "id '" + versionId + "' is not valid: use the number of a version, e.g. 1.");
        return Long.parseLong(versionId);
    }

    private static RegistryException versionNotFound(String policyName, String versionId) {
        return new RegistryException(AwsErrorKind.RESOURCE_NOT_FOUND, "Policy " + policyName + " has no version "
                + versionId + ".");
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
