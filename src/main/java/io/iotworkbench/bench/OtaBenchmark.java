package io.iotworkbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.device.OtaAgent;
import io.iotworkbench.serial.flash.WmImage;
import io.iotworkbench.serial.flash.WmImageBuilder;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench ota}: one signed 1 MB WM image to 1, 10 and 50 virtual devices ({@link OtaAgent}s) over HTTP and over
 * MQTT, against an in-process Local IoT Core: seconds from CreateOTAUpdate until every device reported SUCCEEDED
 * (download, checks, install, self-test), MB/s delivered, process CPU share and heap. The caller prints the returned
 * result as {@code RESULT {json}} shaped {@code {"http": {"1": {"seconds", "mbPerSecond", "cpuShare"}, …},
 * "mqtt": {…}, "heapMb": …}}. Target: 10 devices over HTTP in ≤ 10 s.
 *
 * <p>Runs on the caller's thread; the agents run on their own threads.
 */
public final class OtaBenchmark {

    /** @param fleets device counts to measure; @param imageBytes the image size */
    public record Options(List<Integer> fleets, int imageBytes, Path workDir, int timeoutSeconds) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    public OtaBenchmark(PrintStream out) {
        this.out = out;
    }

    public Map<String, Object> run(Options options) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        try (LocalIoTCore core = LocalIoTCore.start(LocalIoTCore.Config.defaults(options.workDir().resolve("core"))
                .withVirtualDevice(false))) {
            int round = 0;
            for (OtaAgent.Protocol protocol : OtaAgent.Protocol.values()) {
                Map<String, Object> perFleet = new LinkedHashMap<>();
                for (int devices : options.fleets()) {
                    round++;
                    perFleet.put(String.valueOf(devices), measure(core, protocol, devices, round, options));
                }
                result.put(protocol.name().toLowerCase(Locale.ROOT), perFleet);
            }
        }
        System.gc();
        double heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
        out.printf(Locale.ROOT, "heap after GC: %.1f MB%n", heapMb);
        result.put("heapMb", Math.round(heapMb * 10) / 10.0);
        return result;
    }

    private Map<String, Object> measure(LocalIoTCore core, OtaAgent.Protocol protocol, int devices, int round,
                                        Options options) throws Exception {
        String version = "2." + round + ".0";
        byte[] body = new byte[options.imageBytes() - 64];
        new Random(round).nextBytes(body);
        byte[] image = new WmImageBuilder().version(version).body(body).build();
        String id = "bench-" + protocol.name().toLowerCase(Locale.ROOT) + "-" + devices;
        core.objects().put("bench-images", id + ".img", image);
        CountDownLatch done = new CountDownLatch(devices);
        List<OtaAgent> agents = new ArrayList<>();
        ObjectNode request = JSON.createObjectNode();
        var targets = request.putArray("targets");
        try {
            for (int i = 0; i < devices; i++) {
                String thing = "bench_ota_" + i;
                LocalIoTCore.ProvisionedThing t = core.provision(thing);
                targets.add(core.registry().thingArn(thing));
                OtaAgent agent = new OtaAgent(new OtaAgent.Settings(thing, core.mqttHost(), core.mqttPort(),
                        t.certificateFile(), t.privateKeyFile(), core.caFile(),
                        List.of(core.codeSigner().certificate()), protocol, 4096, 1_000_000),
                        new CountingFirmware(done));
                agents.add(agent);
                agent.start();
            }
            waitConnected(core, devices, options.timeoutSeconds());
            request.putArray("protocols").add(protocol.name());
            ObjectNode file = request.putArray("files").addObject().put("fileName", "app_ota");
            file.putObject("fileLocation").putObject("s3Location").put("bucket", "bench-images")
                    .put("key", id + ".img");
            file.putObject("codeSigning").putObject("startSigningJobParameter").put("signingProfileName", "bench");
            long cpu0 = processCpuNanos();
            long start = System.nanoTime();
            core.otaUpdates().create(id, request);
            boolean all = done.await(options.timeoutSeconds(), TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuShare = (processCpuNanos() - cpu0) / 1e9 / seconds
                    / Runtime.getRuntime().availableProcessors();
            double mbPerSecond = devices * (double) image.length / 1e6 / seconds;
            out.printf(Locale.ROOT, "%s, %d device(s): %s in %.2f s, %.1f MB/s, CPU %.0f%%%n", protocol, devices,
                    all ? "all updated" : (devices - done.getCount()) + " updated", seconds, mbPerSecond,
                    cpuShare * 100);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("seconds", Math.round(seconds * 100) / 100.0);
            r.put("mbPerSecond", Math.round(mbPerSecond * 10) / 10.0);
            r.put("cpuShare", Math.round(cpuShare * 100) / 100.0);
            r.put("completed", devices - done.getCount());
            return r;
        } finally {
            agents.forEach(OtaAgent::close);
        }
    }

    private static void waitConnected(LocalIoTCore core, int devices, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        CountDownLatch never = new CountDownLatch(1);
        while (System.nanoTime() < deadline && core.connectedClients().stream()
                .filter(c -> c.startsWith("bench_ota_")).count() < devices) {
            never.await(50, TimeUnit.MILLISECONDS);
        }
    }

    /** A device's firmware that counts completed updates (the self-test passed) down. */
    private static final class CountingFirmware implements OtaAgent.Firmware {
        private final CountDownLatch done;
        private volatile String version = "1.0.0";

        CountingFirmware(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public void install(WmImage image) {
            version = image.header().version();
        }

        @Override
        public void log(char level, String message) {
            if (message.contains(" SUCCEEDED: running ")) {
                done.countDown();
            }
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
