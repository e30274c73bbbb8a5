package io.iotworkbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code iot-workbench bench startup}: how long the main window takes to appear, launched the ways users launch it —
 * the class-path layout {@code mvn package} makes ({@code target/app}, on the JDK), the jlink runtime image without
 * and with its class-data-sharing archive ({@code target/dist/iot-workbench}), the image with the Local IoT Core
 * switched off (to see what the core's start costs before the first frame), and the jpackage app image when built.
 * Each run is a new process on new, empty config and data folders with the start-up probe on (two variants instead
 * reuse their folders, as a user's later launches do: the Local IoT Core then finds its CA and keys; one of them
 * starts the core before the window is built, the other side of decision 0031); the figure is the wall time from
 * starting the process to the probe's {@code first-frame} line, and to the moment the Local IoT Core ran
 * ({@link #coreReady}).
 * Runs go round-robin after one discarded warm-up round; medians are printed, and a last line {@code RESULT {json}}.
 * Not a test: nothing here asserts a target.
 *
 * <p>Single-threaded; one process at a time.
 */
public final class StartupBenchmark {

    public static final long FIRST_FRAME_TARGET_MS = 1000;
    public static final double IMAGE_TARGET_MB = 80;
    public static final long CORE_COST_TARGET_MS = 150;
    /** The Local IoT Core running this long after launch at most (issue 18). */
    public static final long CORE_READY_TARGET_MS = 2000;
    private static final long RUN_TIMEOUT_SECONDS = 90;

    /** What to run: {@code runs} measured rounds; the two layouts; a folder for the runs' config and data. */
    public record Options(int runs, Path appDir, Path distDir, Path workDir) {
    }

    /**
     * One way of launching the app. {@code reuseFolders}: every round launches on the same config and data folders
     * (the warm-up round creates them), as a user's second and later launches do; otherwise each run gets new ones.
     */
    record Variant(String id, String label, Path launcher, Map<String, String> env, String probe,
                   boolean reuseFolders) {
        Variant(String id, String label, Path launcher, Map<String, String> env, String probe) {
            this(id, label, launcher, env, probe, false);
        }
    }

    /** One launch: wall times to the probe's lines, and the JVM's own uptime at the first frame. */
    record Sample(double firstFrameMs, double paneReadyMs, double coreReadyMs, long jvmUptimeMs) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out;
    private final Map<String, String> display;

    /** {@code display} holds the DISPLAY variable the runs get (empty to inherit this process's environment). */
    public StartupBenchmark(PrintStream out, Map<String, String> display) {
        this.out = out;
        this.display = display;
    }

    public ObjectNode run(Options o) throws Exception {
        List<Variant> variants = variants(o);
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        variants.forEach(v -> samples.put(v.id(), new ArrayList<>()));
        out.printf(Locale.ROOT, "Start-up to the first frame, %d runs of each after a warm-up round:%n", o.runs());
        for (int round = 0; round <= o.runs(); round++) {
            for (Variant v : variants) {
                Sample s = launch(v, o.workDir().resolve(v.reuseFolders() ? v.id() : v.id() + "-" + round));
                if (round > 0) {
                    samples.get(v.id()).add(s);
                }
            }
        }
        ObjectNode result = json.createObjectNode();
        result.put("runs", o.runs());
        ObjectNode medians = result.putObject("firstFrameMs");
        ObjectNode paneReady = result.putObject("paneReadyMs");
        ObjectNode uptime = result.putObject("jvmUptimeAtFirstFrameMs");
        for (Variant v : variants) {
            List<Sample> list = samples.get(v.id());
            double frame = median(list.stream().map(Sample::firstFrameMs).toList());
            double pane = median(list.stream().map(Sample::paneReadyMs).toList());
            double up = median(list.stream().map(s -> (double) s.jvmUptimeMs()).toList());
            medians.put(v.id(), Math.round(frame));
            paneReady.put(v.id(), Math.round(pane));
            uptime.put(v.id(), Math.round(up));
            out.printf(Locale.ROOT, "  %-48s first frame %6.0f ms (JVM uptime %5.0f ms), pane ready %6.0f ms%n",
                    v.label(), frame, up, pane);
            if (v.probe().equals("core")) {
                double core = median(list.stream().map(Sample::coreReadyMs).toList());
                result.put(coreFigure(v), Math.round(core));
                out.printf(Locale.ROOT, "  %-48s Local IoT Core running after %6.0f ms (target <= %d ms)%s%n", "",
                        core, CORE_READY_TARGET_MS, v.reuseFolders() ? "" : "; new folders: includes creating the "
                                + "CA, server and device keys (RSA 2048)");
            }
        }
        long coreCost = medians.get("imageCds").asLong() - medians.get("imageCdsNoCore").asLong();
        if (result.has("coreReadyEarlyKnownFoldersMs")) {
            out.printf(Locale.ROOT, "Folders of a launch before: Local IoT Core running after %d ms when it starts "
                            + "after the first frame (first frame %d ms), %d ms when it starts early (first frame %d "
                            + "ms; decision 0031)%n", result.path("coreReadyKnownFoldersMs").asLong(),
                    medians.path("imageCdsKnown").asLong(), result.get("coreReadyEarlyKnownFoldersMs").asLong(),
                    medians.path("imageCdsCoreEarly").asLong());
        }
        result.put("localCoreCostMs", coreCost);
        out.printf(Locale.ROOT, "The Local IoT Core's start adds %d ms before the first frame (median with it minus "
                + "median without).%n", coreCost);

        double runtimeMb = mb(o.distDir().resolve("runtime"));
        double jarsMb = mb(o.distDir().resolve("lib"));
        double archiveMb = mb(o.distDir().resolve("cds"));
        result.put("runtimeImageMB", round1(runtimeMb));
        result.put("appJarsMB", round1(jarsMb));
        result.put("cdsArchiveMB", round1(archiveMb));
        out.printf(Locale.ROOT, "Sizes: runtime image %.1f MB, app jars %.1f MB, CDS archive %.1f MB (portable "
                + "folder %.1f MB)%n", runtimeMb, jarsMb, archiveMb, mb(o.distDir()));

        ObjectNode targets = result.putObject("targets");
        targets.put("firstFrameImageCds", medians.get("imageCds").asLong() <= FIRST_FRAME_TARGET_MS);
        targets.put("runtimeImageSize", runtimeMb <= IMAGE_TARGET_MB);
        targets.put("localCoreCost", coreCost <= CORE_COST_TARGET_MS);
        targets.put("coreReady", result.path("coreReadyMs").asLong(Long.MAX_VALUE) <= CORE_READY_TARGET_MS);
        targets.put("coreReadyKnownFolders",
                result.path("coreReadyKnownFoldersMs").asLong(Long.MAX_VALUE) <= CORE_READY_TARGET_MS);
        out.printf(Locale.ROOT, "Targets: first frame from the image with the archive <= %d ms: %s; runtime image "
                        + "<= %.0f MB: %s; Local IoT Core cost <= %d ms: %s%n", FIRST_FRAME_TARGET_MS,
                yes(targets.get("firstFrameImageCds").asBoolean()), IMAGE_TARGET_MB,
                yes(targets.get("runtimeImageSize").asBoolean()), CORE_COST_TARGET_MS,
                yes(targets.get("localCoreCost").asBoolean()));
        out.printf(Locale.ROOT, "Local IoT Core running <= %d ms after launch: new folders %s, folders of a launch "
                        + "before %s%n", CORE_READY_TARGET_MS, yes(targets.get("coreReady").asBoolean()),
                yes(targets.get("coreReadyKnownFolders").asBoolean()));
        result.put("cpus", Runtime.getRuntime().availableProcessors());
        return result;
    }

    /** The result's name for a variant's core-ready median. */
    private static String coreFigure(Variant v) {
        if (v.id().equals("imageCdsCoreEarly")) {
            return "coreReadyEarlyKnownFoldersMs";
        }
        return v.reuseFolders() ? "coreReadyKnownFoldersMs" : "coreReadyMs";
    }

    private List<Variant> variants(Options o) {
        Path classPath = launcher(o.appDir());
        Path image = launcher(o.distDir());
        require(classPath, "the class-path layout: run `mvn package`");
        require(image, "the runtime image: run `mvn -Pdist package`");
        if (!Files.isRegularFile(o.distDir().resolve("cds/iot-workbench.jsa"))) {
            throw new IllegalStateException("No CDS archive in " + o.distDir().resolve("cds")
                    + ": `mvn -Pdist package` makes it when a display (or Xvfb) is available.");
        }
        List<Variant> list = new ArrayList<>(List.of(
                new Variant("classPath", "class path (target/app, JDK)", classPath, Map.of(), "frame"),
                new Variant("image", "runtime image, no CDS archive", image, Map.of("IOTWORKBENCH_CDS", "off"),
                        "frame"),
                new Variant("imageCds", "runtime image + CDS archive", image, Map.of(), "core"),
                new Variant("imageCdsKnown", "runtime image + CDS archive, folders of a launch before", image,
                        Map.of(), "core", true),
                new Variant("imageCdsNoCore", "runtime image + CDS archive, Local IoT Core off", image,
                        Map.of("IOTWORKBENCH_LOCAL_CORE", "off"), "frame"),
                // the core's start beginning before the window is built: the trade-off's other side (decision 0031)
                new Variant("imageCdsCoreEarly", "image + archive, known folders, core started early", image,
                        Map.of("IOTWORKBENCH_LOCAL_CORE", "early"), "core", true)));
        Path appImage = o.distDir().resolveSibling("jpackage").resolve("iot-workbench");
        Path appLauncher = launcher(appImage);
        if (Files.exists(appLauncher)) {
            list.add(new Variant("appImageCds", "jpackage app image + CDS archive", appLauncher, Map.of(), "frame"));
        }
        return list;
    }

    private static Path launcher(Path dir) {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        Path bat = dir.resolve("bin/iot-workbench.bat");
        Path exe = dir.resolve("iot-workbench.exe");
        return windows ? (Files.exists(exe) ? exe : bat) : dir.resolve("bin/iot-workbench");
    }

    private static void require(Path launcher, String what) {
        if (!Files.exists(launcher)) {
            throw new IllegalStateException("No launcher " + launcher + " for " + what + " first.");
        }
    }

    private Sample launch(Variant v, Path home) throws IOException, InterruptedException {
        List<String> cmd = v.launcher().toString().endsWith(".bat")
                ? List.of("cmd", "/c", v.launcher().toString()) : List.of(v.launcher().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("IOTWORKBENCH_"));
        env.putAll(display);
        env.putAll(v.env());
        env.put("IOTWORKBENCH_STARTUP_PROBE", v.probe());
        env.put("IOTWORKBENCH_CONFIG_DIR", home.resolve("config").toString());
        env.put("IOTWORKBENCH_DATA_DIR", home.resolve("data").toString());
        long start = System.nanoTime();
        Process p = pb.start();
        Map<String, Double> at = new HashMap<>();
        Map<String, Long> uptimes = new HashMap<>();
        long uptime = -1;
        List<String> output = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                double ms = (System.nanoTime() - start) / 1e6;
                output.add(line);
                if (line.startsWith("STARTUP {")) {
                    JsonNode event = json.readTree(line.substring("STARTUP ".length()));
                    at.put(event.get("event").asText(), ms);
                    uptimes.put(event.get("event").asText(), event.path("jvmUptimeMs").asLong(-1));
                    if (event.get("event").asText().equals("first-frame")) {
                        uptime = event.get("jvmUptimeMs").asLong();
                    }
                }
            }
        }
        if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (!at.containsKey("first-frame") || !at.containsKey("pane-ready")
                || (v.probe().equals("core") && !at.containsKey("core-ready"))) {
            throw new IllegalStateException(v.label() + " did not report its start-up (exit " + p.exitValue()
                    + "):\n" + String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size())));
        }
        return new Sample(at.get("first-frame"), at.get("pane-ready"), coreReady(at, uptimes), uptime);
    }

    /**
     * When the Local IoT Core ran, in wall time from the launch: the probe prints its line only after the pane is
     * ready, with the JVM uptime at which the core ran (decision 0031), so the figure is that uptime plus what the
     * launch took before the JVM's clock started (the first frame's wall time less its uptime). -1 without the line.
     */
    static double coreReady(Map<String, Double> wallMs, Map<String, Long> uptimeMs) {
        Double line = wallMs.get("core-ready");
        long ranAt = uptimeMs.getOrDefault("core-ready", -1L);
        if (line == null) {
            return -1;
        }
        if (ranAt < 0 || !wallMs.containsKey("first-frame") || uptimeMs.getOrDefault("first-frame", -1L) < 0) {
            return line;
        }
        double beforeJvmClock = wallMs.get("first-frame") - uptimeMs.get("first-frame");
        return Math.min(line, beforeJvmClock + ranAt);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double mb(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum() / 1e6;
        }
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String yes(boolean met) {
        return met ? "met" : "MISSED";
    }
}
