package io.iotworkbench.cli;

import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.device.VirtualDevice;
import io.iotworkbench.storage.AppDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code iot-workbench local-core}: runs the Local IoT Core without a window until SIGINT or SIGTERM, provisions the
 * named things and writes {@code local-core.json} describing ports and files.
 */
@Command(name = "local-core", mixinStandardHelpOptions = true,
        description = "Run the Local IoT Core (an offline AWS IoT Core emulator) without a window, until Ctrl+C or "
                + "SIGTERM. Writes DIR/local-core.json with the broker, API and certificate files.")
public final class LocalCoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder for the CA, database and device files (default: the workbench data folder).")
    Path dataDir;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}). Another address lets devices on your "
                    + "network connect: do that only on a network you trust.")
    String bind;

    @Option(names = "--mqtt-port", paramLabel = "N", defaultValue = "8883",
            description = "MQTT over TLS port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int mqttPort;

    @Option(names = "--api-port", paramLabel = "N", defaultValue = "0",
            description = "REST API port for the AWS SDK (default any free port).")
    int apiPort;

    @Option(names = "--provision", paramLabel = "THING",
            description = "Create this thing with an ACTIVE certificate and key under DIR/things/THING/ (repeatable).")
    List<String> provision = new ArrayList<>();

    @Option(names = "--virtual-device", description = "Also run the virtual WM device (thing wm_demo_1).")
    boolean virtualDevice;

    @Option(names = "--device-behaviour", paramLabel = "MODE", defaultValue = "FOLLOWS_DESIRED",
            description = "Virtual device behaviour: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    VirtualDevice.Behaviour behaviour;

    @Option(names = "--session-expiry", paramLabel = "SECONDS", defaultValue = "3600",
            description = "How long a persistent MQTT session (cleanSession=0) waits for its client to reconnect "
                    + "(default ${DEFAULT-VALUE}, AWS's default of one hour; 60 to 604800).")
    long sessionExpirySeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (sessionExpirySeconds < 60 || sessionExpirySeconds > 604_800) {
            throw new ParameterException(spec.commandLine(), "--session-expiry must be between 60 and 604800 "
                    + "seconds (one minute to seven days).");
        }
        Path dir = (dataDir != null ? dataDir : AppDirectories.fromEnvironment().dataDir()).toAbsolutePath();
        LocalIoTCore.Config config = LocalIoTCore.Config.defaults(dir).withBind(bind).withPorts(mqttPort, apiPort)
                .withVirtualDevice(virtualDevice);
        config = new LocalIoTCore.Config(config.dataDir(), config.bindAddress(), config.mqttPort(), config.apiPort(),
                config.region(), config.shadowLimits(), config.clock(), config.virtualDevice(), behaviour,
                config.temperaturePeriodMillis(), config.broker().withSessionExpiry(
                        java.time.Duration.ofSeconds(sessionExpirySeconds)));
        LocalIoTCore core = LocalIoTCore.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            core.close();
            out.println("Local IoT Core stopped.");
            out.flush();
            stopped.countDown();
        }, "local-core-shutdown"));
        List<LocalIoTCore.ProvisionedThing> things = new ArrayList<>();
        for (String thing : provision) {
            things.add(core.provision(thing));
        }
        if (virtualDevice) {
            things.add(core.provision(io.iotworkbench.session.Profile.DEFAULT_LOCAL_THING));
        }
        Path info = core.writeInfo(dir.resolve("local-core.json"), things);
        out.printf("Local IoT Core running%n  MQTT (TLS, client certificates): %s:%d%n  REST API (AWS SDK "
                        + "endpointOverride): %s%n  Root CA: %s%n  Details: %s%nPress Ctrl+C to stop.%n",
                core.mqttHost(), core.mqttPort(), core.apiEndpoint(), core.caFile(), info);
        out.flush();
        stopped.await();
        return 0;
    }
}
