package io.iotworkbench.ui.bench;

import io.iotworkbench.bench.BenchFolder;
import io.iotworkbench.bench.PolicyComparison;
import io.iotworkbench.cli.PolicyModeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code iot-workbench bench mqtt}: the MQTT pane's pipeline and view models under load against a bare Paho
 * subscriber (see {@link MqttPaneBenchmark}). {@code app.Main} registers it under {@code bench}, because the command
 * line package may not reach the UI's view models. Works in a temporary folder it deletes afterwards.
 */
@Command(name = "mqtt", mixinStandardHelpOptions = true,
        description = "Messages/s through the MQTT pipeline and its view models (headless) against a bare Paho "
                + "subscriber, heap after GC, drops and FX batch apply times.")
public final class MqttBenchCommand implements Callable<Integer> {

    @Option(names = "--messages", defaultValue = "1000000", description = "Messages to publish (default 1,000,000).")
    int messages;

    @Option(names = "--topics", defaultValue = "10000", description = "Distinct topics (default 10,000).")
    int topics;

    @Option(names = "--publishers", defaultValue = "4", description = "Publishing connections (default 4).")
    int publishers;

    @Option(names = "--payload-bytes", defaultValue = "64")
    int payloadBytes;

    @Option(names = "--qos", defaultValue = "1", split = ",", description = "QoS of publishers and subscribers, 0 "
            + "or 1, or both as 0,1 (default 1).")
    List<Integer> qos;

    @Option(names = "--broker", defaultValue = "local-core", split = ",", paramLabel = "SOURCE", description = "Where "
            + "the messages come from: local-core, mosquitto (Debian's, over TLS: the pane's own ceiling) or both as "
            + "local-core,mosquitto (default ${DEFAULT-VALUE}).")
    List<String> brokers;

    @Option(names = "--window", description = "Instead: the real MQTT pane in a window (needs a display, Xvfb, or "
            + "Monocle headless) with --rate msgs/s flowing; prints FX pulse-to-pulse times and input latency.")
    boolean window;

    @Option(names = "--rate", defaultValue = "10000", description = "With --window: messages per second (default "
            + "${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "10", description = "With --window: seconds measured after 3 s of "
            + "warm-up (default ${DEFAULT-VALUE}).")
    int seconds;

    @Mixin
    PolicyModeOptions policies;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        var modes = policies.modes();
        if (modes.isEmpty()) {
            return 2;
        }
        if (qos.stream().anyMatch(q -> q != 0 && q != 1)) {
            System.err.println("--qos " + qos + " is not a QoS level: use 0, 1 or 0,1.");
            return 2;
        }
        List<MqttPaneBenchmark.Source> sources = new java.util.ArrayList<>();
        for (String b : brokers) {
            var source = MqttPaneBenchmark.Source.parse(b);
            if (source.isEmpty()) {
                System.err.println("--broker " + b + " is not a source: use local-core, mosquitto or "
                        + "local-core,mosquitto.");
                return 2;
            }
            sources.add(source.get());
        }
        if (window) {
            return window(out);
        }
        try (BenchFolder dir = BenchFolder.create("iot-workbench-bench-mqtt-")) {
            int[] n = {0};
            var result = PolicyComparison.run(out, modes.get(), policies.rounds(), List.of("bareMessagesPerSecond",
                    "pipelineMessagesPerSecond"), mode -> new MqttPaneBenchmark(out).run(
                            new MqttPaneBenchmark.Options(messages, topics, publishers, payloadBytes,
                                    List.copyOf(qos), List.copyOf(sources), dir.path().resolve("run-" + n[0]++),
                                    mode)));
            out.println("RESULT " + result);
            return 0;
        }
    }

    private int window(PrintStream out) throws Exception {
        if (rate <= 0 || seconds <= 0 || topics <= 0) {
            System.err.println("--rate, --seconds and --topics must be positive.");
            return 2;
        }
        try (BenchFolder dir = BenchFolder.create("iot-workbench-bench-window-")) {
            var result = new WindowLoadProbe(out).run(new WindowLoadProbe.Options(rate, topics, 3, seconds,
                    dir.path()));
            out.println("RESULT " + result);
            return 0;
        } catch (UnsupportedOperationException noDisplay) {
            System.err.println("No display for the window: set DISPLAY, run under Xvfb (xvfb-run), or run with "
                    + "Monocle headless as the UI tests do.");
            return 1;
        }
    }
}
