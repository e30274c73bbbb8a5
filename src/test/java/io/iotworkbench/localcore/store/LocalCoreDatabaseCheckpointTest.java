package io.iotworkbench.localcore.store;

import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The store checkpoints its WAL after commits only: an idle store schedules nothing (decision 0033). */
class LocalCoreDatabaseCheckpointTest {

    @TempDir
    Path dir;

    private LocalCoreDatabase database;

    @BeforeEach
    void open() throws Exception {
        database = LocalCoreDatabase.open(dir);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anIdleStoreSchedulesNoCheckpointACommitGetsOneSoon() throws Exception {
        assertThat(database.checkpointScheduled()).isFalse();
        assertThat(database.checkpoints()).isZero();

        write("a");

        Wait.until("a checkpoint after the commit", () -> database.checkpoints() == 1);
        Wait.until("the checkpoint thread idle again", () -> !database.checkpointScheduled());
        assertThat(database.checkpoints()).isEqualTo(1);

        write("b");
        write("c");

        Wait.until("a checkpoint after the next commits", () -> database.checkpoints() >= 2);
        Wait.until("the checkpoint thread idle again", () -> !database.checkpointScheduled());
        int rows = database.inTransaction(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(rows).isEqualTo(3);
    }

    private void write(String value) throws Exception {
        database.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS t (v TEXT)");
                s.execute("INSERT INTO t VALUES ('" + value + "')");
            }
            return null;
        });
    }
}
