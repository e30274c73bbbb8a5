package io.iotworkbench.localcore.broker;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.iotworkbench.bench.TlsClientFactory;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.localcore.LocalIoTCore;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: a subscriber that stops reading does not slow the others, and what it misses is counted, per client and
 * in total, visible through {@link LocalIoTCore}, and logged once per report interval, not once per message. A raw
 * TLS client plays the subscriber that stops reading; Paho clients publish and keep up.
 */
@Tag("integration")
class SlowSubscriberTest {

    private static final Duration INTERVAL = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private TlsClientFactory paho;
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final List<Map<String, Long>> reports = Collections.synchronizedList(new ArrayList<>());
    private ListAppender<ILoggingEvent> log;
    private Logger logger;

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false)
                .withBroker(BrokerSettings.defaults().withDropReportInterval(INTERVAL)
                        .withWriteWaterMarks(16 * 1024, 64 * 1024).withQueue(50, 1 << 20)));
        core.addListener(new GatewayListener() {
            @Override
            public void droppedForSlowSubscribers(Map<String, Long> sinceLastReport, long total) {
                reports.add(sinceLastReport);
            }
        });
        paho = new TlsClientFactory(core.mqttHost(), core.mqttPort(), core.caFile());
        logger = (Logger) LoggerFactory.getLogger(SlowSubscriberDrops.class);
        log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(log);
        clients.forEach(TlsClientFactory::close);
        core.close();
    }

    private MqttAsyncClient paho(String thing) throws Exception {
        var t = core.provision(thing, LocalIoTCore.Identity.WORKBENCH);
        MqttAsyncClient c = paho.connect(thing, t.certificateFile(), t.privateKeyFile());
        clients.add(c);
        return c;
    }

    private RawMqttClient stalled(String thing) throws Exception {
        var t = core.provision(thing, LocalIoTCore.Identity.WORKBENCH);
        var ctx = TlsContexts.clientContext(PemFiles.readCertificates(t.certificateFile()),
                PemFiles.readPrivateKey(t.privateKeyFile()), PemFiles.readCertificates(core.caFile()));
        return new RawMqttClient(ctx, core.mqttHost(), core.mqttPort(), 4096);
    }

    @Test
    void qos0DropsForAStalledSubscriberAreCountedAndLoggedPerIntervalWhileOthersGetEverything() throws Exception {
        try (RawMqttClient slow = stalled("slow")) {
            slow.connect("slow", 60, true);
            slow.subscribe(1, "load/#", 0);
            slow.readType(MqttPackets.SUBACK);
            // from here on "slow" reads nothing

            AtomicLong healthy = new AtomicLong();
            paho("healthy").subscribe("load/#", 0, (t, m) -> healthy.incrementAndGet()).waitForCompletion(60_000);
            MqttAsyncClient pub = paho("publisher");
            byte[] payload = new byte[1024];
            long start = System.nanoTime();
            int sent = 0;
            while (sent < 60_000 && core.droppedForSlowSubscribersByClient().getOrDefault("slow", 0L) < 2_000) {
                for (int i = 0; i < 200; i++) {
                    pub.publish("load/" + (sent % 10), payload, 0, false);
                    sent++;
                }
                long expected = sent;
                BrokerFixture.waitFor(() -> healthy.get() >= expected, "the healthy subscriber keeps up");
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long drops = core.droppedForSlowSubscribersByClient().getOrDefault("slow", 0L);
            assertThat(drops).as("drops counted for the stalled client").isGreaterThanOrEqualTo(2_000);
            assertThat(healthy.get()).as("the healthy subscriber got every message").isEqualTo(sent);
            assertThat(core.droppedForSlowSubscribersByClient()).containsOnlyKeys("slow");
            assertThat(core.droppedForSlowSubscribers()).isEqualTo(drops);

            BrokerFixture.waitFor(() -> reports.stream().mapToLong(r -> r.getOrDefault("slow", 0L)).sum() >= drops,
                    "every drop reported");
            long lines = log.list.stream().filter(e -> e.getFormattedMessage().contains("slow subscriber slow "))
                    .count();
            long intervals = (elapsedMillis + 5_000) / INTERVAL.toMillis() + 2;
            assertThat(lines).as("one line per interval, not per message").isBetween(1L, intervals);
            assertThat(lines).isLessThan(drops / 10);
            assertThat(log.list.get(0).getFormattedMessage()).contains("dropped", "messages for slow subscriber slow");
        }
    }

    @Test
    void qos1DeliveriesBeyondInFlightAndTheQueueBoundAreDroppedAndCounted() throws Exception {
        try (RawMqttClient slow = stalled("slow1")) {
            slow.connect("slow1", 60, true);
            slow.subscribe(1, "q1/#", 1);
            slow.readType(MqttPackets.SUBACK);
            AtomicLong healthy = new AtomicLong();
            paho("healthy1").subscribe("q1/#", 1, (t, m) -> healthy.incrementAndGet()).waitForCompletion(60_000);
            MqttAsyncClient pub = paho("publisher1");
            int n = 1_000;
            for (int i = 0; i < n; i++) {
                pub.publish("q1/x", new byte[100], 1, false).waitForCompletion(60_000);
            }
            BrokerFixture.waitFor(() -> healthy.get() == n, "healthy got all");
            long drops = core.droppedForSlowSubscribersByClient().getOrDefault("slow1", 0L);
            // at most 100 in flight (AWS) and 50 queued (this test's bound); the rest is dropped
            assertThat(drops).isBetween((long) n - 150, (long) n - 50);
            assertThat(core.droppedForSlowSubscribersByClient()).doesNotContainKey("healthy1");
        }
    }
}
