package io.iotworkbench.localcore.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One job execution (a job on one thing) as stored in {@code jobs_executions}: status, details, version, the two
 * timers' deadlines (epoch ms, null when not running) and a short history of status changes for the Jobs pane.
 * Mutable; only touched by {@link JobsService} under its lock.
 */
final class JobExecution {
    /** At most this many history entries are kept per execution. */
    static final int MAX_HISTORY = 50;

    /** One status change or progress report. */
    public static final class HistoryEntry {
        public String status;
        public long at;
        public Map<String, String> statusDetails = new TreeMap<>();
    }

    public String jobId;
    public String thingName;
    public ExecutionStatus status = ExecutionStatus.QUEUED;
    public Map<String, String> statusDetails = new TreeMap<>();
    public long queuedAt;
    public Long startedAt;
    public long lastUpdatedAt;
    public long versionNumber = 1;
    public long executionNumber;
    public boolean forceCanceled;
    public Long stepDeadline;
    public Long inProgressDeadline;
    public List<HistoryEntry> history = new ArrayList<>();

    /** The earlier of the two deadlines, or null. */
    Long deadline() {
        if (stepDeadline == null) {
            return inProgressDeadline;
        }
        return inProgressDeadline == null ? stepDeadline : Math.min(stepDeadline, inProgressDeadline);
    }

    void record(long now) {
        HistoryEntry e = new HistoryEntry();
        e.status = status.name();
        e.at = now;
        e.statusDetails = new TreeMap<>(statusDetails);
        history.add(e);
        if (history.size() > MAX_HISTORY) {
            history.remove(0);
        }
    }
}
