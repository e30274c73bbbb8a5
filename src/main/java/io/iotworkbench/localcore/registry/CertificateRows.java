package io.iotworkbench.localcore.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * SQL for certificates. Every method runs on the caller's connection inside the caller's transaction; no validation
 * happens here. Stateless.
 */
final class CertificateRows {

    private static final String COLUMNS = "id, pem, status, ca_certificate_id, mode, created_ms, modified_ms, "
            + "not_before_ms, not_after_ms, customer_version, generation_id";

    private CertificateRows() {
    }

    static Optional<CertificateRecord> read(Connection c, String id, Function<String, String> arn)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM registry_certificates WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(map(r, arn)) : Optional.empty();
            }
        }
    }

    static void insert(Connection c, CertificateRecord cert) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO registry_certificates (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, cert.id());
            s.setString(2, cert.pem());
            s.setString(3, cert.status().name());
            s.setString(4, cert.caCertificateId());
            s.setString(5, cert.mode().name());
            s.setLong(6, cert.creationDate().toEpochMilli());
            s.setLong(7, cert.lastModifiedDate().toEpochMilli());
            s.setLong(8, cert.notBefore().toEpochMilli());
            s.setLong(9, cert.notAfter().toEpochMilli());
            s.setInt(10, cert.customerVersion());
            s.setString(11, cert.generationId());
            s.executeUpdate();
        }
    }

    static void updateStatus(Connection c, CertificateRecord cert) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE registry_certificates SET status = ?, modified_ms = ?, "
                + "customer_version = ?, generation_id = ? WHERE id = ?")) {
            s.setString(1, cert.status().name());
            s.setLong(2, cert.lastModifiedDate().toEpochMilli());
            s.setInt(3, cert.customerVersion());
            s.setString(4, cert.generationId());
            s.setString(5, cert.id());
            s.executeUpdate();
        }
    }

    static void delete(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM registry_certificates WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    /** Up to {@code limit} certificates after {@code after} (null = from the start), by creation time then id. */
    static List<CertificateRecord> list(Connection c, PageTokens.TimeKey after, boolean ascending, int limit,
                                        Function<String, String> arn) throws SQLException {
        return TimeKeyPages.page(c, "registry_certificates", COLUMNS, "id", after, ascending, limit,
                r -> map(r, arn));
    }

    static Map<String, CertificateStatus> allStatuses(Connection c) throws SQLException {
        Map<String, CertificateStatus> result = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, status FROM registry_certificates");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                result.put(r.getString(1), CertificateStatus.valueOf(r.getString(2)));
            }
        }
        return result;
    }

    private static CertificateRecord map(ResultSet r, Function<String, String> arn) throws SQLException {
        String id = r.getString("id");
        return new CertificateRecord(id, arn.apply(id), r.getString("pem"),
                CertificateStatus.valueOf(r.getString("status")), r.getString("ca_certificate_id"),
                CertificateMode.valueOf(r.getString("mode")), Instant.ofEpochMilli(r.getLong("created_ms")),
                Instant.ofEpochMilli(r.getLong("modified_ms")), Instant.ofEpochMilli(r.getLong("not_before_ms")),
                Instant.ofEpochMilli(r.getLong("not_after_ms")), r.getInt("customer_version"),
                r.getString("generation_id"));
    }
}
