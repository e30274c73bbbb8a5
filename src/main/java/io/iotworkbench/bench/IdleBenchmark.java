package io.iotworkbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code iot-workbench bench idle}: the window left alone with the Local IoT Core and its virtual device running. For
 * each set of JVM options it launches the window (this JVM's {@code java} and class path) on empty config and data
 * folders with the start-up probe in {@code idle} mode, waits for the core, lets it settle, then samples the
 * process's CPU time and resident memory from {@code /proc} for N seconds and names the threads that used the most
 * CPU (what wakes up). The JIT compilers' share is printed apart: minutes after start they still compile methods that
 * the periodic work (the virtual device's reports) slowly makes warm, a cost that fades (decision 0025). Last line
 * {@code RESULT {json}}. Linux only; not a test: nothing asserts a target.
 *
 * <p>Single-threaded apart from one reader of the child's output; one window at a time.
 */
public final class IdleBenchmark {

    public static final double CPU_TARGET_PERCENT = 1.0;
    public static final long RSS_TARGET_MB = 300;
    private static final long CLOCK_TICK_NANOS = 10_000_000L;
    private static final int TOP_THREADS = 10;

    /** What to run: each entry of {@code jvmOptions} is one launch (space-separated options, "" for none). */
    public record Options(List<String> jvmOptions, int settleSeconds, int seconds, Path workDir) {
    }

    private final java.io.PrintStream out;
    private final Map<String, String> display;
    private final ObjectMapper json = new ObjectMapper();

    public IdleBenchmark(java.io.PrintStream out, Map<String, String> display) {
        this.out = out;
        this.display = display;
    }

    public ObjectNode run(Options o) throws Exception {
        ObjectNode result = json.createObjectNode();
        var runs = result.putArray("runs");
        int i = 0;
        for (String options : o.jvmOptions()) {
            runs.add(launch(options, o, o.workDir().resolve("run-" + i++)));
        }
        result.put("cpus", Runtime.getRuntime().availableProcessors());
        return result;
    }

    private ObjectNode launch(String jvmOptions, Options o, Path home) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String opt : jvmOptions.strip().split("\\s+")) {
            if (!opt.isEmpty()) {
                cmd.add(opt);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.iotworkbench.app.Main"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("IOTWORKBENCH_"));
        env.putAll(display);
        env.put("IOTWORKBENCH_STARTUP_PROBE", "idle");
        env.put("IOTWORKBENCH_CONFIG_DIR", home.resolve("config").toString());
        env.put("IOTWORKBENCH_DATA_DIR", home.resolve("data").toString());
        Process p = pb.start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicLong pulses = new java.util.concurrent.atomic.AtomicLong(-1);
        Thread reader = io.iotworkbench.concurrent.DaemonThreads.start("bench-idle-reader", () -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("STARTUP {\"event\":\"pulses\"")) {
                        pulses.set(json.readTree(line.substring("STARTUP ".length())).get("count").asLong());
                        continue;
                    }
                    output.add(line);
                    if (line.startsWith("STARTUP {") && line.contains("\"core-")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the window was closed
            }
            ready.complete(null);
        });
        try {
            ready.get(120, TimeUnit.SECONDS);
            if (!p.isAlive() || output.stream().noneMatch(l -> l.contains("\"core-ready\""))) {
                throw new IllegalStateException("The window did not report a running Local IoT Core:\n"
                        + String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size())));
            }
            TimeUnit.SECONDS.sleep(o.settleSeconds());
            long pid = p.pid();
            Map<String, ThreadUsage.Sample> threadsBefore = ThreadUsage.sample(pid);
            long cpuBefore = processTicks(pid);
            long pulsesBefore = pulses.get();
            long t0 = System.nanoTime();
            long rssMinKb = Long.MAX_VALUE;
            long rssMaxKb = 0;
            for (int second = 0; second < o.seconds(); second++) {
                TimeUnit.MILLISECONDS.sleep(Math.max(0, (second + 1) * 1000L - (System.nanoTime() - t0) / 1_000_000));
                long kb = statusKb(pid, "VmRSS:");
                rssMinKb = Math.min(rssMinKb, kb);
                rssMaxKb = Math.max(rssMaxKb, kb);
            }
            long cpuAfter = processTicks(pid);
            long wall = System.nanoTime() - t0;
            long pulsesAfter = pulses.get();
            double pulsesPerSecond = pulsesBefore < 0 ? -1 : (pulsesAfter - pulsesBefore) * 1e9 / wall;
            Map<String, ThreadUsage.Sample> threadsAfter = ThreadUsage.sample(pid);
            List<ThreadUsage.Used> used = ThreadUsage.between(threadsBefore, threadsAfter);
            long rssKb = statusKb(pid, "VmRSS:");
            double cpuPercent = (cpuAfter - cpuBefore) * CLOCK_TICK_NANOS * 100.0 / wall;
            ObjectNode r = json.createObjectNode();
            r.put("jvmOptions", jvmOptions);
            r.put("seconds", o.seconds());
            r.put("cpuPercentOfOneCore", Math.round(cpuPercent * 100) / 100.0);
            r.put("rssMb", rssKb / 1024);
            r.put("rssMinMb", rssMinKb / 1024);
            r.put("rssMaxMb", rssMaxKb / 1024);
            long anonKb = statusKb(pid, "RssAnon:");
            long fileKb = statusKb(pid, "RssFile:");
            r.put("rssAnonMb", anonKb / 1024);
            r.put("rssFileMb", fileKb / 1024);
            r.put("fxPulsesPerSecond", Math.round(pulsesPerSecond * 10) / 10.0);
            long jitTicks = used.stream().filter(u -> isJit(u.name())).mapToLong(ThreadUsage.Used::ticks).sum();
            double jitPercent = jitTicks * CLOCK_TICK_NANOS * 100.0 / wall;
            r.put("jitPercentOfOneCore", Math.round(jitPercent * 100) / 100.0);
            r.put("cpuPercentLessJit", Math.round((cpuPercent - jitPercent) * 100) / 100.0);
            long wakeups = used.stream().mapToLong(ThreadUsage.Used::wakeups).sum();
            r.put("wakeupsPerSecond", Math.round(wakeups * 1e10 / wall) / 10.0);
            long endedMs = ThreadUsage.endedTicks(cpuAfter - cpuBefore, used) * CLOCK_TICK_NANOS / 1_000_000;
            r.put("endedThreadsCpuMs", endedMs);
            var top = r.putArray("busiestThreads");
            StringBuilder names = new StringBuilder();
            for (var u : used.subList(0, Math.min(TOP_THREADS, used.size()))) {
                long ms = u.ticks() * CLOCK_TICK_NANOS / 1_000_000;
                double perSecond = Math.round(u.wakeups() * 1e10 / wall) / 10.0;
                top.addObject().put("thread", u.name()).put("cpuMs", ms).put("wakeupsPerSecond", perSecond);
                names.append(String.format(Locale.ROOT, "%n    %-16s %6d ms %8.1f wake-ups/s", u.name(), ms,
                        perSecond));
            }
            var wakers = r.putArray("mostWakingThreads");
            StringBuilder waking = new StringBuilder();
            List<ThreadUsage.Used> byWakeups = new ArrayList<>(used);
            byWakeups.sort(Comparator.comparingLong(ThreadUsage.Used::wakeups).reversed());
            for (var u : byWakeups.subList(0, Math.min(TOP_THREADS, byWakeups.size()))) {
                double perSecond = Math.round(u.wakeups() * 1e10 / wall) / 10.0;
                wakers.addObject().put("thread", u.name()).put("wakeupsPerSecond", perSecond)
                        .put("cpuMs", u.ticks() * CLOCK_TICK_NANOS / 1_000_000);
                waking.append(String.format(Locale.ROOT, "%s %.1f/s, ", u.name(), perSecond));
            }
            out.printf(Locale.ROOT, "Idle window%s: %.2f %% of one core over %d s (target <= %.0f %%), RSS %d MB "
                            + "(target <= %d MB; %d-%d MB over the window; anonymous %d MB, files %d MB); "
                            + "%.1f FX pulses/s; %.1f wake-ups/s%n"
                            + "  of which the JIT compilers (still warming up, shrinking as the window stays open): "
                            + "%.2f %%; the rest: %.2f %% of one core; threads that ended meanwhile: %d ms%n"
                            + "  busiest threads (CPU over the %d s, wake-ups per second):%s%n"
                            + "  most wake-ups: %s%n",
                    jvmOptions.isBlank() ? "" : " with " + jvmOptions, cpuPercent, o.seconds(), CPU_TARGET_PERCENT,
                    rssKb / 1024, RSS_TARGET_MB, rssMinKb / 1024, rssMaxKb / 1024, anonKb / 1024, fileKb / 1024,
                    pulsesPerSecond, wakeups * 1e9 / wall, jitPercent,
                    cpuPercent - jitPercent, endedMs, o.seconds(), names.length() == 0 ? " none" : names,
                    waking.length() == 0 ? "none" : waking.substring(0, waking.length() - 2));
            return r;
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            reader.join(5_000);
        }
    }

    /** The JVM's compiler threads (and the code cache sweeper that follows them), by their Linux thread names. */
    static boolean isJit(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")
                || name.startsWith("Sweeper thread");
    }

    /** utime + stime of the process, in clock ticks. */
    private static long processTicks(long pid) throws IOException {
        return ticks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static long ticks(Path stat) throws IOException {
        String s = Files.readString(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long statusKb(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).strip().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
