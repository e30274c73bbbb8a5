package io.iotworkbench.ui.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.bench.MosquittoServer;
import io.iotworkbench.bench.TlsClientFactory;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.PipelineLimits;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import io.iotworkbench.stream.LatencyRecorder;
import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.mqtt.MqttViewModel;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * {@code iot-workbench bench mqtt}: P publishers spread N QoS 1 messages over T topics through a Local IoT Core
 * (no virtual device). First a bare Paho subscriber on {@code bench/#} counts them (the baseline); then the same
 * load goes to a subscriber feeding the full pipeline (bounded buffer → aggregator → topic tree) with the MQTT pane's
 * view models running headless: their FxPumps apply batches on a single-thread executor standing in for the FX
 * thread, a subtree is selected for the message table and one topic is charted. Prints msgs/s for both, their ratio,
 * heap after GC, dropped messages and the longest and p99 batch apply; last line {@code RESULT {json}} (printed by
 * the command). Not a test: nothing here asserts a target.
 *
 * <p>Runs on the calling thread plus one thread per publisher, Paho's threads, the pipeline's aggregator, a pump
 * scheduler and the stand-in FX thread.
 */
public final class MqttPaneBenchmark {

    /** What to run: every source in {@code brokers} at every level in {@code qosLevels}. */
    public record Options(int messages, int topics, int publishers, int payloadBytes, List<Integer> qosLevels,
                          List<Source> brokers, Path workDir, io.iotworkbench.localcore.policy.PolicyMode policies) {
    }

    /** Where the messages come from: the Local IoT Core, or Debian's mosquitto (TLS) to see the pane's own ceiling. */
    public enum Source {
        LOCAL_CORE("local-core"), MOSQUITTO("mosquitto");

        private final String word;

        Source(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public static java.util.Optional<Source> parse(String word) {
            for (Source s : values()) {
                if (s.word.equalsIgnoreCase(word.strip())) {
                    return java.util.Optional.of(s);
                }
            }
            return java.util.Optional.empty();
        }
    }

    private static final int WINDOW = 500;
    private static final int MOSQUITTO_IN_FLIGHT = 1_000;
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    public MqttPaneBenchmark(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs every source at every QoS; the result holds the first run's figures at its top level (as before there was
     * more than one run) and every run under {@code runs}.
     */
    public ObjectNode run(Options o) throws Exception {
        ObjectNode result = json.createObjectNode();
        var runs = result.putArray("runs");
        try (LocalIoTCore core = LocalIoTCore.start(LocalIoTCore.Config.defaults(o.workDir().resolve("core"))
                .withVirtualDevice(false).withPorts(0, 0).withPolicies(o.policies()))) {
            for (Source source : o.brokers()) {
                if (source == Source.MOSQUITTO && MosquittoServer.binary() == null) {
                    out.println("mosquitto is not installed: no mosquitto runs (apt-get install mosquitto)");
                    continue;
                }
                MosquittoServer mosquitto = source == Source.MOSQUITTO ? MosquittoServer.start(
                        o.workDir().resolve("mosquitto"), io.iotworkbench.localcore.LocalCa.openOrCreate(
                                o.workDir().resolve("core/local-core/ca"), java.time.Clock.systemUTC()),
                        MOSQUITTO_IN_FLIGHT) : null;
                try {
                    TlsClientFactory factory = mosquitto == null
                            ? new TlsClientFactory(core.mqttHost(), core.mqttPort(), core.caFile())
                            : new TlsClientFactory("127.0.0.1", mosquitto.port(), core.caFile());
                    for (int qos : o.qosLevels()) {
                        ObjectNode r = runs.addObject();
                        runOne(core, factory, source, qos, o, r);
                        if (runs.size() == 1) {
                            r.fields().forEachRemaining(e -> result.set(e.getKey(), e.getValue()));
                        }
                    }
                } finally {
                    if (mosquitto != null) {
                        mosquitto.close();
                    }
                }
            }
        }
        if (runs.size() > 1) {
            out.println("Summary (msgs/s through the pipeline / bare client, ratio, longest batch wall, the same less "
                    + "GC pauses):");
            for (var r : runs) {
                out.printf(Locale.ROOT, "  %-10s QoS %d: %,8d / %,8d  %.3f  %.2f ms  %.2f ms%n",
                        r.get("broker").asText(), r.get("qos").asInt(), r.get("pipelineMessagesPerSecond").asLong(),
                        r.get("bareMessagesPerSecond").asLong(), r.get("ratio").asDouble(),
                        r.get("applyMaxMs").asDouble(), r.path("fxTaskWallLessGcMaxMs").asDouble());
            }
        }
        return result;
    }

    private void runOne(LocalIoTCore core, TlsClientFactory factory, Source source, int qos, Options o,
                        ObjectNode result) throws Exception {
        result.put("broker", source.word());
        result.put("messages", o.messages());
        result.put("topics", o.topics());
        result.put("publishers", o.publishers());
        result.put("payloadBytes", o.payloadBytes());
        result.put("qos", qos);
        result.put("policies", o.policies().word());
        out.printf(Locale.ROOT, "%s on %s:%d; %d messages of %d bytes over %d topics from %d publishers (QoS %d); "
                        + "both subscribers receive the same load at the same time%n",
                source == Source.MOSQUITTO ? "mosquitto (TLS)" : "Local IoT Core", factory.host(), factory.port(),
                o.messages(), o.payloadBytes(), o.topics(), o.publishers(), qos);
        List<MqttAsyncClient> pubs = new ArrayList<>();
        try {
            for (int i = 0; i < o.publishers(); i++) {
                var t = core.provision("bench-pub-" + i, LocalIoTCore.Identity.WORKBENCH);
                pubs.add(factory.connect(t.thingName(), t.certificateFile(), t.privateKeyFile()));
            }
            pipeline(core, factory, pubs, o, qos, result);
            double bare = result.get("bareMessagesPerSecond").asDouble();
            double through = result.get("pipelineMessagesPerSecond").asDouble();
            result.put("ratio", Math.round(through / bare * 1000) / 1000.0);
            out.printf(Locale.ROOT, "Ratio pipeline / bare: %.3f%n", through / bare);
        } finally {
            pubs.forEach(TlsClientFactory::close);
        }
    }

    private void pipeline(LocalIoTCore core, TlsClientFactory factory, List<MqttAsyncClient> pubs, Options o,
                          int qos, ObjectNode result) throws Exception {
        ExecutorService fx = Executors.newSingleThreadExecutor(DaemonThreads.named("fx-stand-in"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ui-pump"));
        Session session = new Session(Profile.localDefault());
        LocalCoreRuntime unused = new LocalCoreRuntime(o.workDir().resolve("unused"));
        var s = core.provision("bench-pipeline-sub", io.iotworkbench.localcore.LocalIoTCore.Identity.WORKBENCH);
        try (MessagePipeline pipeline = new MessagePipeline(PipelineLimits.defaults());
             MqttConnection connection = new MqttConnection(session, unused);
             AwsClients aws = new AwsClients(unused)) {
            FxTaskTimes fxTimes = new FxTaskTimes();
            LatencyRecorder fxCpu = fxTimes.cpu();
            java.util.concurrent.Executor timedFx = fxTimes.wrap(fx);
            PaneContext ctx = new PaneContext(new FxSession(session, timedFx), connection, pipeline, unused, aws,
                    timedFx, scheduler);
            MqttViewModel vm = fx.submit(() -> new MqttViewModel(ctx)).get();
            String watched = "bench/0";
            String charted = topic(0);
            fx.submit(() -> {
                vm.select(watched);
                vm.chart().add(charted, "");
            }).get();
            MqttAsyncClient sub = factory.connect(s.thingName(), s.certificateFile(), s.privateKeyFile());
            var b = core.provision("bench-bare-sub", io.iotworkbench.localcore.LocalIoTCore.Identity.WORKBENCH);
            AtomicLong bareReceived = new AtomicLong();
            MqttAsyncClient bare = factory.connect(b.thingName(), b.certificateFile(), b.privateKeyFile());
            try {
                sub.setCallback(counting(m -> {
                }, pipeline));
                sub.subscribe("bench/#", qos).waitForCompletion(10_000);
                bare.setCallback(counting(m -> bareReceived.incrementAndGet()));
                bare.subscribe("bench/#", qos).waitForCompletion(10_000);
                double[] rates = load(pubs, o, qos, bareReceived::get, () -> {
                    MessagePipeline.Stats st = pipeline.stats();
                    return st.processed() + st.inputDropped();
                });
                MessagePipeline.Stats st = pipeline.stats();
                result.put("bareMessagesPerSecond", Math.round(rates[0]));
                result.put("bareReceived", bareReceived.get());
                result.put("pipelineMessagesPerSecond", Math.round(rates[1]));
                out.printf(Locale.ROOT, "Bare Paho subscriber: %.0f msgs/s (%d received)%n", rates[0],
                        bareReceived.get());
                out.printf(Locale.ROOT, "Through the pipeline (table watching %s, chart on %s): %.0f msgs/s%n",
                        watched, charted, rates[1]);
                long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < settle && (!pipeline.changes().isEmpty() || anyPending(vm))) {
                    Thread.sleep(20);
                }
                int[] shown = fx.submit(() -> new int[] {vm.tree().size(), vm.messages().rows().size(),
                        vm.chart().series().get(0).getData().size()}).get();
                long heap = heapAfterGc();
                result.put("heapAfterGcMb", heap / (1024 * 1024));
                result.put("received", st.received());
                result.put("dropped", st.dropped() + Math.max(0, expected(o) - st.received()));
                result.put("keptMessages", st.keptMessages());
                result.put("treeTopics", shown[0]);
                result.put("tableRows", shown[1]);
                result.put("chartPoints", shown[2]);
                LatencyRecorder tree = vm.treePump().applyTimes();
                LatencyRecorder table = vm.messagePump().applyTimes();
                long max = Math.max(tree.maxNanos(), table.maxNanos());
                long p99 = Math.max(tree.percentileNanos(99), table.percentileNanos(99));
                result.put("batches", tree.count() + table.count());
                result.put("applyMaxMs", ms(max));
                result.put("applyP99Ms", ms(p99));
                result.put("treeApplyP99Ms", ms(tree.percentileNanos(99)));
                result.put("tableApplyP99Ms", ms(table.percentileNanos(99)));
                result.put("treeApplyMaxMs", ms(tree.maxNanos()));
                result.put("fxTaskCpuMaxMs", ms(fxCpu.maxNanos()));
                result.put("fxTaskCpuP99Ms", ms(fxCpu.percentileNanos(99)));
                result.put("tableApplyMaxMs", ms(table.maxNanos()));
                out.printf(Locale.ROOT, "Heap after GC: %d MB; kept %d messages; tree %d topics, table %d rows, "
                                + "chart %d points%n", heap / (1024 * 1024), st.keptMessages(), shown[0], shown[1],
                        shown[2]);
                out.printf(Locale.ROOT, "Dropped: %d (input buffer %d, topics refused %d, never received %d)%n",
                        result.get("dropped").asLong(), st.inputDropped(), st.topicsRefused(),
                        Math.max(0, expected(o) - st.received()));
                out.printf(Locale.ROOT, "Batch apply on the FX stand-in: %d batches, p99 %.2f ms (tree %.2f, table "
                                + "%.2f), longest %.2f ms (tree %.2f, table %.2f)%n", tree.count() + table.count(),
                                ms(p99),
                        ms(tree.percentileNanos(99)), ms(table.percentileNanos(99)), ms(max), ms(tree.maxNanos()),
                        ms(table.maxNanos()));
                out.printf(Locale.ROOT, "CPU time of the FX stand-in's tasks: p99 %.2f ms, longest %.2f ms (wall "
                        + "times above also count waiting for a core and GC pauses)%n", ms(fxCpu.percentileNanos(99)),
                        ms(fxCpu.maxNanos()));
                result.put("fxTaskWallMaxMs", ms(fxTimes.wall().maxNanos()));
                result.put("fxTaskWallLessGcMaxMs", ms(fxTimes.wallLessGc().maxNanos()));
                result.put("fxTaskWallLessGcP99Ms", ms(fxTimes.wallLessGc().percentileNanos(99)));
                result.put("fxLongestTaskGcMs", ms(fxTimes.longestGcNanos()));
                result.put("fxLongestTaskCpuMs", ms(fxTimes.longestCpuNanos()));
                result.put("fxGcInTasksMs", ms(fxTimes.gcInTasksNanos()));
                out.printf(Locale.ROOT, "Longest FX stand-in task: %.2f ms wall = %.2f ms GC pause inside it + %.2f ms "
                                + "CPU + %.2f ms waiting for a core; longest task less its GC pauses %.2f ms (p99 "
                                + "%.2f ms); GC pauses inside FX tasks %.0f ms in all%n",
                        ms(fxTimes.longestWallNanos()), ms(fxTimes.longestGcNanos()), ms(fxTimes.longestCpuNanos()),
                        ms(Math.max(0, fxTimes.longestWallNanos() - fxTimes.longestGcNanos()
                                - fxTimes.longestCpuNanos())), ms(fxTimes.wallLessGc().maxNanos()),
                        ms(fxTimes.wallLessGc().percentileNanos(99)), ms(fxTimes.gcInTasksNanos()));
                fx.submit(vm::dispose).get();
            } finally {
                TlsClientFactory.close(sub);
                TlsClientFactory.close(bare);
            }
        } finally {
            fx.shutdownNow();
            scheduler.shutdownNow();
            unused.close();
        }
    }

    private static boolean anyPending(MqttViewModel vm) {
        return vm.treePump().isPending() || vm.messagePump().isPending();
    }

    private static long expected(Options o) {
        return (long) (o.messages() / o.publishers()) * o.publishers();
    }

    static String topic(int index) {
        return "bench/" + (index % 10) + "/t" + index;
    }

    /**
     * Publishes the load and waits until each counter reaches it (or stops moving for 15 s); returns msgs/s for each,
     * timed from the first publish to the moment that counter last moved.
     */
    private double[] load(List<MqttAsyncClient> pubs, Options o, int qos, LongSupplier... counters) throws Exception {
        int perPublisher = o.messages() / pubs.size();
        long total = expected(o);
        byte[] payload = new byte[o.payloadBytes()];
        java.util.Arrays.fill(payload, (byte) '7');
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < pubs.size(); i++) {
            MqttAsyncClient c = pubs.get(i);
            int offset = i;
            threads.add(DaemonThreads.start("bench-pub-" + i, () -> publishAll(c, payload, perPublisher, offset,
                    pubs.size(), o.topics(), qos)));
        }
        int n = counters.length;
        long[] last = new long[n];
        long[] end = new long[n];
        long lastMove = System.nanoTime();
        while (true) {
            Thread.sleep(2);
            long now = System.nanoTime();
            boolean done = true;
            for (int i = 0; i < n; i++) {
                long c = counters[i].getAsLong();
                if (c != last[i]) {
                    last[i] = c;
                    end[i] = now;
                    lastMove = now;
                }
                done &= c >= total;
            }
            if (done) {
                break;
            }
            if (now - lastMove > TimeUnit.SECONDS.toNanos(15)) {
                out.printf(Locale.ROOT, "  stalled: %s of %d messages%n", java.util.Arrays.toString(last), total);
                break;
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        double[] rates = new double[n];
        for (int i = 0; i < n; i++) {
            rates[i] = Math.min(last[i], total) / ((end[i] - start) / 1e9);
        }
        return rates;
    }

    private static void publishAll(MqttAsyncClient c, byte[] payload, int count, int offset, int stride,
                                   int topics, int qos) {
        Semaphore window = new Semaphore(WINDOW);
        c.setCallback(counting(m -> {
        }, window));
        try {
            for (int i = 0; i < count; i++) {
                window.acquire();
                c.publish(topic((offset + (long) i * stride) % topics), payload, qos, false);
            }
            window.acquire(WINDOW);
            window.release(WINDOW);
        } catch (Exception e) {
            throw new IllegalStateException("publisher failed: " + e.getMessage(), e);
        }
    }

    private static String topic(long index) {
        return topic((int) index);
    }

    private static MqttCallback counting(java.util.function.Consumer<MqttMessage> onMessage) {
        return counting(onMessage, (Semaphore) null);
    }

    private static MqttCallback counting(java.util.function.Consumer<MqttMessage> onMessage, Semaphore window) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onMessage.accept(message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                if (window != null) {
                    window.release();
                }
            }
        };
    }

    /** The same sink the workbench installs on its connection: every message straight into the pipeline. */
    private static MqttCallback counting(java.util.function.Consumer<MqttMessage> ignored, MessagePipeline p) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                p.offer(topic, m.getPayload(), m.getQos(), m.isRetained(), m.isDuplicate());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }

    private static long heapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
