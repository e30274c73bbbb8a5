package io.iotworkbench.ui.bench;

import io.iotworkbench.bench.BenchFolder;
import io.iotworkbench.bench.PolicyComparison;
import picocli.CommandLine.Command;
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

    @Option(names = "--qos", defaultValue = "1", description = "QoS of publishers and subscribers, 0 or 1 (default 1).")
    int qos;

    @Option(names = "--policies", paramLabel = "MODE", defaultValue = "both", description = "How the Local IoT "
            + "Core applies IoT policies: enforce, log, off, or both (default ${DEFAULT-VALUE}: off and enforce in "
            + "turn, with what enforcing costs).")
    String policies;

    @Option(names = "--rounds", defaultValue = "1", description = "With --policies both: rounds of off and enforce, "
            + "interleaved; medians are compared (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        var modes = PolicyComparison.modes(policies);
        if (modes.isEmpty() || rounds < 1) {
            System.err.println(modes.isEmpty() ? "--policies " + policies + " is not a mode: use enforce, log, off "
                    + "or both." : "--rounds must be at least 1.");
            return 2;
        }
        try (BenchFolder dir = BenchFolder.create("iot-workbench-bench-mqtt-")) {
            int[] n = {0};
            var result = PolicyComparison.run(out, modes.get(), rounds, List.of("bareMessagesPerSecond",
                    "pipelineMessagesPerSecond"), mode -> new MqttPaneBenchmark(out).run(
                            new MqttPaneBenchmark.Options(messages, topics, publishers, payloadBytes, qos,
                                    dir.path().resolve("run-" + n[0]++), mode)));
            out.println("RESULT " + result);
            return 0;
        }
    }
}
