package io.iotworkbench.app;

import io.iotworkbench.ui.mqtt.MqttPaneBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code iot-workbench bench mqtt}: the MQTT pane's pipeline and view models under load against a bare Paho
 * subscriber (see {@link MqttPaneBenchmark}). Registered under {@code bench} by {@link Main}, because the command
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

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("iot-workbench-bench-mqtt-");
        try {
            var result = new MqttPaneBenchmark(out).run(new MqttPaneBenchmark.Options(messages, topics, publishers,
                    payloadBytes, qos, dir));
            out.println("RESULT " + result);
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
