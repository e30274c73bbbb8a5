package io.iotworkbench.localcore.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.concurrent.AlignedTicks;
import io.iotworkbench.concurrent.DaemonThreads;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An in-process WM W80x device running the WM SDK's {@code led_demo} against the Local IoT Core: it connects with its
 * own certificate, subscribes to its shadow topics, deletes its shadow and reports {@code led} and
 * {@code temperature_sensor} as strings in tab-indented JSON with 6-digit client tokens, exactly as the SDK demo does
 * (wm-board.md §4). Its temperature drifts so charts have data: sampled every 10 s by default (the real firmware
 * reports only on a key press), reported when its shown value changed, on whole multiples of the period so the
 * window wakes once for a report and its own ticks; {@link #reportTemperature} reports at once (decision 0029).
 *
 * <p>Two behaviours: {@link Behaviour#AS_SHIPPED} acts on {@code update/accepted} reported values like the SDK demo;
 * {@link Behaviour#FOLLOWS_DESIRED} (default, the pattern AWS recommends) applies {@code update/delta} and reports
 * the new state. It also runs the WM {@code jobs_demo}: see {@link #onJobMessage}; an {@code afr_ota} job goes to
 * the OTA agent ({@link VirtualDeviceOta}, after {@link #enableOta}), which installs the new version.
 *
 * <p>Threading: MQTT callbacks run on Paho's thread, the temperature ticks on the device's own scheduler; the LED and
 * temperature are volatile and observable from any thread.
 */
public final class VirtualDevice implements AutoCloseable {

    /** How the device reacts to the cloud. */
    public enum Behaviour { AS_SHIPPED, FOLLOWS_DESIRED }

    public static final Set<String> LED_VALUES = Set.of("red", "green", "blue", "off");
    /** The application version the device runs until an OTA update installs another. */
    public static final String DEFAULT_VERSION = "1.0.0";
    /** How often the device samples its drifting temperature unless told otherwise (decision 0029). */
    public static final long DEFAULT_TEMPERATURE_PERIOD_MILLIS = 10_000;
    /** The system property that sets the sampling period in seconds ({@code off} or 0: only when asked). */
    public static final String TEMPERATURE_PROPERTY = "iotworkbench.deviceTemperatureSeconds";
    private static final Logger LOG = LoggerFactory.getLogger(VirtualDevice.class);

    /** Where to connect and with which files. */
    public record Settings(String thingName, String host, int port, Path certificateFile, Path privateKeyFile,
                           Path rootCaFile, Behaviour behaviour, long temperaturePeriodMillis) {
    }

    private final Settings settings;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Random random = new Random();
    private final ScheduledExecutorService ticker;
    private final List<Consumer<String>> logListeners = new CopyOnWriteArrayList<>();
    private final String prefix;
    private volatile MqttAsyncClient client;
    private volatile String led = "red";
    private volatile double temperature = 22.0;
    private final Behaviour behaviour;
    private final String jobsPrefix;
    private final java.util.concurrent.atomic.AtomicInteger jobsDone = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger reboots = new java.util.concurrent.atomic.AtomicInteger();
    private volatile String lastJob;
    private volatile String firmwareVersion = DEFAULT_VERSION;
    private volatile VirtualDeviceOta ota;

    public VirtualDevice(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.behaviour = settings.behaviour();
        this.prefix = "$aws/things/" + settings.thingName() + "/shadow";
        this.jobsPrefix = "$aws/things/" + settings.thingName() + "/jobs/";
        this.ticker = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("virtual-device-" + settings.thingName()));
    }

    /** Connects, subscribes, deletes the shadow and reports the initial state, as led_demo does at start. */
    public void start() throws Exception {
        boot();
        long period = settings.temperaturePeriodMillis();
        if (period > 0) {
            // on whole multiples of the period, like the window's once-a-second ticks: one wake-up for both
            AlignedTicks.atFixedRate(ticker, clock, period, 0, this::drift);
        }
    }

    /** What the firmware does after power-on: connect, run led_demo's start and jobs_demo's start. */
    private void boot() throws Exception {
        var ctx = TlsContexts.clientContext(PemFiles.readCertificates(settings.certificateFile()),
                PemFiles.readPrivateKey(settings.privateKeyFile()),
                PemFiles.readCertificates(settings.rootCaFile()));
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(TlsContexts.socketFactory(ctx, settings.host(), settings.port()));
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setKeepAliveInterval(60);
        MqttAsyncClient c = new MqttAsyncClient("ssl://" + settings.host() + ":" + settings.port(),
                settings.thingName(), new MemoryPersistence());
        c.connect(options).waitForCompletion(15_000);
        client = c;
        log("I", "aws_mqtt", "connected to " + settings.host() + ":" + settings.port() + " as " + settings.thingName());
        String[] topics = {prefix + "/delete/accepted", prefix + "/delete/rejected", prefix + "/update/delta",
                prefix + "/update/accepted", prefix + "/update/rejected"};
        c.subscribe(topics, new int[] {1, 1, 1, 1, 1}, null, null,
                new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {this::onMessage, this::onMessage,
                        this::onMessage, this::onMessage, this::onMessage}).waitForCompletion(10_000);
        c.publish(prefix + "/delete", new byte[0], 1, false).waitForCompletion(10_000);
        report(fullState());
        String[] jobTopics = {jobsPrefix + "notify-next", jobsPrefix + "start-next/accepted",
            jobsPrefix + "start-next/rejected", jobsPrefix + "+/update/accepted", jobsPrefix + "+/update/rejected"};
        c.subscribe(jobTopics, new int[] {1, 1, 1, 1, 1}, null, null,
                new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {this::onJobMessage, this::onJobMessage,
                        this::onJobMessage, this::onJobMessage, this::onJobMessage}).waitForCompletion(10_000);
        c.publish(jobsPrefix + "start-next", new byte[0], 1, false).waitForCompletion(10_000);
    }

    /**
     * jobs_demo (wm-board.md §4): notify-next with a job asks for start-next; the started job's
     * {@code steps[0].action.name} "Reboot" is reported SUCCEEDED and the device reboots about 1 s later; any other
     * action is ignored and still SUCCEEDED; a document it cannot read is FAILED.
     */
    private void onJobMessage(String topic, MqttMessage message) {
        String api = topic.substring(jobsPrefix.length());
        JsonNode doc;
        try {
            doc = json.readTree(message.getPayload());
        } catch (java.io.IOException e) {
            log("E", "jobs_demo", "cannot parse " + topic);
            return;
        }
        if (doc == null) {
            return;
        }
        if (api.endsWith("/rejected")) {
            log("W", "jobs_demo", api + ": " + doc.path("code").asText() + " " + doc.path("message").asText());
            return;
        }
        if (api.endsWith("/update/accepted")) {
            log("I", "jobs_demo", "job status updated: " + api.substring(0, api.indexOf('/')));
            return;
        }
        JsonNode execution = doc.get("execution");
        if (execution == null || !execution.isObject()) {
            if (api.equals("notify-next")) {
                log("I", "jobs_demo", "no pending jobs");
            }
            return;
        }
        if (api.equals("notify-next")) {
            publishJobs("start-next", "{}");
            return;
        }
        String jobId = execution.path("jobId").asText("");
        if (jobId.isEmpty() || jobId.equals(lastJob)) {
            return;
        }
        lastJob = jobId;
        if (execution.path("jobDocument").has("afr_ota")) {
            startOta(jobId);
            return;
        }
        JsonNode action = execution.path("jobDocument").path("steps").path(0).path("action").path("name");
        if (!action.isTextual()) {
            log("E", "jobs_demo", "job " + jobId + ": cannot parse the job document");
            publishJobs(jobId + "/update", "{\"status\":\"FAILED\"}");
            return;
        }
        publishJobs(jobId + "/update", "{\"status\":\"SUCCEEDED\"}");
        jobsDone.incrementAndGet();
        if (action.asText().equalsIgnoreCase("Reboot")) {
            log("I", "jobs_demo", "job " + jobId + ": Reboot, rebooting in 1 s");
            ticker.schedule(this::reboot, 1, TimeUnit.SECONDS);
        } else {
            log("I", "jobs_demo", "ignore action: " + action.asText());
        }
    }

    /**
     * Trusts these code-signing certificates for OTA updates: from now on an {@code afr_ota} job is handed to the
     * OTA agent ({@link VirtualDeviceOta}) instead of failing. Call before {@link #start}.
     */
    public void enableOta(List<java.security.cert.X509Certificate> codeSigners) {
        ota = new VirtualDeviceOta(new VirtualDeviceOta.Device() {
            @Override
            public Settings settings() {
                return settings;
            }

            @Override
            public String firmwareVersion() {
                return firmwareVersion;
            }

            @Override
            public void rebootedInto(String version) {
                firmwareVersion = version;
                reboots.incrementAndGet();
                log("I", "main", "reboot");
                log("I", "main", "boot: application " + version);
            }

            @Override
            public void log(String level, String tag, String text) {
                VirtualDevice.this.log(level, tag, text);
            }

            @Override
            public void resume() {
                if (ticker.isShutdown()) {
                    return;
                }
                try {
                    boot();
                } catch (Exception e) {
                    VirtualDevice.this.log("E", "main", "boot after the OTA update failed: " + e.getMessage());
                }
            }
        }, codeSigners, ticker::execute);
    }

    /** An afr_ota job: FAILED without trusted code signers, else the connection goes to the OTA agent. */
    private void startOta(String jobId) {
        VirtualDeviceOta o = ota;
        if (o == null) {
            log("E", "jobs_demo", "job " + jobId + ": an OTA update, but this device trusts no code signer");
            publishJobs(jobId + "/update", "{\"status\":\"FAILED\",\"statusDetails\":{\"reason\":"
                    + "\"no trusted code-signing certificate\"}}");
            return;
        }
        log("I", "jobs_demo", "job " + jobId + ": an OTA update (afr_ota); starting " + VirtualDeviceOta.TAG);
        ticker.execute(() -> {
            MqttAsyncClient c = client;
            client = null;
            disconnect(c);
            o.start();
        });
    }

    private void disconnect(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(1_000).waitForCompletion(2_000);
            }
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("virtual device disconnect: {}", e.getMessage());
        }
    }

    /** The application version running ({@value #DEFAULT_VERSION} until an OTA update installs another). */
    public String firmwareVersion() {
        return firmwareVersion;
    }

    private void publishJobs(String api, String payload) {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            return;
        }
        try {
            c.publish(jobsPrefix + api, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            log("E", "jobs_demo", "publish to " + api + " failed: " + e.getMessage());
        }
    }

    /** A simulated reboot: drop the connection and boot again. */
    private void reboot() {
        MqttAsyncClient c = client;
        client = null;
        log("I", "main", "reboot");
        reboots.incrementAndGet();
        try {
            if (c != null) {
                if (c.isConnected()) {
                    c.disconnect(1_000).waitForCompletion(2_000);
                }
                c.close(true);
            }
            if (!ticker.isShutdown()) {
                boot();
            }
        } catch (Exception e) {
            log("E", "main", "boot after reboot failed: " + e.getMessage());
        }
    }

    /** Jobs the device reported SUCCEEDED since it started. */
    public int jobsSucceeded() {
        return jobsDone.get();
    }

    /** Simulated reboots since it started. */
    public int reboots() {
        return reboots.get();
    }

    private ObjectNode fullState() {
        ObjectNode reported = json.createObjectNode();
        reported.put("led", led);
        reported.put("temperature_sensor", formatTemperature());
        return reported;
    }

    private String formatTemperature() {
        return String.format(Locale.ROOT, "%.1f", temperature);
    }

    /**
     * One tick of the drifting sensor: a sample, reported when its displayed value changed (the device's thread).
     */
    private void drift() {
        String before = formatTemperature();
        String now = sample();
        if (!now.equals(before)) {
            reportTemperatureValue(now);
        }
    }

    /**
     * The temperature takes a random step, scaled to the period so that a chart looks alike at any period (about
     * ±0.25 °C per 2 s), and stays within 15–35 °C. Returns the displayed value ("22.4").
     */
    private synchronized String sample() {
        double scale = Math.min(3, Math.sqrt(Math.max(2_000, settings.temperaturePeriodMillis()) / 2_000.0));
        temperature = Math.max(15, Math.min(35, temperature + (random.nextDouble() - 0.5) * scale));
        return formatTemperature();
    }

    /**
     * Takes one sample of the drifting sensor and reports it now, whatever the period (also with the period off):
     * what a demo or a test does instead of waiting for the next tick. Returns the reported value as the device
     * sends it ("22.4"), or empty when the device is not connected. Any thread.
     */
    public Optional<String> reportTemperature() {
        if (!isConnected()) {
            return Optional.empty();
        }
        String value = sample();
        reportTemperatureValue(value);
        return Optional.of(value);
    }

    private void reportTemperatureValue(String value) {
        ObjectNode reported = json.createObjectNode();
        reported.put("temperature_sensor", value);
        report(reported);
    }

    /**
     * The sampling period named by {@code value} (seconds, as in {@value #TEMPERATURE_PROPERTY}): blank = the
     * default, {@code off} or 0 = only when asked.
     *
     * @throws IllegalArgumentException with a sentence for the user when it is neither
     */
    public static long temperaturePeriodMillis(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_TEMPERATURE_PERIOD_MILLIS;
        }
        if (value.strip().equalsIgnoreCase("off")) {
            return 0;
        }
        try {
            double seconds = Double.parseDouble(value.strip());
            if (seconds >= 0 && seconds <= 86_400) {
                return Math.round(seconds * 1000);
            }
        } catch (NumberFormatException e) {
            // the sentence below
        }
        throw new IllegalArgumentException("The virtual device's temperature period must be a number of seconds "
                + "from 0 to 86400, or off; got \"" + value.strip() + "\".");
    }

    private void report(ObjectNode reported) {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            return;
        }
        ObjectNode doc = json.createObjectNode();
        doc.putObject("state").set("reported", reported);
        doc.put("clientToken", String.format("%06d", clock.millis() % 1_000_000));
        try {
            c.publish(prefix + "/update", TabbedJson.write(doc).getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            log("E", "aws_device", "report failed: " + e.getMessage());
        }
    }

    private void onMessage(String topic, MqttMessage message) {
        String suffix = topic.substring(prefix.length());
        try {
            JsonNode doc = message.getPayload().length == 0 ? json.createObjectNode()
                    : json.readTree(message.getPayload());
            switch (suffix) {
                case "/update/accepted" -> {
                    if (behaviour == Behaviour.AS_SHIPPED) {
                        apply(doc.path("state").path("reported"), false);
                    }
                }
                case "/update/delta" -> {
                    log("I", "aws_shadow", "delta: " + doc.path("state"));
                    if (behaviour == Behaviour.FOLLOWS_DESIRED) {
                        apply(doc.path("state"), true);
                    }
                }
                case "/update/rejected", "/delete/rejected" -> log("W", "aws_shadow", suffix.substring(1) + ": "
                        + doc.path("code").asText() + " " + doc.path("message").asText());
                default -> log("I", "aws_shadow", suffix.substring(1));
            }
        } catch (java.io.IOException e) {
            log("E", "aws_shadow", "cannot parse " + topic + ": " + e.getMessage());
        }
    }

    private void apply(JsonNode values, boolean reportBack) {
        if (!values.isObject()) {
            return;
        }
        ObjectNode changed = json.createObjectNode();
        values.fields().forEachRemaining(e -> {
            switch (e.getKey()) {
                case "led" -> {
                    JsonNode v = e.getValue();
                    if (v.isTextual() && LED_VALUES.contains(v.asText())) {
                        led = v.asText();
                        log("I", "pwm_led", "set led " + led);
                        changed.put("led", led);
                    } else {
                        log("E", "pwm_led", "set led param error(" + v + ")");
                    }
                }
                default -> log("W", "aws_device", "not found " + e.getKey() + " set_fun");
            }
        });
        if (reportBack && !changed.isEmpty()) {
            report(changed);
        }
    }

    private void log(String level, String tag, String text) {
        String line = "[" + level + "] (" + clock.millis() % 100_000_000 + ") " + tag + ": " + text;
        LOG.debug("{} {}", settings.thingName(), line);
        logListeners.forEach(l -> l.accept(line));
    }

    /** Receives the device's log lines in the WM log format, on the thread that logged. */
    public void addLogListener(Consumer<String> listener) {
        logListeners.add(listener);
    }

    public void removeLogListener(Consumer<String> listener) {
        logListeners.remove(listener);
    }

    public String led() {
        return led;
    }

    public double temperature() {
        return temperature;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    public String thingName() {
        return settings.thingName();
    }

    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        lastJob = null;
        VirtualDeviceOta o = ota;
        if (o != null) {
            o.close();
        }
        MqttAsyncClient c = client;
        client = null;
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect(1_000).waitForCompletion(2_000);
                }
                c.close(true);
            } catch (MqttException e) {
                LOG.debug("virtual device close: {}", e.getMessage());
            }
        }
    }
}
