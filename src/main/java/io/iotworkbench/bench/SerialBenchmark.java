package io.iotworkbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.serial.JSerialCommChannel;
import io.iotworkbench.serial.ReconnectPolicy;
import io.iotworkbench.serial.SerialChannel;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.SerialEndpoint;
import io.iotworkbench.serial.SerialPipe;
import io.iotworkbench.serial.SerialSettings;
import io.iotworkbench.serial.console.SerialConsole;
import io.iotworkbench.serial.virtualboard.SocatPtyPair;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures the serial console pipeline: WM log lines are written into one end of a socat pty pair (an in-process pipe
 * when socat is missing) and read from the other by a {@link SerialConnection} feeding a {@link SerialConsole}
 * (decoder and 100,000-line store), exactly as the Serial pane will run it. Two phases of {@code --seconds} each:
 * <ol>
 *   <li>full speed: the writer never pauses; shows how far above the target the pipeline can go;</li>
 *   <li>paced at {@code --rate} bytes per second (default 200,000, what 2 Mbaud carries, about 3,000 lines/s): the
 *       CPU share of the console's own threads (reader and pipeline) against the target of 10 % of one core.</li>
 * </ol>
 * Prints lines/s, bytes/s, CPU shares (thread and process CPU time over wall time), drops and the heap after GC; the
 * caller prints the returned result as the last line, {@code RESULT {json}} ({@code bench serial}).
 *
 * <p>Runs on the calling thread, plus a writer thread ({@code bench-writer}) and the connection's and console's
 * threads.
 */
public final class SerialBenchmark {

    private static final int TICKS_PER_SECOND = 100;
    private static final double TARGET_CPU_SHARE = 0.10;
    private static final String PORT_NAME = "bench";

    /** {@code transport}: {@code auto} (a socat pty pair when socat is installed), {@code pty} or {@code pipe}. */
    public record Options(int seconds, int rate, String transport) {
        public Options {
            if (seconds < 1 || rate < 1 || !transport.matches("auto|pty|pipe")) {
                throw new IllegalArgumentException("seconds and rate must be positive, transport auto, pty or pipe");
            }
        }
    }

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final byte[] traffic = traffic();
    private int seconds;
    private String readerThread;

    public SerialBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Runs both phases, printing figures as it goes; returns the result the caller prints as {@code RESULT}. */
    public ObjectNode run(Options o) throws Exception {
        this.seconds = o.seconds();
        return measure(o.rate(), o.transport());
    }

    private ObjectNode measure(int rate, String transport) throws Exception {
        boolean pty = transport.equals("pty") || transport.equals("auto") && SocatPtyPair.isAvailable();
        Path dir = pty ? Files.createTempDirectory("serial-bench") : null;
        SerialPipe pipe = pty ? null : new SerialPipe(PORT_NAME);
        try (SocatPtyPair pair = pty ? SocatPtyPair.open(dir) : null;
             SerialConsole console = new SerialConsole(PORT_NAME, Clock.systemUTC());
             SerialConnection connection = new SerialConnection(endpoint(pair, pipe), SerialSettings.wmDefault()
                     .withBaudRate(2_000_000), ReconnectPolicy.NEVER, Clock.systemUTC());
             SerialChannel writer = pty ? JSerialCommChannel.open(pair.boardPath().toString(),
                     SerialSettings.wmDefault().withBaudRate(2_000_000)) : pipe.deviceEnd()) {
            writer.setBaudRate(2_000_000);
            connection.addSink(console::received);
            connection.open();
            readerThread = "serial-reader-" + connection.name();
            out.printf(Locale.ROOT, "serial benchmark: %s, %d s per phase, %d-byte sample of WM log lines%n",
                    pty ? "socat pty pair " + pair.userPath() : "in-process pipe (socat not found)", seconds,
                    traffic.length);

            Map<String, Object> full = phase("full speed", console, writer, 0);
            Map<String, Object> paced = phase(String.format(Locale.ROOT, "paced at %,d B/s", rate), console, writer,
                    rate);
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            out.printf(Locale.ROOT, "heap after GC: %.1f MB; store holds %,d lines, dropped %,d%n", heap / 1e6,
                    console.store().size(), console.store().droppedCount());

            ObjectNode result = json.createObjectNode();
            result.put("transport", pty ? "pty" : "pipe");
            result.put("secondsPerPhase", seconds);
            result.set("fullSpeed", json.valueToTree(full));
            result.set("paced", json.valueToTree(paced));
            result.put("heapAfterGcBytes", heap);
            result.put("storeLines", console.store().size());
            result.put("storeDroppedLines", console.store().droppedCount());
            double pacedBytes = (double) paced.get("bytesPerSecond");
            double pacedCpu = (double) paced.get("consoleCpuShare");
            double fullBytes = (double) full.get("bytesPerSecond");
            result.put("meetsTarget", pacedBytes >= 0.95 * rate && pacedCpu < TARGET_CPU_SHARE
                    && fullBytes >= rate);
            return result;
        } finally {
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        }
    }

    private static SerialEndpoint endpoint(SocatPtyPair pair, SerialPipe pipe) {
        return pair != null ? SerialEndpoint.port(pair.userPath().toString()) : pipe.hostEndpoint();
    }

    /** Writes for {@code seconds} (flat out when {@code bytesPerSecond} is 0) and measures the console's side. */
    private Map<String, Object> phase(String name, SerialConsole console, SerialChannel writer, int bytesPerSecond)
            throws Exception {
        console.sync().get(10, TimeUnit.SECONDS);
        long lines0 = console.linesDecoded();
        long bytes0 = console.bytesDecoded();
        long dropped0 = console.droppedChunks();
        long consoleCpu0 = consoleCpuNanos();
        long processCpu0 = processCpuNanos();
        long start = System.nanoTime();

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        ScheduledExecutorService pacer = null;
        if (bytesPerSecond == 0) {
            DaemonThreads.start("bench-writer", () -> writeFlatOut(writer, stop, done));
        } else {
            pacer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-writer"));
            int perTick = Math.max(1, bytesPerSecond / TICKS_PER_SECOND);
            int[] offset = {0};
            pacer.scheduleAtFixedRate(() -> offset[0] = writeSlice(writer, offset[0], perTick, done), 0,
                    1_000_000 / TICKS_PER_SECOND, TimeUnit.MICROSECONDS);
        }
        boolean writerFailed = done.await(seconds, TimeUnit.SECONDS);
        long wall = System.nanoTime() - start;
        long lines = console.linesDecoded() - lines0;
        long bytes = console.bytesDecoded() - bytes0;
        long consoleCpu = consoleCpuNanos() - consoleCpu0;
        long processCpu = processCpuNanos() - processCpu0;
        stop.set(true);
        if (pacer != null) {
            pacer.shutdownNow();
            pacer.awaitTermination(5, TimeUnit.SECONDS);
        }
        console.sync().get(30, TimeUnit.SECONDS);
        long dropped = console.droppedChunks() - dropped0;

        double secondsTaken = wall / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", lines);
        m.put("bytes", bytes);
        m.put("linesPerSecond", lines / secondsTaken);
        m.put("bytesPerSecond", bytes / secondsTaken);
        m.put("consoleCpuShare", consoleCpu / (double) wall);
        m.put("processCpuShare", processCpu / (double) wall);
        m.put("droppedChunks", dropped);
        m.put("writerFailed", writerFailed);
        out.printf(Locale.ROOT, "%-22s %,12.0f lines/s %,14.0f B/s   console threads %5.1f %% of a core, "
                        + "process %5.1f %%, dropped %d chunks%n", name + ":", lines / secondsTaken,
                bytes / secondsTaken, 100 * consoleCpu / (double) wall, 100 * processCpu / (double) wall, dropped);
        return m;
    }

    private void writeFlatOut(SerialChannel writer, AtomicBoolean stop, CountDownLatch failed) {
        try {
            while (!stop.get()) {
                writer.write(traffic);
            }
        } catch (IOException e) {
            out.println("writer stopped: " + e.getMessage());
            failed.countDown();
        }
    }

    private int writeSlice(SerialChannel writer, int offset, int length, CountDownLatch failed) {
        int at = offset;
        int left = length;
        try {
            while (left > 0) {
                int n = Math.min(left, traffic.length - at);
                writer.write(traffic, at, n);
                at = (at + n) % traffic.length;
                left -= n;
            }
        } catch (IOException e) {
            out.println("writer stopped: " + e.getMessage());
            failed.countDown();
        }
        return at;
    }

    /** CPU time of the console's reader and pipeline threads. */
    private long consoleCpuNanos() {
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (n.equals(readerThread) || n.equals("serial-console-" + PORT_NAME)) {
                long cpu = threads.getThreadCpuTime(t.getId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** About 64 KiB of what the AWS demos print: every level, prompts, colour, long MQTT lines. */
    private static byte[] traffic() {
        String[] templates = {
            "[I] (%d) SHADOW_DEMO: PUBLISH sent for topic $aws/things/wm_demo_1/shadow/update to broker with packet "
                    + "ID %d.\r\n",
            "[D] (%d) MQTT: sendMessageVector: Bytes Sent=12, Bytes Remaining=%d\r\n",
            "[I] (%d) MQTT: State record updated. New state=MQTTPublishDone.\r\n",
            "\033[0;33m[W] (%d) aws_device: not found temperature_sensor set_fun %d\033[0m\r\n",
            "\033[0;31m[E] (%d) wifi: sta disconnected, reason %d\033[0m\r\n",
            "W800: [D] (%d) wifi: sta got ip 192.168.8.%d\r\n",
            "[V] (%d) aws_mbedtls:  ok (%d skipped)\r\n",
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int ms = 1000;
        for (int i = 0; bytes.size() < 64 * 1024; i++) {
            ms += 3;
            bytes.writeBytes(String.format(Locale.ROOT, templates[i % templates.length], ms, i % 250)
                    .getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
