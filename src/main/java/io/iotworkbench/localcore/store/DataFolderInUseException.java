package io.iotworkbench.localcore.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another Local IoT Core holds this data folder ({@link DataFolderLock}); the message names the folder, the holder's
 * process and what to do. Immutable.
 */
public final class DataFolderInUseException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path dataDir;
    private final String pid;

    DataFolderInUseException(Path dataDir, String pid, String program, String started) {
        super("The data folder " + dataDir + " is in use by another Local IoT Core ("
                + (pid == null ? "a process that left no details" : "process " + pid
                + (program == null ? "" : ", " + program) + (started == null ? "" : ", running since " + started))
                + "): stop that one first, or use another data folder.");
        this.dataDir = dataDir;
        this.pid = pid;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The holder's process id as it recorded it, or null. */
    public String pid() {
        return pid;
    }
}
