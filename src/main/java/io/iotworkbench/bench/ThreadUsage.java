package io.iotworkbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What each thread of a process used between two samples of {@code /proc/PID/task/*}: CPU time (utime + stime, in
 * clock ticks) and wake-ups (voluntary context switches: each is the thread going to sleep, so each counts one
 * wake-up that followed or will follow). An idle window's figure is a sum of small periodic costs; the wake-ups name
 * the threads that tick with nothing to do even when their CPU time rounds to zero. Threads that ended between the
 * samples are counted in the process's total, not here ({@link #endedTicks}).
 *
 * <p>Plain data and static functions; no threads.
 */
public final class ThreadUsage {

    /** One thread at one moment: "tid name" (Linux keeps 15 characters of a thread's name), ticks, sleeps. */
    public record Sample(String tidAndName, long ticks, long wakeups) {

        /** The name without the thread id. */
        public String name() {
            return tidAndName.substring(tidAndName.indexOf(' ') + 1);
        }
    }

    /** What one thread used between two samples. */
    public record Used(String name, long ticks, long wakeups) {
    }

    private ThreadUsage() {
    }

    /** Every thread of the process now, by "tid name". */
    public static Map<String, Sample> sample(long pid) throws IOException {
        Map<String, Sample> map = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks.toList()) {
                try {
                    Sample s = parse(t.getFileName().toString(), Files.readString(t.resolve("stat")),
                            Files.readString(t.resolve("status")));
                    map.put(s.tidAndName(), s);
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return map;
    }

    /** One thread from the texts of its {@code stat} and {@code status} files. */
    static Sample parse(String tid, String stat, String status) {
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long wakeups = 0;
        for (String line : status.split("\n")) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                wakeups = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return new Sample(tid + " " + name, ticks, wakeups);
    }

    /**
     * What each thread used from {@code before} to {@code after}, busiest first (CPU, then wake-ups); threads that
     * used nothing are left out. A thread born in between counts from zero.
     */
    public static List<Used> between(Map<String, Sample> before, Map<String, Sample> after) {
        List<Used> used = new ArrayList<>();
        for (Sample a : after.values()) {
            Sample b = before.get(a.tidAndName());
            long ticks = a.ticks() - (b == null ? 0 : b.ticks());
            long wakeups = a.wakeups() - (b == null ? 0 : b.wakeups());
            if (ticks > 0 || wakeups > 0) {
                used.add(new Used(a.name(), ticks, wakeups));
            }
        }
        used.sort(Comparator.comparingLong(Used::ticks).thenComparingLong(Used::wakeups).reversed());
        return used;
    }

    /** The process's ticks not found in any thread alive at the end: threads that ended in between. */
    public static long endedTicks(long processTicks, List<Used> used) {
        return Math.max(0, processTicks - used.stream().mapToLong(Used::ticks).sum());
    }
}
