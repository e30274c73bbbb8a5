package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.device.OtaAgent;
import io.iotworkbench.localcore.device.VirtualDevice;
import io.iotworkbench.serial.console.LogLevel;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link AwsDemoHook} that makes the virtual board's {@code aws_led} real: it runs the WM {@code led_demo} device
 * ({@link VirtualDevice}) against the session's Local IoT Core and streams the device's WM-format log lines into the
 * board's console, so typing {@code aws_led} on the virtual board updates the thing's shadow in the Local IoT Core.
 *
 * <p>The board's thing is the one {@code thingName} supplies (the session's thing, or {@value #DEFAULT_THING} when it
 * is blank). When the core already runs its own virtual device as that thing (the workbench's Local profile runs
 * {@code wm_demo_1}), the board attaches to that device's log instead of starting a second client with the same
 * client ID, which would take turns throwing each other off the broker. Otherwise it provisions the thing and starts a
 * device of its own, which it closes when the board is reset. {@code aws_job} runs the same device, whose
 * {@code jobs_demo} takes jobs from the Local IoT Core's Jobs service; {@code aws_http} runs
 * {@code http_demo_mutual_auth} against the core's HTTPS device endpoint ({@link LocalCoreHttpDemo}); {@code aws_ota}
 * runs {@code ota_demo_core_http} through an {@link OtaAgent} that installs into the board and reboots it; the other
 * demos fall back to {@link OfflineAwsDemo}.
 *
 * <p>Threading: {@link #run} is called on the board's demo thread and blocks until the demo thread is interrupted (the
 * board was reset or closed); the device's log lines are forwarded from Paho's and the device's threads.
 */
public final class LocalCoreAwsDemo implements AwsDemoHook {

    public static final String DEFAULT_THING = "wm_board_1";
    private static final Pattern WM_LINE = Pattern.compile("\\[([EWIDV])] \\(\\d+\\) ([^:]+): (.*)", Pattern.DOTALL);

    private final CompletableFuture<LocalIoTCore> core;
    private final Supplier<String> thingName;
    private final Duration readyTimeout;
    private final long temperaturePeriodMillis;
    private final Clock clock;
    private final AwsDemoHook fallback = new OfflineAwsDemo();
    private final Map<String, OtaAgent> otaAgents = new HashMap<>();

    public LocalCoreAwsDemo(CompletableFuture<LocalIoTCore> core, Supplier<String> thingName, Duration readyTimeout,
                            long temperaturePeriodMillis, Clock clock) {
        this.core = core;
        this.thingName = thingName;
        this.readyTimeout = readyTimeout;
        this.temperaturePeriodMillis = temperaturePeriodMillis;
        this.clock = clock;
    }

    /** The thing the board runs as: the supplied name, or {@value #DEFAULT_THING} when it is blank. */
    public String boardThing() {
        String name = thingName.get();
        return name == null || name.isBlank() ? DEFAULT_THING : name.strip();
    }

    @Override
    public void run(AwsDemo demo, DemoConsole console) throws InterruptedException {
        switch (demo) {
            case LED, JOB -> runDeviceDemo(demo, console);
            case HTTP -> runHttpDemo(console);
            case OTA -> runOtaDemo(console);
            default -> fallback.run(demo, console);
        }
    }

    private void runHttpDemo(DemoConsole console) {
        LocalIoTCore running;
        try {
            running = core.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            console.log(LogLevel.ERROR, AwsDemo.HTTP.tag(), "The Local IoT Core is not running: "
                    + (e instanceof ExecutionException ? e.getCause().getMessage() : "not ready in time"));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LocalCoreHttpDemo.run(running, boardThing(), console);
    }

    /**
     * {@code aws_ota [--ota-protocol http|mqtt]}: starts the board thing's {@link OtaAgent} (once per thing; it
     * outlives the reboot it causes, to run the self-test) and waits, as the demo task does, until the board resets.
     */
    private void runOtaDemo(DemoConsole console) throws InterruptedException {
        String tag = AwsDemo.OTA.tag();
        List<String> args = console.arguments();
        OtaAgent.Protocol protocol = OtaAgent.Protocol.HTTP;
        int at = args.indexOf("--ota-protocol");
        if (at >= 0 && at + 1 < args.size()) {
            protocol = args.get(at + 1).equalsIgnoreCase("mqtt") ? OtaAgent.Protocol.MQTT : OtaAgent.Protocol.HTTP;
        }
        LocalIoTCore running;
        try {
            running = core.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            console.log(LogLevel.ERROR, tag, "The Local IoT Core is not running: "
                    + (e instanceof ExecutionException ? e.getCause().getMessage() : "not ready in time"));
            return;
        }
        String thing = boardThing();
        synchronized (otaAgents) {
            if (!otaAgents.containsKey(thing)) {
                LocalIoTCore.ProvisionedThing provisioned;
                try {
                    provisioned = running.provision(thing);
                } catch (java.io.IOException e) {
                    console.log(LogLevel.ERROR, tag, "Failed to provision " + thing + ": " + e.getMessage());
                    return;
                }
                OtaAgent agent = new OtaAgent(new OtaAgent.Settings(thing, running.mqttHost(), running.mqttPort(),
                        provisioned.certificateFile(), provisioned.privateKeyFile(), running.caFile(),
                        List.of(running.codeSigner().certificate()), protocol, 4096, 64),
                        new BoardFirmware(console));
                otaAgents.put(thing, agent);
                agent.start();
            }
        }
        console.log(LogLevel.INFO, tag, "ota_demo_core_http: waiting for an OTA job on $aws/things/" + thing
                + "/jobs/notify-next (" + protocol + ").");
        new java.util.concurrent.CountDownLatch(1).await();
    }

    /** The board as the OTA agent sees it: its version, its log, its {@code app_ota} area. */
    private record BoardFirmware(DemoConsole console) implements OtaAgent.Firmware {
        @Override
        public String version() {
            return console.firmwareVersion();
        }

        @Override
        public void install(io.iotworkbench.serial.flash.WmImage image) throws java.io.IOException {
            console.installAndReboot(image);
        }

        @Override
        public void log(char level, String message) {
            console.logOnBoard(LogLevel.ofLetter(level), AwsDemo.OTA.tag(), message);
        }
    }

    /** Stops the OTA agents {@code aws_ota} started (when the board or the session closes). */
    public void closeOtaAgents() {
        synchronized (otaAgents) {
            otaAgents.values().forEach(OtaAgent::close);
            otaAgents.clear();
        }
    }

    private void runDeviceDemo(AwsDemo demo, DemoConsole console) throws InterruptedException {
        String thing = boardThing();
        String tag = demo.tag();
        LocalIoTCore running;
        try {
            running = core.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            console.log(LogLevel.ERROR, tag, "The Local IoT Core is not running: "
                    + (e instanceof ExecutionException ? e.getCause().getMessage() : "not ready in time"));
            return;
        }
        console.log(LogLevel.INFO, tag, "Establishing a TLS session to " + running.mqttHost() + ":"
                + running.mqttPort() + " (Local IoT Core) as " + thing + ".");
        AtomicBoolean forwarding = new AtomicBoolean(true);
        Consumer<String> forward = line -> {
            if (forwarding.get()) {
                forwardLine(line, console);
            }
        };
        VirtualDevice shared = running.virtualDevice().filter(d -> d.thingName().equals(thing)).orElse(null);
        VirtualDevice own = null;
        try {
            if (shared != null) {
                shared.addLogListener(forward);
                console.log(LogLevel.INFO, tag, "led_demo attached to the running device " + thing + " (led "
                        + shared.led() + ", temperature " + shared.temperature() + ")");
            } else {
                own = startDevice(running, thing, forward, console);
                if (own == null) {
                    return;
                }
            }
            console.log(LogLevel.INFO, tag, demo == AwsDemo.JOB
                    ? "Subscribed to $aws/things/" + thing + "/jobs/notify-next; create a job for " + thing
                            + " in the Jobs pane (Reboot template)."
                    : "Subscribed to $aws/things/" + thing + "/shadow/update/delta; change the desired led (red, "
                            + "green, blue, off) in the Shadow pane.");
            new java.util.concurrent.CountDownLatch(1).await();
        } finally {
            forwarding.set(false);
            if (own != null) {
                own.close();
            }
        }
    }

    private VirtualDevice startDevice(LocalIoTCore running, String thing, Consumer<String> forward,
                                      DemoConsole console) {
        VirtualDevice device = null;
        try {
            LocalIoTCore.ProvisionedThing provisioned = running.provision(thing);
            device = new VirtualDevice(new VirtualDevice.Settings(thing, running.mqttHost(), running.mqttPort(),
                    provisioned.certificateFile(), provisioned.privateKeyFile(), running.caFile(),
                    VirtualDevice.Behaviour.FOLLOWS_DESIRED, temperaturePeriodMillis), clock);
            device.addLogListener(forward);
            device.start();
            return device;
        } catch (Exception e) {
            if (device != null) {
                device.close();
            }
            console.log(LogLevel.ERROR, AwsDemo.LED.tag(), "Failed to start led_demo for " + thing + ": "
                    + e.getMessage());
            return null;
        }
    }

    /** Re-logs a device line {@code [L] (ms) tag: text} through the board, so the board's time and level apply. */
    static void forwardLine(String line, DemoConsole console) {
        Matcher m = WM_LINE.matcher(line);
        if (m.matches()) {
            console.log(LogLevel.ofLetter(m.group(1).charAt(0)), m.group(2), m.group(3));
        } else {
            console.print(line + "\r\n");
        }
    }
}
