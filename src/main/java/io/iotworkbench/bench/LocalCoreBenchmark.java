package io.iotworkbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.broker.BrokerSettings;
import io.iotworkbench.stream.LatencyRecorder;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code iot-workbench bench local-core}: measures the Local IoT Core on this machine — shadow update round trip
 * for one client paced at a fixed rate, aggregate accepted updates per second with many concurrent devices, and QoS 1
 * publish throughput through the broker compared with Debian's mosquitto under the same load. Prints figures and a
 * last line {@code RESULT {json}}. Not a test: nothing here asserts a target.
 */
public final class LocalCoreBenchmark {

    /**
     * What to run.
     *
     * @param inFlight the QoS 1 in-flight window per client of both brokers in the throughput test (AWS IoT Core
     *                 allows 100; the Local IoT Core's default): the same limit for both, so the comparison is fair
     * @param policies how the Local IoT Core applies IoT policies (compare enforce with off: the cost of evaluation)
     * @param repeat   how many round-trip runs in a row (each printed; the first is the one in the flat figures)
     * @param warmUpSeconds an unmeasured round-trip run at the same rate first, printed as the cold figure: a JVM
     *                 that just started runs the path interpreted while the JIT compiles it (decision 0019)
     */
    public record Options(int rate, int latencySeconds, int devices, int aggregateSeconds, int messages,
                          int publishers, int payloadBytes, int inFlight, Path workDir,
                          io.iotworkbench.localcore.policy.PolicyMode policies, int repeat, int warmUpSeconds) {

        /** One round-trip run, as before {@code repeat} existed. */
        public Options(int rate, int latencySeconds, int devices, int aggregateSeconds, int messages,
                       int publishers, int payloadBytes, int inFlight, Path workDir,
                       io.iotworkbench.localcore.policy.PolicyMode policies) {
            this(rate, latencySeconds, devices, aggregateSeconds, messages, publishers, payloadBytes, inFlight,
                    workDir, policies, 1, DEFAULT_WARM_UP_SECONDS);
        }
    }

    /** Seconds of unmeasured round trips before the measured runs (decision 0019). */
    public static final int DEFAULT_WARM_UP_SECONDS = 5;

    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out;
    private long roundTripRuns;

    public LocalCoreBenchmark(PrintStream out) {
        this.out = out;
    }

    public ObjectNode run(Options o) throws Exception {
        ObjectNode result = json.createObjectNode();
        Path dir = o.workDir();
        try (LocalIoTCore core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("core"))
                .withVirtualDevice(false).withBroker(BrokerSettings.defaults().withMaxInFlight(o.inFlight()))
                .withPolicies(o.policies()))) {
            TlsClientFactory factory = new TlsClientFactory(core.mqttHost(), core.mqttPort(), core.caFile());
            out.printf(Locale.ROOT, "Local IoT Core on %s:%d, policies %s%n", core.mqttHost(), core.mqttPort(),
                    o.policies().word());
            result.put("policies", o.policies().word());

            var rtt = core.provision("bench-rtt");
            com.fasterxml.jackson.databind.node.ArrayNode runs = result.putArray("roundTripRuns");
            result.put("roundTripRatePerSecond", o.rate());
            if (o.warmUpSeconds() > 0) {
                LatencyRecorder cold = pacedRoundTrips(rtt, factory, o.rate(), o.warmUpSeconds());
                ObjectNode c = result.putObject("roundTripColdRun");
                c.put("seconds", o.warmUpSeconds());
                c.put("p50Ms", ms(cold.percentileNanos(50)));
                c.put("p99Ms", ms(cold.percentileNanos(99)));
                c.put("maxMs", ms(cold.maxNanos()));
                out.printf(Locale.ROOT, "Warm-up (cold JVM, not counted), %d s at %d updates/s: p50 %.2f ms, p99 %.2f"
                                + " ms, max %.2f ms%n", o.warmUpSeconds(), o.rate(), ms(cold.percentileNanos(50)),
                        ms(cold.percentileNanos(99)), ms(cold.maxNanos()));
            }
            for (int run = 1; run <= Math.max(1, o.repeat()); run++) {
                LatencyRecorder paced = pacedRoundTrips(rtt, factory, o.rate(), o.latencySeconds());
                ObjectNode r = runs.addObject();
                r.put("p50Ms", ms(paced.percentileNanos(50)));
                r.put("p99Ms", ms(paced.percentileNanos(99)));
                r.put("maxMs", ms(paced.maxNanos()));
                r.put("samples", paced.count());
                if (run == 1) {
                    result.put("roundTripP50Ms", ms(paced.percentileNanos(50)));
                    result.put("roundTripP99Ms", ms(paced.percentileNanos(99)));
                    result.put("roundTripMaxMs", ms(paced.maxNanos()));
                    result.put("roundTripSamples", paced.count());
                }
                out.printf(Locale.ROOT, "Shadow update round trip at %d updates/s, one client, run %d: p50 %.2f ms,"
                                + " p99 %.2f ms, max %.2f ms (%d samples)%n", o.rate(), run,
                        ms(paced.percentileNanos(50)), ms(paced.percentileNanos(99)), ms(paced.maxNanos()),
                        paced.count());
            }
            if (o.devices() <= 0) {
                return result;
            }

            double aggregate = aggregateUpdates(core, factory, o.devices(), o.aggregateSeconds());
            result.put("devices", o.devices());
            result.put("aggregateUpdatesPerSecond", Math.round(aggregate));
            out.printf(Locale.ROOT, "Aggregate accepted shadow updates with %d devices: %.0f updates/s%n",
                    o.devices(), aggregate);
            if (o.messages() <= 0) {
                return result;
            }

            List<BrokerThroughput.Identity> pubs = new ArrayList<>();
            for (int i = 0; i < o.publishers(); i++) {
                var t = core.provision("bench-pub-" + i, LocalIoTCore.Identity.WORKBENCH);
                pubs.add(new BrokerThroughput.Identity(t.thingName(), t.certificateFile(), t.privateKeyFile()));
            }
            var s = core.provision("bench-sub", LocalIoTCore.Identity.WORKBENCH);
            var subscriber = new BrokerThroughput.Identity(s.thingName(), s.certificateFile(), s.privateKeyFile());
            // one unmeasured round first: the broker's code (and the clients') reaches C2 before the clock runs
            int warmUp = o.messages();
            BrokerThroughput.run(factory, subscriber, pubs, warmUp, o.payloadBytes());
            long cpuBefore = brokerThreadsCpuNanos();
            double local = BrokerThroughput.run(factory, subscriber, pubs, o.messages(), o.payloadBytes());
            double localCpu = (brokerThreadsCpuNanos() - cpuBefore) / 1e9;
            result.put("brokerMessagesPerSecond", Math.round(local));
            result.put("brokerCpuSeconds", Math.round(localCpu * 100) / 100.0);
            result.put("inFlightWindow", o.inFlight());
            out.printf(Locale.ROOT, "QoS 1 throughput through the Local IoT Core (%d publishers, %d messages of %d "
                    + "bytes, in-flight window %d, after %d warm-up messages): %.0f messages/s; its threads used "
                    + "%.2f s of CPU%n", o.publishers(), o.messages(), o.payloadBytes(), o.inFlight(), warmUp, local,
                    localCpu);

            if (MosquittoServer.binary() == null) {
                out.println("mosquitto not installed: no baseline (apt-get install mosquitto)");
                result.putNull("mosquittoMessagesPerSecond");
                result.putNull("brokerRatio");
            } else {
                LocalCa ca = LocalCa.openOrCreate(dir.resolve("core/local-core/ca"), java.time.Clock.systemUTC());
                try (MosquittoServer mosquitto = MosquittoServer.start(dir.resolve("mosquitto"), ca, o.inFlight())) {
                    TlsClientFactory mf = new TlsClientFactory("127.0.0.1", mosquitto.port(), core.caFile());
                    long mosquittoBefore = mosquitto.cpuNanos();
                    double baseline = BrokerThroughput.run(mf, subscriber, pubs, o.messages(), o.payloadBytes());
                    long mosquittoAfter = mosquitto.cpuNanos();
                    result.put("mosquittoMessagesPerSecond", Math.round(baseline));
                    result.put("brokerRatio", Math.round(local / baseline * 100) / 100.0);
                    String cpu = "";
                    if (mosquittoBefore >= 0 && mosquittoAfter >= 0) {
                        double mosquittoCpu = (mosquittoAfter - mosquittoBefore) / 1e9;
                        result.put("mosquittoCpuSeconds", Math.round(mosquittoCpu * 100) / 100.0);
                        cpu = String.format(Locale.ROOT, "; mosquitto used %.2f s of CPU", mosquittoCpu);
                    }
                    out.printf(Locale.ROOT, "Same load through mosquitto (TLS): %.0f messages/s; ratio %.2f%s%n",
                            baseline, local / baseline, cpu);
                }
            }
        }
        return result;
    }

    /** CPU time of the broker's event loops so far (the clients run in this JVM too, on other threads). */
    private static long brokerThreadsCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("local-core-mqtt")) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /** Updates sent at a fixed rate by one client; latency from publish to update/accepted, matched by clientToken. */
    private LatencyRecorder pacedRoundTrips(LocalIoTCore.ProvisionedThing thing, TlsClientFactory factory, int rate,
                                            int seconds) throws Exception {
        MqttAsyncClient c = factory.connect("bench-rtt", thing.certificateFile(), thing.privateKeyFile());
        LatencyRecorder latencies = new LatencyRecorder();
        // tokens name the run: a late reply of an earlier run never counts as one of this run's
        long runId = ++roundTripRuns;
        ConcurrentHashMap<String, Long> sent = new ConcurrentHashMap<>();
        AtomicLong warmupUntil = new AtomicLong(Long.MAX_VALUE);
        try {
            String prefix = "$aws/things/bench-rtt/shadow/update";
            c.subscribe(prefix + "/accepted", 1, (t, m) -> {
                long now = System.nanoTime();
                JsonNode doc = json.readTree(m.getPayload());
                Long start = sent.remove(doc.path("clientToken").asText());
                if (start != null && start >= warmupUntil.get()) {
                    latencies.recordNanos(now - start);
                }
            }).waitForCompletion(10_000);
            long interval = 1_000_000_000L / rate;
            long begin = System.nanoTime();
            warmupUntil.set(begin + 1_000_000_000L);
            long total = (long) rate * (seconds + 1);
            for (long i = 0; i < total; i++) {
                long due = begin + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String token = runId + "-" + i;
                byte[] payload = ("{\"state\":{\"reported\":{\"n\":" + i + "}},\"clientToken\":\"" + token + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                sent.put(token, System.nanoTime());
                c.publish(prefix, payload, 0, false);
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // drained before the next run starts
            while (!sent.isEmpty() && System.nanoTime() < end) {
                LockSupport.parkNanos(10_000_000L);
            }
        } finally {
            TlsClientFactory.close(c);
        }
        return latencies;
    }

    /** Many devices, each updating its own shadow with up to 8 updates outstanding, for a fixed time. */
    private double aggregateUpdates(LocalIoTCore core, TlsClientFactory factory, int devices, int seconds)
            throws Exception {
        List<MqttAsyncClient> clients = new ArrayList<>();
        List<Semaphore> windows = new ArrayList<>();
        AtomicLong accepted = new AtomicLong();
        try {
            for (int i = 0; i < devices; i++) {
                String name = "bench-dev-" + i;
                var thing = core.provision(name);
                MqttAsyncClient c = factory.connect(name, thing.certificateFile(), thing.privateKeyFile());
                Semaphore window = new Semaphore(8);
                c.subscribe("$aws/things/" + name + "/shadow/update/accepted", 1, (t, m) -> {
                    accepted.incrementAndGet();
                    window.release();
                }).waitForCompletion(10_000);
                clients.add(c);
                windows.add(window);
            }
            long start = System.nanoTime();
            long stop = start + TimeUnit.SECONDS.toNanos(seconds);
            long before = accepted.get();
            List<Thread> drivers = new ArrayList<>();
            int perDriver = (devices + 3) / 4;
            for (int d = 0; d < 4; d++) {
                int from = d * perDriver;
                int to = Math.min(devices, from + perDriver);
                drivers.add(DaemonThreads.start("bench-driver-" + d,
                        () -> drive(clients.subList(from, to), windows.subList(from, to), stop)));
            }
            for (Thread t : drivers) {
                t.join();
            }
            long counted = accepted.get() - before;
            return counted / ((System.nanoTime() - start) / 1e9);
        } finally {
            clients.forEach(TlsClientFactory::close);
        }
    }

    private static void drive(List<MqttAsyncClient> clients, List<Semaphore> windows, long stop) {
        long n = 0;
        while (System.nanoTime() < stop) {
            boolean sentAny = false;
            for (int i = 0; i < clients.size(); i++) {
                if (windows.get(i).tryAcquire()) {
                    MqttAsyncClient c = clients.get(i);
                    String topic = "$aws/things/" + c.getClientId() + "/shadow/update";
                    try {
                        c.publish(topic, ("{\"state\":{\"reported\":{\"n\":" + (n++) + "}}}").getBytes(), 0, false);
                        sentAny = true;
                    } catch (Exception e) {
                        windows.get(i).release();
                    }
                }
            }
            if (!sentAny) {
                LockSupport.parkNanos(200_000L);
            }
        }
    }

    public static Options defaults(Path workDir) {
        return new Options(1_000, 5, 100, 10, 100_000, 4, 256, BrokerSettings.AWS_MAX_IN_FLIGHT, workDir,
                io.iotworkbench.localcore.policy.PolicyMode.ENFORCE, 1, DEFAULT_WARM_UP_SECONDS);
    }
}
