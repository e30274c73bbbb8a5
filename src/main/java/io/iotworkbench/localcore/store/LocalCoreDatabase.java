package io.iotworkbench.localcore.store;

import io.iotworkbench.concurrent.DaemonThreads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Local IoT Core's durable store: one SQLite database ({@value #FILE_NAME}) in the emulator's data folder, shared
 * by the registry, the shadow service and (later) jobs. Each component creates its own tables with
 * {@code CREATE TABLE IF NOT EXISTS} through {@link #inTransaction}.
 *
 * <p>Durability: WAL journal with {@code synchronous=NORMAL}; checkpoints run on a second connection a second after
 * a commit (at most one a second; none while nothing is committed). A committed transaction survives the process being
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
    private final Connection checkpointConnection;
    private final ScheduledThreadPoolExecutor checkpointer;
    private final AtomicBoolean checkpointDue = new AtomicBoolean();
    private final AtomicLong checkpointsRun = new AtomicLong();

    private LocalCoreDatabase(Connection connection, Connection checkpointConnection) {
        this.connection = connection;
        this.checkpointConnection = checkpointConnection;
        this.checkpointer = new ScheduledThreadPoolExecutor(1,
                DaemonThreads.named("local-core-checkpoint"));
    }

    /**
     * After a commit: a checkpoint within a second, unless one is already due. An idle store (nothing committed) has
     * nothing to checkpoint and its thread sleeps (decision 0033); under load this is still one checkpoint a second.
     */
    private void checkpointSoon() {
        if (checkpointDue.compareAndSet(false, true)) {
            try {
                checkpointer.schedule(this::checkpoint, 1, TimeUnit.SECONDS);
            } catch (RejectedExecutionException closing) {
                // closed: the WAL is replayed on next open
            }
        }
    }

    /** Whether a checkpoint waits on the checkpoint thread (one does after a commit, none while idle); for tests. */
    boolean checkpointScheduled() {
        return !checkpointer.getQueue().isEmpty();
    }

    /** How many checkpoints ran; for tests. */
    long checkpoints() {
        return checkpointsRun.get();
    }

    /**
     * Copies the WAL into the database file on a second connection (a PASSIVE checkpoint never blocks writers), so
     * the fsync a checkpoint needs is never paid inside a request's transaction. A commit from here on asks for the
     * next one.
     */
    private void checkpoint() {
        checkpointDue.set(false);
        try (Statement s = checkpointConnection.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            checkpointsRun.incrementAndGet();
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(LocalCoreDatabase.class).debug("checkpoint: {}", e.getMessage());
        }
    }

    /**
     * Opens (or creates) the database in {@code dir}. The folder is made owner-only and the database file is created
     * 0600 before SQLite opens it, so its WAL and shared-memory files (which SQLite gives the database file's mode)
     * are owner-only too.
     */
    public static LocalCoreDatabase open(Path dir) throws IOException {
        io.iotworkbench.storage.AtomicFiles.ownerOnlyDirectory(dir);
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path file = dir.resolve(FILE_NAME + suffix);
            if (suffix.isEmpty() && !Files.exists(file)) {
                Files.createFile(file);
            }
            if (Files.exists(file)) {
                io.iotworkbench.storage.AtomicFiles.restrictIfPossible(file, true);
            }
        }
        try {
            String url = "jdbc:sqlite:" + dir.resolve(FILE_NAME).toAbsolutePath();
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA wal_autocheckpoint=0");
            }
            c.setAutoCommit(false);
            Connection checkpoints = DriverManager.getConnection(url);
            try (Statement s = checkpoints.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
            }
            return new LocalCoreDatabase(c, checkpoints);
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
                checkpointSoon();
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
        checkpointer.shutdownNow();
        try {
            checkpointer.awaitTermination(2, TimeUnit.SECONDS);
            checkpointConnection.close();
        } catch (InterruptedException | SQLException ignored) {
            // closing on shutdown; the WAL is replayed on next open
        }
        synchronized (lock) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing on shutdown; nothing left to save
            }
        }
    }
}
