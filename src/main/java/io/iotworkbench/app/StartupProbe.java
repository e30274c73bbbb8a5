package io.iotworkbench.app;

import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.ConnectionStatus;
import io.iotworkbench.session.Session;
import io.iotworkbench.session.SessionListener;
import io.iotworkbench.ui.common.FirstFrame;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.sun.management.OperatingSystemMXBean;

/**
 * Measures start-up from outside and drives the class-data-sharing training run. Switched on by the system property
 * {@value #PROPERTY} or the environment variable {@value #ENV}:
 * <ul>
 *   <li>{@code frame}: once the main window's first frame is on screen, print {@code STARTUP {json}} with the JVM's
 *       uptime at that frame, then a second line once the selected pane's content is on screen, and exit;</li>
 *   <li>{@code core}: the same lines, then wait for the Local IoT Core to run, print a third (with the uptime at
 *       which it ran, which may come before the pane) and exit;</li>
 *   <li>{@code idle}: the same three lines, then the window stays open ({@code bench idle} measures it idle);</li>
 *   <li>{@code train}: wait for the Local IoT Core and the automatic connection, open every pane in turn, then close
 *       the window and exit normally, so {@code -XX:ArchiveClassesAtExit} archives what a real session loads.</li>
 * </ul>
 * The first frame is taken as {@link FirstFrame} sees it, so the figure errs on the late side by at most one pulse;
 * {@code pane-ready} follows when the selected pane's content (built just after the first frame) is up. The probe
 * arms its first-frame timer ({@link #armFirstFrame}) before the window is built, so its line is the first thing the
 * pulse after the first frame does: the window's own after-frame work (the selected pane, the icons, the Local IoT
 * Core's start) runs in that same pulse, after the frame is on screen, and is not counted in it (decision 0027).
 * Right after {@code first-frame} it prints {@code timeline}: the JVM's uptime when {@code start} began (the toolkit
 * is up), when the workbench was built, when the window had its scene, when {@code show} returned, when the first
 * pulse began and had laid the scene out, and at the first frame, with the CPU time of the FX thread and of the whole
 * process by then (decision 0032), so that a launch shows which part of its first frame is JavaFX's and which is ours.
 *
 * <p>FX thread only.
 */
final class StartupProbe {

    static final String PROPERTY = "iotworkbench.startupProbe";
    static final String ENV = "IOTWORKBENCH_STARTUP_PROBE";
    private static final double TRAIN_CONNECT_SECONDS = 30;
    private static final double TRAIN_PANE_SECONDS = 0.6;

    enum Mode { OFF, FRAME, CORE, IDLE, TRAIN }

    private final Mode mode;
    private final PrintStream out;
    private final Runnable exit;
    /** Named instants of the launch ({@link System#nanoTime}), in the order they were taken. */
    private final Map<String, Long> marks = new LinkedHashMap<>();

    StartupProbe(Mode mode, PrintStream out) {
        this(mode, out, () -> System.exit(0));
    }

    /** {@code exit} ends the process once the probe has reported (tests count the call instead). */
    StartupProbe(Mode mode, PrintStream out, Runnable exit) {
        this.mode = mode;
        this.out = out;
        this.exit = exit;
    }

    static StartupProbe fromEnvironment() {
        return new StartupProbe(mode(System::getProperty, System.getenv()), System.out);
    }

    /** The mode the property (first) or the environment variable asks for; unknown values are refused. */
    static Mode mode(Function<String, String> properties, Map<String, String> env) {
        String value = properties.apply(PROPERTY);
        if (value == null || value.isBlank()) {
            value = env.get(ENV);
        }
        if (value == null || value.isBlank() || value.equalsIgnoreCase("off")) {
            return Mode.OFF;
        }
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown start-up probe mode '" + value + "' in " + PROPERTY + "/"
                    + ENV + ": use frame, core, idle, train or off.", e);
        }
    }

    Mode mode() {
        return mode;
    }

    /**
     * Arms the {@code first-frame} report. Called before the window is built and shown, in the same FX event (no pulse
     * runs in between), so the report counts the same pulses as the window's own {@link FirstFrame} work but runs
     * before it in the pulse after the first frame.
     */
    void armFirstFrame() {
        if (mode == Mode.OFF) {
            return;
        }
        mark("start");
        // FirstFrame's count: the frame drawn in the first pulse is on screen when the second begins
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 1) {
                    mark("pulse");
                } else {
                    stop();
                    mark("frame");
                    report("first-frame");
                    reportTimeline();
                }
            }
        }.start();
    }

    /** Marks, on {@code stage}, when the window gets its scene, when its first layout pass is done and it shows. */
    void watchStage(Stage stage) {
        if (mode == Mode.OFF) {
            return;
        }
        stage.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null && !marks.containsKey("scene")) {
                mark("scene");
                Runnable[] once = new Runnable[1];
                once[0] = () -> {
                    mark("layout");
                    scene.removePostLayoutPulseListener(once[0]);
                };
                scene.addPostLayoutPulseListener(once[0]);
            }
        });
        stage.showingProperty().addListener((obs, was, showing) -> {
            if (showing && !marks.containsKey("shown")) {
                mark("shown");
            }
        });
    }

    /** Remembers the instant of a named step of the launch, once (nothing when the probe is off). */
    void mark(String name) {
        if (mode != Mode.OFF) {
            marks.putIfAbsent(name, System.nanoTime());
        }
    }

    /**
     * Prints {@code STARTUP {"event":"timeline",...}}: each mark as the JVM's uptime in ms ({@code startMs},
     * {@code workbenchMs}, ...), then the FX thread's and the process's CPU time in ms.
     */
    private void reportTimeline() {
        long nowNanos = System.nanoTime();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        StringBuilder line = new StringBuilder("STARTUP {\"event\":\"timeline\"");
        marks.forEach((name, at) -> line.append(",\"").append(name).append("Ms\":")
                .append(uptime - (nowNanos - at) / 1_000_000));
        long fxCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        line.append(",\"fxCpuMs\":").append(fxCpu < 0 ? -1 : fxCpu / 1_000_000);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            line.append(",\"cpuMs\":").append(os.getProcessCpuTime() / 1_000_000);
        }
        out.println(line.append('}').toString());
        out.flush();
    }

    /** Watches the window that has just been shown (after {@link #armFirstFrame}). */
    void watch(MainWindow window, Workbench workbench) {
        if (mode == Mode.OFF) {
            return;
        }
        // the core may run before the pane is ready (decision 0031): its line carries the uptime it ran at
        CompletableFuture<Long> coreUptime = workbench.localCore().ready().thenApply(core -> uptimeMs());
        window.whenPaneReady(() -> FirstFrame.then(() -> {
            report("pane-ready");
            switch (mode) {
                case FRAME -> exit();
                case CORE -> coreUptime.whenComplete((up, error) -> Platform.runLater(() -> {
                    report(error == null ? "core-ready" : "core-failed", up);
                    exit();
                }));
                case IDLE -> coreUptime.whenComplete((up, error) -> Platform.runLater(
                        () -> {
                            report(error == null ? "core-ready" : "core-failed", up);
                            countPulses(window);
                        }));
                case TRAIN -> train(window, workbench);
                default -> { }
            }
        }));
    }

    /**
     * Waits for the Local profile's connection (a session listener; at most {@value #TRAIN_CONNECT_SECONDS} s), then
     * visits every pane.
     */
    private void train(MainWindow window, Workbench workbench) {
        Session session = workbench.session();
        AtomicBoolean started = new AtomicBoolean();
        PauseTransition timeout = new PauseTransition(Duration.seconds(TRAIN_CONNECT_SECONDS));
        Runnable visit = () -> {
            if (started.compareAndSet(false, true)) {
                timeout.stop();
                if (session.state() != ConnectionState.CONNECTED) {
                    out.println("STARTUP {\"event\":\"train-warning\",\"detail\":\"not connected; training "
                            + "without traffic\"}");
                }
                visitPanes(window, 0);
            }
        };
        session.addListener(new SessionListener() {
            @Override
            public void connectionChanged(ConnectionStatus previous, ConnectionStatus current) {
                if (current.state() == ConnectionState.CONNECTED) {
                    Platform.runLater(visit);
                }
            }
        });
        timeout.setOnFinished(e -> visit.run());
        timeout.play();
        if (session.state() == ConnectionState.CONNECTED) {
            visit.run();
        }
    }

    private void visitPanes(MainWindow window, int index) {
        var tabs = window.tabs().getTabs();
        if (index < tabs.size()) {
            Tab tab = tabs.get(index);
            window.tabs().getSelectionModel().select(tab);
            later(TRAIN_PANE_SECONDS, () -> visitPanes(window, index + 1));
            return;
        }
        window.tabs().getSelectionModel().selectFirst();
        report("trained");
        out.flush();
        window.stage().close();
        Platform.exit();
    }

    /**
     * Idle mode: counts the FX pulses that reach the window's scene and prints the running count once a second as
     * {@code STARTUP {"event":"pulses","count":N}}, so that {@code bench idle} sees whether an idle window sleeps.
     */
    private void countPulses(MainWindow window) {
        java.util.concurrent.atomic.AtomicLong pulses = new java.util.concurrent.atomic.AtomicLong();
        window.tabs().getScene().addPostLayoutPulseListener(pulses::incrementAndGet);
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                io.iotworkbench.concurrent.DaemonThreads.named("startup-probe-pulses")).scheduleAtFixedRate(() -> {
                    out.println("STARTUP {\"event\":\"pulses\",\"count\":" + pulses.get() + "}");
                    out.flush();
                }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static void later(double seconds, Runnable action) {
        PauseTransition pause = new PauseTransition(Duration.seconds(seconds));
        pause.setOnFinished(e -> action.run());
        pause.play();
    }

    /** Prints the event with the JVM's uptime at the call (the management classes load after the instant is taken). */
    private void report(String event) {
        report(event, null);
    }

    /** Prints the event with {@code uptimeMs}, when it happened earlier, else the uptime at the call. */
    private void report(String event, Long uptimeMs) {
        long calledAt = System.nanoTime();
        long now = uptimeMs();
        long uptime = uptimeMs != null ? uptimeMs : now - (System.nanoTime() - calledAt) / 1_000_000;
        long reportMs = (System.nanoTime() - calledAt) / 1_000_000;
        out.println("STARTUP {\"event\":\"" + event + "\",\"jvmUptimeMs\":" + uptime + ",\"reportMs\":" + reportMs
                + "}");
        out.flush();
    }

    private static long uptimeMs() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    private void exit() {
        out.flush();
        exit.run();
    }
}
