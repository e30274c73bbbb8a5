package io.iotworkbench.ui.serial;

import io.iotworkbench.serial.console.RotatingLineLog;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.ui.common.PaneTasks;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * A console's log file: every new line written to a {@link RotatingLineLog} (10 MB, 5 older files kept), as it may
 * be shown (presenter mode hides more); a failed write stops logging and says so.
 *
 * <p>Threading: {@link #startLog}, {@link #stopLog} and the property on the FX thread, opening and closing the file as
 * the console's {@link PaneTasks}; {@link #write} on the console's pipeline thread, under a lock.
 */
public final class ConsoleLogFile {

    private final PaneTasks tasks;
    private final Executor fxExecutor;
    private final UnaryOperator<List<SerialLine>> shown;
    private final Object lock = new Object();
    private final StringProperty logFile = new SimpleStringProperty("");
    private RotatingLineLog log;

    /** @param shown the lines as they may be written now (the console's presenter-mode masking) */
    ConsoleLogFile(PaneTasks tasks, Executor fxExecutor, UnaryOperator<List<SerialLine>> shown) {
        this.tasks = tasks;
        this.fxExecutor = fxExecutor;
        this.shown = shown;
    }

    /** Starts writing every new line to {@code file}, rotating at 10 MB and keeping 5 older files. */
    public void startLog(Path file) {
        tasks.run(null, "Cannot log to " + file, () -> {
            RotatingLineLog opened = new RotatingLineLog(file, RotatingLineLog.DEFAULT_MAX_BYTES,
                    RotatingLineLog.DEFAULT_KEEP);
            RotatingLineLog old;
            synchronized (lock) {
                old = log;
                log = opened;
            }
            close(old);
            return file;
        }, opened -> {
            logFile.set(opened.toString());
            tasks.info("Logging to " + opened + " (rotates at 10 MB, keeps 5 files)");
        });
    }

    public void stopLog() {
        RotatingLineLog old;
        synchronized (lock) {
            old = log;
            log = null;
        }
        logFile.set("");
        if (old != null) {
            tasks.run(null, () -> {
                close(old);
                return old.file();
            }, closed -> tasks.info("Stopped logging to " + closed));
        }
    }

    /** Appends decoded lines when logging; the console's pipeline thread. */
    void write(List<SerialLine> decoded) {
        synchronized (lock) {
            if (log == null) {
                return;
            }
            try {
                log.append(shown.apply(decoded));
            } catch (IOException e) {
                RotatingLineLog failed = log;
                log = null;
                close(failed);
                fxExecutor.execute(() -> {
                    logFile.set("");
                    tasks.info("Logging stopped: " + e.getMessage());
                });
            }
        }
    }

    private static void close(RotatingLineLog l) {
        if (l != null) {
            try {
                l.close();
            } catch (IOException ignored) {
                // the file is gone or the disk is full; nothing more to write
            }
        }
    }

    /** The file being written, "" when not logging. */
    public ReadOnlyStringProperty logFileProperty() {
        return logFile;
    }
}
