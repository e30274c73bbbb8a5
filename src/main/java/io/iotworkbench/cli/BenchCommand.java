package io.iotworkbench.cli;

import io.iotworkbench.bench.BenchFolder;
import io.iotworkbench.bench.LocalCoreBenchmark;
import io.iotworkbench.bench.PolicyComparison;
import io.iotworkbench.bench.SerialBenchmark;
import io.iotworkbench.bench.IdleBenchmark;
import io.iotworkbench.bench.StartupBenchmark;
import io.iotworkbench.bench.XvfbDisplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code iot-workbench bench ...}: benchmarks that print figures and a last line {@code RESULT {json}}. Each
 * subcommand works in a temporary folder it deletes afterwards.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure performance on this machine; prints figures and a last line RESULT {json}.",
        subcommands = {BenchCommand.LocalCore.class, BenchCommand.Serial.class, BenchCommand.Startup.class,
                       BenchCommand.Ota.class, BenchCommand.Idle.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        throw new ParameterException(new picocli.CommandLine(this),
                "Choose a benchmark: local-core, mqtt, serial, startup, ota, idle");
    }

    /** {@code bench local-core}. */
    @Command(name = "local-core", mixinStandardHelpOptions = true,
            description = "Shadow round trip, aggregate updates with many devices, and broker throughput against "
                    + "Debian's mosquitto.")
    static final class LocalCore implements Callable<Integer> {

        @Option(names = "--rate", defaultValue = "1000", description = "Updates/s for the round-trip test.")
        int rate;

        @Option(names = "--latency-seconds", defaultValue = "5")
        int latencySeconds;

        @Option(names = "--repeat", defaultValue = "1", paramLabel = "N", description = "Round-trip runs in a row, "
                + "each printed with its p50/p99 (default ${DEFAULT-VALUE}).")
        int repeat;

        @Option(names = "--warm-up-seconds", defaultValue = "5", paramLabel = "S", description = "Unmeasured "
                + "round trips first, printed as the cold figure (default ${DEFAULT-VALUE}; 0: none).")
        int warmUpSeconds;

        @Option(names = "--devices", defaultValue = "100", description = "Concurrent devices for the aggregate test.")
        int devices;

        @Option(names = "--seconds", defaultValue = "10", description = "Duration of the aggregate test.")
        int seconds;

        @Option(names = "--messages", defaultValue = "100000", description = "Messages for the broker throughput test.")
        int messages;

        @Option(names = "--publishers", defaultValue = "4")
        int publishers;

        @Option(names = "--payload-bytes", defaultValue = "256")
        int payloadBytes;

        @Option(names = "--in-flight", defaultValue = "100", description = "QoS 1 in-flight window per client of "
                + "both brokers in the throughput test (default ${DEFAULT-VALUE}, AWS IoT Core's limit).")
        int inFlight;

        @Mixin
        PolicyModeOptions policies;

        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            var modes = policies.modes();
            if (modes.isEmpty()) {
                return 2;
            }
            if (warmUpSeconds < 0) {
                System.err.println("--warm-up-seconds " + warmUpSeconds + " is negative: use 0 or more.");
                return 2;
            }
            if (repeat < 1 || repeat > 100) {
                System.err.println("--repeat " + repeat + " is not a run count: use 1 to 100.");
                return 2;
            }
            try (BenchFolder dir = BenchFolder.create("iot-workbench-bench-")) {
                int[] n = {0};
                var result = PolicyComparison.run(out, modes.get(), policies.rounds(),
                        List.of("aggregateUpdatesPerSecond", "brokerMessagesPerSecond", "brokerRatio"),
                        List.of("brokerCpuSeconds"),
                        mode -> new LocalCoreBenchmark(out).run(new LocalCoreBenchmark.Options(rate, latencySeconds,
                                devices, seconds, messages, publishers, payloadBytes, inFlight,
                                dir.path().resolve("run-" + n[0]++), mode, repeat, warmUpSeconds)));
                out.println("RESULT " + result);
                return 0;
            }
        }
    }

    /** {@code bench ota}: one 1 MB image to 1, 10 and 50 virtual devices over HTTP and MQTT. */
    @Command(name = "ota", mixinStandardHelpOptions = true,
            description = "OTA updates of one signed 1 MB image to 1, 10 and 50 virtual devices over HTTP and over "
                    + "MQTT streams; prints seconds, MB/s, CPU share and heap.")
    static final class Ota implements Callable<Integer> {

        @Option(names = "--devices", split = ",", defaultValue = "1,10,50", description = "Fleet sizes.")
        java.util.List<Integer> devices;

        @Option(names = "--image-bytes", defaultValue = "1048576")
        int imageBytes;

        @Option(names = "--timeout-seconds", defaultValue = "300", description = "Per fleet.")
        int timeoutSeconds;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (devices.stream().anyMatch(d -> d < 1) || imageBytes < 4096 || timeoutSeconds < 1) {
                throw new ParameterException(spec.commandLine(), "--devices must be positive counts, --image-bytes "
                        + "at least 4096 and --timeout-seconds positive");
            }
            PrintStream out = System.out;
            try (BenchFolder dir = BenchFolder.create("iot-workbench-bench-")) {
                var result = new io.iotworkbench.bench.OtaBenchmark(out).run(new io.iotworkbench.bench.OtaBenchmark
                        .Options(devices, imageBytes, dir.path(), timeoutSeconds));
                out.println("RESULT " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(result));
                return 0;
            }
        }
    }

    /** {@code bench serial}: WM log lines through a pty pair (or an in-process pipe) into the console pipeline. */
    @Command(name = "serial", mixinStandardHelpOptions = true,
            description = "WM log lines at full speed and paced through a socat pty pair (an in-process pipe without "
                    + "socat) into the decoder and line store; prints lines/s, bytes/s, CPU share and heap.")
    static final class Serial implements Callable<Integer> {

        @Option(names = "--seconds", defaultValue = "5", description = "Duration of each phase.")
        int seconds;

        @Option(names = "--rate", defaultValue = "200000", description = "Bytes/s of the paced phase (2 Mbaud).")
        int rate;

        @Option(names = "--transport", defaultValue = "auto", description = "auto, pty or pipe.")
        String transport;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (seconds < 1 || rate < 1 || !transport.matches("auto|pty|pipe")) {
                throw new ParameterException(spec.commandLine(),
                        "--seconds and --rate must be positive, --transport auto, pty or pipe");
            }
            PrintStream out = System.out;
            var result = new SerialBenchmark(out).run(new SerialBenchmark.Options(seconds, rate, transport));
            out.println("RESULT " + result);
            return 0;
        }
    }

    /** {@code bench startup}: time to the first frame, class path vs runtime image without and with the archive. */
    @Command(name = "startup", mixinStandardHelpOptions = true,
            description = "Time from process start to the main window's first frame: the class-path layout "
                    + "(target/app), the runtime image without and with its CDS archive, with the Local IoT Core off, "
                    + "and the jpackage app image. Build them first with `mvn -Pdist package`. Starts Xvfb when "
                    + "DISPLAY is not set.")
    static final class Startup implements Callable<Integer> {

        @Option(names = "--runs", defaultValue = "5", description = "Measured runs of each (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--app", paramLabel = "DIR", defaultValue = "target/app",
                description = "The class-path layout (default ${DEFAULT-VALUE}).")
        Path app;

        @Option(names = "--dist", paramLabel = "DIR", defaultValue = "target/dist/iot-workbench",
                description = "The portable folder with the runtime image (default ${DEFAULT-VALUE}).")
        Path dist;

        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            try (BenchFolder dir = BenchFolder.create("iot-workbench-bench-");
                 XvfbDisplay display = XvfbDisplay.ensure(System.getenv())) {
                var result = new StartupBenchmark(out, display.environment()).run(new StartupBenchmark.Options(runs,
                        app.toAbsolutePath(), dist.toAbsolutePath(), dir.path()));
                out.println("RESULT " + result);
                return 0;
            }
        }
    }

    /** {@code bench idle}: CPU share and resident memory of the window left alone (see {@link IdleBenchmark}). */
    @Command(name = "idle", mixinStandardHelpOptions = true,
            description = "CPU (%% of one core) and resident memory of the window left alone with the Local IoT Core "
                    + "and its virtual device running, and the threads that woke up. Starts Xvfb when DISPLAY is not "
                    + "set. Linux only.")
    static final class Idle implements Callable<Integer> {

        @Option(names = "--seconds", defaultValue = "30", description = "Seconds measured (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--settle", defaultValue = "10",
                description = "Seconds to wait after the Local IoT Core runs (default ${DEFAULT-VALUE}).")
        int settle;

        @Option(names = "--jvm-options", paramLabel = "OPTIONS", description = "Launch once with these JVM options "
                + "(repeat to compare; \"\" for none). Default: once with none.")
        java.util.List<String> jvmOptions;

        @Override
        public Integer call() throws Exception {
            if (!System.getProperty("os.name").startsWith("Linux")) {
                System.err.println("bench idle reads /proc and runs on Linux only.");
                return 2;
            }
            PrintStream out = System.out;
            try (BenchFolder dir = BenchFolder.create("iot-workbench-bench-idle-");
                 XvfbDisplay display = XvfbDisplay.ensure(System.getenv())) {
                var result = new IdleBenchmark(out, display.environment()).run(new IdleBenchmark.Options(
                        jvmOptions == null ? java.util.List.of("") : jvmOptions, settle, seconds, dir.path()));
                out.println("RESULT " + result);
                return 0;
            }
        }
    }
}
