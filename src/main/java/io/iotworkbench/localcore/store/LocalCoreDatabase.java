package io.iotworkbench.localcore.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The Local IoT Core's durable store: one SQLite database ({@value #FILE_NAME}) in the emulator's data folder, shared
 * by the registry, the shadow service and (later) jobs. Each component creates its own tables with
 * {@code CREATE TABLE IF NOT EXISTS} through {@link #inTransaction}.
 *
 * <p>Durability: WAL journal with {@code synchronous=NORMAL}. A committed transaction survives the process being
 * killed (kill -9), because the WAL is written before commit returns; it may be lost on a power failure, which is the
 * price of thousands of updates per second on one disk. Callers publish an acknowledgement only after
 * {@link #inTransaction} returned.
 *
 * <p>Thread-safe: one connection, and every unit of work runs under one lock, so transactions never interleave.
 */
public final class LocalCoreDatabase implements AutoCloseable {

    public static final String FILE_NAME = "local-core.db";

    /** A unit of work on the connection; runs inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final Object lock = new Object();

    private LocalCoreDatabase(Connection connection) {
        this.connection = connection;
    }

    public static LocalCoreDatabase open(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(FILE_NAME).toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            c.setAutoCommit(false);
            return new LocalCoreDatabase(c);
        } catch (SQLException e) {
            throw new IOException("The Local IoT Core database in " + dir + " cannot be opened: " + e.getMessage()
                    + ". If another IoT Workbench uses this data folder, close it or choose another folder.", e);
        }
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        return inTransaction(work, null);
    }

    /**
     * Like {@link #inTransaction(Work)}, and runs {@code afterCommit} after a successful commit while still holding
     * the lock, so caches of committed data are updated before any other transaction can read.
     */
    public <T> T inTransaction(Work<T> work, Runnable afterCommit) throws SQLException {
        synchronized (lock) {
            try {
                T result = work.run(connection);
                connection.commit();
                if (afterCommit != null) {
                    afterCommit.run();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing on shutdown; nothing left to save
            }
        }
    }
}
