package io.iotworkbench.localcore;

import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.localcore.broker.GatewayListener;
import io.iotworkbench.localcore.device.VirtualDevice;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.session.ProfileResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the Local IoT Core inside the workbench for the built-in Local profile: started in the background once the
 * window's first frame is up, beside the selected pane's construction (decision 0031), on port 8883 when that is free
 * and on a free port otherwise, with the virtual WM device. As the session's {@link ProfileResolver} it fills a LOCAL
 * profile with the running core's host, port, root CA and a certificate of its own (thing {@value #APP_THING}).
 *
 * <p>Thread-safe. {@link #start} returns at once; {@link #ready} completes when the core runs (its servers listen),
 * {@link #deviceReady} when the virtual device has then connected and reported, booted on the same start thread: the
 * device is one of the core's clients, and the window's own connection need not wait for its boot (decision 0031).
 */
public final class LocalCoreRuntime implements ProfileResolver, AutoCloseable {

    /** The thing whose certificate the workbench itself connects with. */
    public static final String APP_THING = "iot-workbench";
    /** How the window names itself to a second program that finds the data folder in use. */
    static final String WINDOW = "the IoT Workbench window";
    private static final Logger LOG = LoggerFactory.getLogger(LocalCoreRuntime.class);

    private final Path dataDir;
    private final CompletableFuture<LocalIoTCore> ready = new CompletableFuture<>();
    private final CompletableFuture<VirtualDevice> deviceReady = new CompletableFuture<>();
    private volatile boolean started;
    private final int preferredPort;

    public LocalCoreRuntime(Path dataDir) {
        this(dataDir, Profile.MQTT_TLS_PORT);
    }

    /** Prefers {@code preferredPort} when free; 0 always takes a free port (tests). */
    public LocalCoreRuntime(Path dataDir, int preferredPort) {
        this.dataDir = dataDir;
        this.preferredPort = preferredPort;
    }

    /** Starts the core on a background thread; idempotent. */
    public synchronized CompletableFuture<LocalIoTCore> start() {
        if (!started) {
            started = true;
            DaemonThreads.start("local-core-start", () -> {
                LocalIoTCore core;
                try {
                    core = startOnPreferredPort();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("The Local IoT Core did not start: {}", e.getMessage());
                    ready.completeExceptionally(e);
                    deviceReady.completeExceptionally(e);
                    return;
                }
                ready.complete(core);
                startDevice(core);
            });
        }
        return ready;
    }

    /** Whether {@link #start} was called (the core may still be starting). */
    public boolean started() {
        return started;
    }

    public CompletableFuture<LocalIoTCore> ready() {
        return ready;
    }

    /**
     * Completes when the virtual device ({@link Profile#DEFAULT_LOCAL_THING}) has connected to the running core and
     * made its first report; fails when the core or the device could not start (the core keeps running then).
     */
    public CompletableFuture<VirtualDevice> deviceReady() {
        return deviceReady;
    }

    /** Boots the virtual device once the core runs (start thread); a device that fails leaves the core running. */
    private void startDevice(LocalIoTCore core) {
        long begin = System.nanoTime();
        try {
            deviceReady.complete(core.startVirtualDevice(Profile.DEFAULT_LOCAL_THING));
            LOG.info("Virtual device {} connected and reported {} ms after the Local IoT Core ran",
                    Profile.DEFAULT_LOCAL_THING, (System.nanoTime() - begin) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warn("The virtual device did not start: {}", e.getMessage());
            deviceReady.completeExceptionally(e);
        }
    }

    /**
     * Once the core runs, calls {@code notice} with one sentence each time its broker reports messages dropped for
     * subscribers that could not keep up (at most once per report interval, 10 s by default), for the window's
     * activity log. Called on a broker thread: {@code notice} must hand over quickly.
     */
    public void whenSubscribersDrop(Consumer<String> notice) {
        ready.thenAccept(core -> core.addListener(new GatewayListener() {
            @Override
            public void droppedForSlowSubscribers(Map<String, Long> sinceLastReport, long total) {
                notice.accept(dropNotice(sinceLastReport, total));
            }
        }));
    }

    /**
     * "1,234 messages dropped for slow subscribers (sub-a 1,200, sub-b 34; 5,678 since the Local IoT Core started)",
     * the busiest clients first, at most three named.
     */
    static String dropNotice(Map<String, Long> sinceLastReport, long total) {
        long now = sinceLastReport.values().stream().mapToLong(Long::longValue).sum();
        List<Map.Entry<String, Long>> busiest = sinceLastReport.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        StringBuilder who = new StringBuilder();
        for (int i = 0; i < Math.min(3, busiest.size()); i++) {
            who.append(i == 0 ? "" : ", ").append(busiest.get(i).getKey()).append(' ')
                    .append(String.format(Locale.ROOT, "%,d", busiest.get(i).getValue()));
        }
        if (busiest.size() > 3) {
            who.append(" and ").append(busiest.size() - 3).append(" more");
        }
        return String.format(Locale.ROOT, "%,d message%s dropped for slow subscribers (%s; %,d since the Local IoT "
                + "Core started)", now, now == 1 ? "" : "s", who, total);
    }

    /**
     * Once the core runs, calls {@code notice} with each decision of its that did not allow (the window's activity
     * log and the connection's loss reason). Called on a broker thread: {@code notice} must return at once.
     */
    public void whenDenied(Consumer<io.iotworkbench.localcore.policy.AccessDecision> notice) {
        ready.thenAccept(core -> core.decisions().listen(d -> {
            if (!d.allowed()) {
                notice.accept(d);
            }
        }));
    }

    /**
     * Port 8883 when free; if it is taken (or taken between the check and the bind), any free port. The virtual
     * device's key is made ahead with the others, but the device boots in {@link #startDevice}, once the core runs.
     */
    private LocalIoTCore startOnPreferredPort() throws IOException {
        return LocalIoTCore.startPreferringMqttPort(config(), LocalIoTCore.DeviceBoot.AFTER_START);
    }

    private LocalIoTCore.Config config() {
        return LocalIoTCore.Config.defaults(dataDir).withPorts(preferredPort, 0).withOwner(WINDOW)
                .withTemperaturePeriodMillis(VirtualDevice.temperaturePeriodMillis(
                        System.getProperty(VirtualDevice.TEMPERATURE_PROPERTY)));
    }

    /**
     * Whether a start now would create RSA keys (the CA's, the server's or the virtual device's key is missing): the
     * first launch on these folders. Such a start costs seconds of CPU, so the window lets its first frame go first
     * (decision 0031). Looks at a few files only.
     */
    public boolean startMakesKeys() {
        // the defaults: only the data folder and the virtual device count here, not the settings config() reads
        return LocalIoTCore.keysToMake(LocalIoTCore.Config.defaults(dataDir), dataDir.resolve(LocalIoTCore.CORE_DIR))
                > 0;
    }

    @Override
    public Profile resolve(Profile profile) throws Exception {
        if (profile.kind() != ProfileKind.LOCAL) {
            return profile;
        }
        LocalIoTCore core;
        try {
            core = start().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("The Local IoT Core is not running: " + e.getCause().getMessage(), e.getCause());
        }
        LocalIoTCore.ProvisionedThing me = core.provision(APP_THING, LocalIoTCore.Identity.WORKBENCH);
        return profile.withEndpoint(core.mqttHost(), core.mqttPort())
                .withFiles(profile.certificateFile() != null ? profile.certificateFile()
                                : me.certificateFile().toString(),
                        profile.privateKeyFile() != null ? profile.privateKeyFile() : me.privateKeyFile().toString(),
                        profile.rootCaFile() != null ? profile.rootCaFile() : core.caFile().toString());
    }

    @Override
    public void close() {
        ready.thenAccept(LocalIoTCore::close);
    }
}
