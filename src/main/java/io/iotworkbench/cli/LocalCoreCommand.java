package io.iotworkbench.cli;

import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.broker.BrokerSettings;
import io.iotworkbench.localcore.device.VirtualDevice;
import io.iotworkbench.localcore.policy.DecisionFile;
import io.iotworkbench.localcore.policy.PolicyMode;
import io.iotworkbench.registry.ThingNames;
import io.iotworkbench.session.Profile;
import io.iotworkbench.storage.AppDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code iot-workbench local-core}: runs the Local IoT Core without a window until SIGINT or SIGTERM, provisions the
 * named things and writes {@code local-core.json} (owner-only) describing ports, credentials and files.
 *
 * <p>Everything is checked before anything is opened: a usage error (a port out of range, a thing name AWS refuses,
 * an address that is not one) exits {@value #USAGE} with one sentence; an environment problem (the data folder is a
 * file, a system folder or not writable, another core holds it, a port is taken) exits {@value #FAILED} with one
 * sentence naming the path or port and what to do. {@code --verbose} adds the stack trace. Without
 * {@code --mqtt-port}, a taken 8883 is not an error: a free port is used and printed.
 */
@Command(name = "local-core", mixinStandardHelpOptions = true,
        description = "Run the Local IoT Core (an offline AWS IoT Core emulator) without a window, until Ctrl+C or "
                + "SIGTERM. Writes DIR/local-core.json with the broker, HTTPS, API and certificate files.")
public final class LocalCoreCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final List<String> SYSTEM_FOLDERS = List.of("/proc", "/sys", "/dev");

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder for the CA, database and device files (default: the workbench data folder). "
                    + "Made owner-only; one Local IoT Core at a time may use it.")
    String dataDir;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}). Another address lets devices on your "
                    + "network connect, and the REST API then requires SigV4 with the access key written to "
                    + "local-core.json: do that only on a network you trust.")
    String bind;

    @Option(names = "--mqtt-port", paramLabel = "N",
            description = "MQTT over TLS port (default 8883, or a free port when 8883 is taken; 0 = any free port).")
    Integer mqttPort;

    @Option(names = "--api-port", paramLabel = "N", defaultValue = "0",
            description = "REST API port for the AWS SDK and CLI (default any free port).")
    int apiPort;

    @Option(names = "--https-port", paramLabel = "N", defaultValue = "0",
            description = "HTTPS device endpoint port, with client certificates (AWS uses 8443; default any free "
                    + "port).")
    int httpsPort;

    @Option(names = "--provision", paramLabel = "THING",
            description = "Create this thing with an ACTIVE certificate and key under DIR/things/THING/ (repeatable).")
    List<String> provision = new ArrayList<>();

    @Option(names = "--virtual-device", description = "Also run the virtual WM device (thing wm_demo_1).")
    boolean virtualDevice;

    @Option(names = "--device-behaviour", paramLabel = "MODE", defaultValue = "FOLLOWS_DESIRED",
            description = "Virtual device behaviour: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    VirtualDevice.Behaviour behaviour;

    @Option(names = "--temperature-every", paramLabel = "SECONDS",
            description = "How often the virtual device samples its drifting temperature and reports it when its "
                    + "shown value changed: seconds, or off (default 10; decision 0029).")
    String temperatureEvery;

    @Option(names = "--thing-type-delete-wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "How long a thing type must be deprecated before it can be deleted (AWS: 300; default "
                    + "${DEFAULT-VALUE}).")
    long thingTypeDeleteWait;

    @Option(names = "--session-expiry", paramLabel = "SECONDS", defaultValue = "3600",
            description = "How long a persistent MQTT session (cleanSession=0) waits for its client to reconnect "
                    + "(default ${DEFAULT-VALUE}, AWS's default of one hour; 60 to 604800).")
    long sessionExpirySeconds;

    @Option(names = "--policies", paramLabel = "MODE", defaultValue = "enforce",
            description = "How IoT policies apply: enforce (refuse what AWS IoT would refuse), log (allow, but record "
                    + "what AWS would refuse) or off (default ${DEFAULT-VALUE}). Denials are written to "
                    + "DIR/decisions.ndjson.")
    String policies;

    @Option(names = "--verbose", description = "Show the full error (stack trace) when something fails.")
    boolean verbose;

    /** A problem found before anything was opened: its exit code and one sentence. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        Refusal(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LocalIoTCore.Config config;
        try {
            config = checkedConfig();
        } catch (Refusal r) {
            return fail(r.exitCode, r.getMessage(), r);
        }
        LocalIoTCore core;
        List<LocalIoTCore.ProvisionedThing> things = new ArrayList<>();
        Path info;
        try {
            core = mqttPort == null ? LocalIoTCore.startPreferringMqttPort(config) : LocalIoTCore.start(config);
        } catch (IOException | RuntimeException e) {
            return fail(FAILED, e.getMessage(), e);
        }
        try {
            for (String thing : provision) {
                things.add(core.provision(thing));
            }
            if (virtualDevice) {
                things.add(core.provision(Profile.DEFAULT_LOCAL_THING));
            }
            info = core.writeInfo(config.dataDir().resolve("local-core.json"), things);
        } catch (IOException | RuntimeException e) {
            core.close();
            return fail(FAILED, "The Local IoT Core stopped: " + e.getMessage(), e);
        }
        DecisionFile decisions = DecisionFile.follow(core.decisions(), config.dataDir().resolve("decisions.ndjson"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            core.close();
            decisions.close();
            out.println("Local IoT Core stopped.");
            out.flush();
            stopped.countDown();
        }, "local-core-shutdown"));
        if (mqttPort == null && core.mqttPort() != Profile.MQTT_TLS_PORT) {
            out.printf("Port %d is in use: MQTT listens on port %d instead.%n", Profile.MQTT_TLS_PORT,
                    core.mqttPort());
        }
        out.printf("Local IoT Core running%n  MQTT (TLS, client certificates): %s:%d%n"
                        + "  HTTPS device endpoint (client certificates): %s:%d%n"
                        + "  REST API (AWS SDK endpointOverride): %s%n  %s%n  Root CA: %s%n  Details: %s%n"
                        + "  Policies: %s (denials in %s)%n"
                        + "Press Ctrl+C to stop.%n",
                core.mqttHost(), core.mqttPort(), core.httpsHost(), core.httpsPort(), core.apiEndpoint(),
                core.signaturesRequired()
                        ? "Credentials (SigV4 required): access key " + core.apiCredentials().accessKeyId()
                                + ", secret in " + info
                        : "Credentials: any (signatures are not checked on loopback)",
                core.caFile(), info, core.policyMode().word(), decisions.file());
        out.flush();
        stopped.await();
        return 0;
    }

    /** Checks every option and the data folder; creates nothing but the data folder itself. */
    private LocalIoTCore.Config checkedConfig() throws Refusal {
        int mqtt = mqttPort == null ? Profile.MQTT_TLS_PORT : mqttPort;
        checkPort("--mqtt-port", mqtt);
        checkPort("--api-port", apiPort);
        checkPort("--https-port", httpsPort);
        for (String thing : provision) {
            Optional<String> problem = ThingNames.problem(thing);
            if (problem.isPresent()) {
                throw new Refusal(USAGE, "--provision " + thing + ": " + problem.get());
            }
        }
        if (thingTypeDeleteWait < 0) {
            throw new Refusal(USAGE, "--thing-type-delete-wait " + thingTypeDeleteWait + " is negative: give seconds, "
                    + "0 or more.");
        }
        if (sessionExpirySeconds < 60 || sessionExpirySeconds > 604_800) {
            throw new Refusal(USAGE, "--session-expiry " + sessionExpirySeconds + " is out of range: give 60 to 604800 "
                    + "seconds (one minute to seven days).");
        }
        PolicyMode mode = PolicyMode.parse(policies).orElseThrow(() -> new Refusal(USAGE, "--policies " + policies
                + " is not a mode: use enforce, log or off."));
        long temperatureMillis;
        try {
            temperatureMillis = VirtualDevice.temperaturePeriodMillis(temperatureEvery);
        } catch (IllegalArgumentException e) {
            throw new Refusal(USAGE, "--temperature-every: " + e.getMessage());
        }
        checkBindAddress();
        Path dir = checkedDataDir();
        return LocalIoTCore.Config.defaults(dir).withBind(bind).withPorts(mqtt, apiPort).withHttpsPort(httpsPort)
                .withVirtualDevice(virtualDevice).withDeviceBehaviour(behaviour)
                .withTemperaturePeriodMillis(temperatureMillis)
                .withThingTypeDeprecationWait(Duration.ofSeconds(thingTypeDeleteWait))
                .withOwner("iot-workbench local-core").withPolicies(mode)
                .withBroker(BrokerSettings.defaults().withSessionExpiry(Duration.ofSeconds(sessionExpirySeconds)));
    }

    private static void checkPort(String option, int port) throws Refusal {
        if (port < 0 || port > 65_535) {
            throw new Refusal(USAGE, option + " " + port + " is not a port: use 1 to 65535, or 0 for any free port.");
        }
    }

    private void checkBindAddress() throws Refusal {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new Refusal(USAGE, "--bind " + bind + " is not an address: give an IP address of this machine, "
                    + "e.g. 127.0.0.1 or your LAN address.");
        }
        try {
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                    && NetworkInterface.getByInetAddress(address) == null) {
                throw new Refusal(FAILED, "--bind " + bind + " is not an address of this machine: use one of its "
                        + "own addresses (ip addr shows them), or 127.0.0.1.");
            }
        } catch (SocketException e) {
            throw new Refusal(FAILED, "The network interfaces cannot be read to check --bind " + bind + ": "
                    + e.getMessage() + ".");
        }
    }

    private Path checkedDataDir() throws Refusal {
        Path dir;
        try {
            dir = (dataDir != null ? Path.of(dataDir) : AppDirectories.fromEnvironment().dataDir()).toAbsolutePath()
                    .normalize();
        } catch (InvalidPathException e) {
            throw new Refusal(USAGE, "--data-dir " + dataDir + " is not a valid path: " + e.getReason() + ".");
        }
        for (String system : SYSTEM_FOLDERS) {
            if (dir.startsWith(system)) {
                throw new Refusal(FAILED, "The data folder " + dir + " is inside " + system + ", a system folder "
                        + "that cannot hold files: choose a folder of your own with --data-dir.");
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Refusal(FAILED, "The data folder " + dir + " is a file, not a folder: choose a folder with "
                    + "--data-dir.");
        }
        try {
            Files.createDirectories(dir);
        } catch (AccessDeniedException e) {
            throw new Refusal(FAILED, "The data folder " + dir + " cannot be created (permission denied on "
                    + e.getFile() + "): choose a folder you can write to with --data-dir.");
        } catch (FileSystemException e) {
            throw new Refusal(FAILED, "The data folder " + dir + " cannot be created (" + reason(e) + "): choose "
                    + "another folder with --data-dir.");
        } catch (IOException e) {
            throw new Refusal(FAILED, "The data folder " + dir + " cannot be created (" + e.getMessage() + "): "
                    + "choose another folder with --data-dir.");
        }
        if (!Files.isWritable(dir) || !Files.isExecutable(dir)) {
            throw new Refusal(FAILED, "The data folder " + dir + " is not writable for you: choose a folder you can "
                    + "write to with --data-dir, or change its permissions.");
        }
        return dir;
    }

    private static String reason(FileSystemException e) {
        return e.getReason() != null ? e.getReason() : "file system error";
    }

    private int fail(int exitCode, String message, Throwable cause) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: " + message);
        if (verbose) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        err.flush();
        return exitCode;
    }
}
