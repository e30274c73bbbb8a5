package io.iotworkbench.ui.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.PipelineLimits;
import io.iotworkbench.mqtt.TopicSnapshot;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import io.iotworkbench.stream.LatencyRecorder;
import io.iotworkbench.ui.common.Appearance;
import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.mqtt.MqttView;
import io.iotworkbench.ui.mqtt.MqttViewModel;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench mqtt --window}: the real MQTT pane (view and view model) in a 1280×720 window on whatever JavaFX
 * platform this JVM has (a display, Xvfb, or Monocle headless as in the UI tests), with messages offered to the
 * pipeline at a steady rate over many topics. It measures the time between FX pulses (from the scene's post-layout
 * pulse listener) and the input latency: twice a second a tree item is selected as a click would, and the time from
 * posting that selection to the first pulse after the table shows the topic's messages is recorded. Prints p50/p99/max
 * of both; nothing here asserts a target.
 *
 * <p>An {@link AnimationTimer} keeps a pulse requested every frame, as any running animation or a moving mouse
 * does: a pane that updates only a few times a second would otherwise let JavaFX skip the pulses in between, and the
 * gaps would read as long pulses. So pulse-to-pulse time is how long the FX thread is held, not how often the pane has
 * something to draw. Because wall times on a shared machine mostly measure the wait for a core, the probe also prints
 * the CPU time of the FX thread and of the render thread per second and per pulse (decision 0028).
 *
 * <p>Threads: the FX thread, one feeder thread that paces the messages in 5 ms ticks, the pipeline's aggregator and
 * a pump scheduler; the calling thread waits and posts the selections.
 */
public final class WindowLoadProbe {

    public static final long PULSE_P99_TARGET_MS = 33;
    public static final long INPUT_TARGET_MS = 100;
    private static final long TICK_NANOS = 5_000_000L;

    /** What to run: messages per second over {@code topics} topics, warm-up and measured seconds. */
    public record Options(int rate, int topics, int warmUpSeconds, int seconds, Path workDir) {
    }

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    public WindowLoadProbe(PrintStream out) {
        this.out = out;
    }

    /** Starts the FX toolkit unless it runs already; fails with the platform's reason when there is no display. */
    static void startToolkit() throws InterruptedException {
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            started.complete(null);
        }
        Platform.setImplicitExit(false);
        started.join();
    }

    public ObjectNode run(Options o) throws Exception {
        startToolkit();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ui-pump"));
        Session session = new Session(Profile.localDefault());
        LatencyRecorder pulses = new LatencyRecorder();
        LatencyRecorder input = new LatencyRecorder();
        AtomicLong lastPulse = new AtomicLong();
        AtomicLong askedAt = new AtomicLong();
        AtomicLong answeredAt = new AtomicLong();
        AtomicLong offered = new AtomicLong();
        AtomicLong measuring = new AtomicLong();
        PulseLog log = new PulseLog(100_000);
        AtomicLong lastPulseCpu = new AtomicLong();
        ThreadMXBean cpuClock = ManagementFactory.getThreadMXBean();
        try (LocalCoreRuntime unused = new LocalCoreRuntime(o.workDir().resolve("unused"));
             MessagePipeline pipeline = new MessagePipeline(PipelineLimits.defaults());
             MqttConnection connection = new MqttConnection(session, unused);
             AwsClients aws = new AwsClients(unused)) {
            PaneContext ctx = new PaneContext(new FxSession(session, Platform::runLater), connection, pipeline,
                    unused, aws, Platform::runLater, scheduler);
            Stage[] stage = new Stage[1];
            MqttView view = onFx(() -> {
                MqttView v = new MqttView(new MqttViewModel(ctx));
                Scene scene = new Scene(new javafx.scene.layout.StackPane(v.root()), 1280, 720);
                scene.getStylesheets().setAll(Appearance.stylesheets(Appearance.Theme.LIGHT));
                scene.addPostLayoutPulseListener(() -> {
                    long now = System.nanoTime();
                    long previous = lastPulse.getAndSet(now);
                    long cpu = cpuClock.getCurrentThreadCpuTime();
                    long previousCpu = lastPulseCpu.getAndSet(cpu);
                    if (measuring.get() != 0 && previous != 0) {
                        pulses.recordNanos(now - previous);
                        log.pulse(now, now - previous, cpu - previousCpu);
                    }
                    if (answeredAt.get() != 0 && askedAt.get() != 0) {
                        if (measuring.get() != 0) {
                            input.recordNanos(now - askedAt.get());
                            log.selection(askedAt.get(), now - askedAt.get());
                        }
                        askedAt.set(0);
                        answeredAt.set(0);
                    }
                });
                stage[0] = new Stage();
                stage[0].setScene(scene);
                stage[0].setTitle("bench mqtt --window");
                stage[0].show();
                return v;
            });
            MqttViewModel vm = view.viewModel();
            long[] fxThreadId = {0};
            AnimationTimer steadyPulse = onFx(() -> {
                fxThreadId[0] = Thread.currentThread().getId();
                AnimationTimer t = new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        // nothing to draw: only keeps a pulse requested every frame
                    }
                };
                t.start();
                return t;
            });
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long rendererId = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).findFirst()
                    .orElse(-1);
            TreeView<TopicSnapshot> tree = onFx(() -> lookupTree(stage[0].getScene()));
            Thread feeder = DaemonThreads.start("bench-window-feeder", () -> feed(pipeline, o, offered));
            try {
                out.printf(Locale.ROOT, "The MQTT pane in a 1280x720 window (%s) with %,d msgs/s over %,d topics: "
                        + "%d s warm-up, %d s measured%n", System.getProperty("glass.platform", "default platform"),
                        o.rate(), o.topics(), o.warmUpSeconds(), o.seconds());
                TimeUnit.SECONDS.sleep(o.warmUpSeconds());
                long measuredFrom = System.nanoTime();
                measuring.set(measuredFrom);
                long fxCpu0 = threads.getThreadCpuTime(fxThreadId[0]);
                long renderCpu0 = rendererId < 0 ? -1 : threads.getThreadCpuTime(rendererId);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.seconds());
                long offeredBefore = offered.get();
                long receivedBefore = pipeline.stats().received();
                int k = 0;
                while (System.nanoTime() < end) {
                    String path = "bench/" + (k++ % 10);
                    askedAt.set(System.nanoTime());
                    Platform.runLater(() -> {
                        TreeItem<TopicSnapshot> item = vm.tree().item(path);
                        if (item != null) {
                            tree.getSelectionModel().select(item);
                        }
                        if (path.equals(vm.selectedPath()) && !vm.messages().rows().isEmpty()) {
                            answeredAt.set(System.nanoTime());
                        } else {
                            askedAt.set(0);
                        }
                    });
                    TimeUnit.MILLISECONDS.sleep(500);
                }
                measuring.set(0);
                double fxCpuMs = (threads.getThreadCpuTime(fxThreadId[0]) - fxCpu0) / 1e6;
                double renderCpuMs = renderCpu0 < 0 ? -1 : (threads.getThreadCpuTime(rendererId) - renderCpu0) / 1e6;
                long sent = offered.get() - offeredBefore;
                long received = pipeline.stats().received() - receivedBefore;
                ObjectNode r = json.createObjectNode();
                r.put("rate", o.rate());
                r.put("topics", o.topics());
                r.put("seconds", o.seconds());
                r.put("offeredPerSecond", Math.round(sent / (double) o.seconds()));
                r.put("receivedPerSecond", Math.round(received / (double) o.seconds()));
                r.put("pipelineDropped", pipeline.stats().dropped());
                r.put("pulses", pulses.count());
                r.put("pulseP50Ms", ms(pulses.percentileNanos(50)));
                r.put("pulseP99Ms", ms(pulses.percentileNanos(99)));
                r.put("pulseMaxMs", ms(pulses.maxNanos()));
                r.put("inputSamples", input.count());
                r.put("inputP50Ms", ms(input.percentileNanos(50)));
                r.put("inputP99Ms", ms(input.percentileNanos(99)));
                r.put("inputMaxMs", ms(input.maxNanos()));
                r.put("treeSliceSize", vm.treePump().sliceSize());
                long n = Math.max(1, pulses.count());
                r.put("fxCpuMsPerSecond", round1(fxCpuMs / o.seconds()));
                r.put("renderCpuMsPerSecond", round1(renderCpuMs / o.seconds()));
                r.put("fxCpuMsPerPulse", round1(fxCpuMs / n));
                r.put("renderCpuMsPerPulse", round1(renderCpuMs / n));
                r.put("loadAverage", round1(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
                out.printf(Locale.ROOT, "Offered %,d msgs/s, pipeline received %,d msgs/s (%,d dropped in all)%n",
                        r.get("offeredPerSecond").asLong(), r.get("receivedPerSecond").asLong(),
                        pipeline.stats().dropped());
                out.printf(Locale.ROOT, "FX pulse to pulse: %d pulses, p50 %.1f ms, p99 %.1f ms (target <= %d ms), "
                        + "longest %.1f ms%n", pulses.count(), ms(pulses.percentileNanos(50)),
                        ms(pulses.percentileNanos(99)), PULSE_P99_TARGET_MS, ms(pulses.maxNanos()));
                out.printf(Locale.ROOT, "Tree item selected to the table answering on screen: %d samples, p50 %.1f ms, "
                        + "p99 %.1f ms (target <= %d ms), longest %.1f ms%n", input.count(),
                        ms(input.percentileNanos(50)), ms(input.percentileNanos(99)), INPUT_TARGET_MS,
                        ms(input.maxNanos()));
                out.printf(Locale.ROOT, "CPU time: FX thread %.0f ms/s (%.1f ms per pulse), render thread %.0f ms/s "
                        + "(%.1f ms per pulse); load average %.1f%n", fxCpuMs / o.seconds(), fxCpuMs / n,
                        renderCpuMs / o.seconds(), renderCpuMs / n, r.get("loadAverage").asDouble());
                printLongest(log, measuredFrom, r);
                return r;
            } finally {
                onFx(() -> {
                    steadyPulse.stop();
                    return null;
                });
                feeder.interrupt();
                feeder.join(5_000);
                onFx(() -> {
                    view.dispose();
                    stage[0].close();
                    return null;
                });
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** Prints the longest pulses, when they ended and which selection waited during each; adds them to {@code r}. */
    private void printLongest(PulseLog log, long measuredFrom, ObjectNode r) {
        var longest = r.putArray("longestPulses");
        for (PulseLog.Pulse p : log.longest(5)) {
            var waiting = log.waitingDuring(p);
            ObjectNode e = longest.addObject();
            e.put("number", p.number());
            e.put("ms", ms(p.nanos()));
            e.put("fxCpuMs", ms(p.fxCpuNanos()));
            e.put("endedAtMs", ms(p.endNanos() - measuredFrom));
            e.put("endedEpochMs", p.endEpochMillis());
            waiting.ifPresent(s -> e.put("selection", s.number()));
            out.printf(Locale.ROOT, "  pulse #%d: %.1f ms (FX thread CPU %.1f ms), ended %.1f ms after measuring "
                    + "began (epoch ms %d, JVM uptime %.3f s)%s%n",
                    p.number(), ms(p.nanos()), ms(p.fxCpuNanos()), ms(p.endNanos() - measuredFrom),
                    p.endEpochMillis(),
                    (p.endEpochMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0,
                    waiting.map(s -> String.format(Locale.ROOT, "; selection #%d (posted at %.1f ms, answered in "
                            + "%.1f ms) waited", s.number(), ms(s.askedNanos() - measuredFrom), ms(s.latencyNanos())))
                            .orElse("; no selection waiting"));
        }
    }

    @SuppressWarnings("unchecked")
    private static TreeView<TopicSnapshot> lookupTree(Scene scene) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        return (TreeView<TopicSnapshot>) scene.lookup("#mqtt-topic-tree");
    }

    /** Offers {@code rate} messages a second in 5 ms ticks, round-robin over the topics, until interrupted. */
    private static void feed(MessagePipeline pipeline, Options o, AtomicLong offered) {
        byte[] payload = "{\"temperature\":21.5,\"humidity\":40}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long start = System.nanoTime();
        long sent = 0;
        int topic = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long due = (System.nanoTime() - start) * o.rate() / 1_000_000_000L;
            for (; sent < due; sent++) {
                pipeline.offer(MqttPaneBenchmark.topic(topic), payload, 0, false, false);
                topic = (topic + 1) % o.topics();
            }
            offered.set(sent);
            java.util.concurrent.locks.LockSupport.parkNanos(TICK_NANOS);
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }
}
