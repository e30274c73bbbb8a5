package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateIds;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.localcore.api.ApiServer;
import io.iotworkbench.localcore.api.ControlPlaneRoutes;
import io.iotworkbench.localcore.api.DataPlaneRoutes;
import io.iotworkbench.localcore.api.JobRoutes;
import io.iotworkbench.localcore.api.JobsDataPlaneRoutes;
import io.iotworkbench.localcore.api.Router;
import io.iotworkbench.localcore.broker.BrokerSettings;
import io.iotworkbench.localcore.broker.GatewayListener;
import io.iotworkbench.localcore.broker.LocalBroker;
import io.iotworkbench.localcore.device.VirtualDevice;
import io.iotworkbench.localcore.jobs.JobsService;
import io.iotworkbench.localcore.policy.Authorizer;
import io.iotworkbench.localcore.registry.CertificateIssuer;
import io.iotworkbench.localcore.registry.CertificateStatus;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.shadow.ShadowRepository;
import io.iotworkbench.localcore.shadow.ShadowService;
import io.iotworkbench.localcore.store.LocalCoreDatabase;
import io.iotworkbench.shadow.ShadowEngine;
import io.iotworkbench.shadow.ShadowLimits;
import io.iotworkbench.storage.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Local IoT Core: an offline emulator of AWS IoT Core on this machine. It owns, in start order: the SQLite store,
 * the local CA, the registry, the shadow service, the jobs service, the MQTT broker behind its TLS gateway, the REST
 * API (control plane and data plane on one loopback port) and, optionally, the virtual WM device. The GUI runs it
 * in-process for the Local profile; {@code iot-workbench local-core} runs it headless.
 *
 * <p>Thread-safe; {@link #start} and {@link #close} are called once each.
 */
public final class LocalIoTCore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalIoTCore.class);
    /** Where a thing's files are written under the data folder. */
    public static final String THINGS_DIR = "things";

    /** How to run the emulator. */
    public record Config(Path dataDir, String bindAddress, int mqttPort, int apiPort, String region,
                         ShadowLimits shadowLimits, Clock clock, boolean virtualDevice,
                         VirtualDevice.Behaviour deviceBehaviour, long temperaturePeriodMillis,
                         BrokerSettings broker) {

        public Config {
            Objects.requireNonNull(dataDir);
            Objects.requireNonNull(bindAddress);
            Objects.requireNonNull(clock);
            Objects.requireNonNull(broker);
        }

        /** Loopback, free ports, the virtual device on (follows desired, temperature every 2 s), AWS's MQTT limits. */
        public static Config defaults(Path dataDir) {
            return new Config(dataDir, "127.0.0.1", 0, 0, Registry.DEFAULT_REGION, ShadowLimits.defaults(),
                    Clock.systemUTC(), true, VirtualDevice.Behaviour.FOLLOWS_DESIRED, 2_000, BrokerSettings.defaults());
        }

        public Config withVirtualDevice(boolean on) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, clock, on,
                    deviceBehaviour, temperaturePeriodMillis, broker);
        }

        public Config withBind(String address) {
            return new Config(dataDir, address, mqttPort, apiPort, region, shadowLimits, clock, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, broker);
        }

        /** The clock of every service (jobs timers, timestamps); tests pass one they can advance. */
        public Config withClock(Clock c) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, c, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, broker);
        }

        public Config withPorts(int mqtt, int api) {
            return new Config(dataDir, bindAddress, mqtt, api, region, shadowLimits, clock, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, broker);
        }

        /** The broker's sessions, queues and timers (persistent-session expiry, in-flight window, drop reports). */
        public Config withBroker(BrokerSettings settings) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, clock, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, settings);
        }
    }

    /** A thing with an ACTIVE certificate and its files on disk. */
    public record ProvisionedThing(String thingName, Path certificateFile, Path privateKeyFile, String certificateId,
                                   String certificateArn) {
    }

    private final Config config;
    private final Path coreDir;
    private final LocalCoreDatabase database;
    private final LocalCa ca;
    private final Registry registry;
    private final ShadowService shadows;
    private final JobsService jobs;
    private final LocalBroker broker;
    private final ApiServer api;
    private final List<GatewayListener> listeners = new CopyOnWriteArrayList<>();
    private volatile VirtualDevice device;

    private LocalIoTCore(Config config, Path coreDir, LocalCoreDatabase database, LocalCa ca, Registry registry,
                         ShadowService shadows, JobsService jobs, LocalBroker broker, ApiServer api) {
        this.config = config;
        this.coreDir = coreDir;
        this.database = database;
        this.ca = ca;
        this.registry = registry;
        this.shadows = shadows;
        this.jobs = jobs;
        this.broker = broker;
        this.api = api;
    }

    /** Starts every part; on failure, what was started is stopped again and the error says what to do. */
    public static LocalIoTCore start(Config config) throws IOException {
        Path coreDir = config.dataDir().resolve("local-core");
        if (!ServerTls.isLoopback(config.bindAddress())) {
            LOG.warn("The Local IoT Core listens on {}: devices on your network can reach it. Use 127.0.0.1 to "
                    + "keep it on this machine.", config.bindAddress());
        }
        List<AutoCloseable> started = new ArrayList<>();
        try {
            LocalCoreDatabase db = LocalCoreDatabase.open(coreDir);
            started.add(db);
            LocalCa ca = LocalCa.openOrCreate(coreDir.resolve("ca"), config.clock());
            Registry registry = new Registry(db, config.region(), Registry.DEFAULT_ACCOUNT, config.clock());
            Holder holder = new Holder();
            var trust = LocalBroker.clientTrust((cert, id) -> refusal(registry, id), config.clock());
            var tls = ServerTls.context(ca, coreDir.resolve("ca"), config.bindAddress(), trust);
            LocalBroker broker = LocalBroker.start(config.bindAddress(), config.mqttPort(), tls, Authorizer.ALLOW_ALL,
                    holder, config.broker(), config.clock());
            started.add(broker);
            ShadowService shadows = new ShadowService(new ShadowRepository(db), new ShadowEngine(config.shadowLimits()),
                    broker, config.clock());
            started.add(shadows);
            JobsService jobs = new JobsService(db, registry, broker, broker, config.clock());
            started.add(jobs);
            Router router = new Router();
            LocalIoTCore[] self = new LocalIoTCore[1];
            new ControlPlaneRoutes(registry, new CertificateIssuer(registry, ca), () -> self[0].mqttHost())
                    .register(router);
            new JobRoutes(jobs).register(router);
            new DataPlaneRoutes(shadows, dataPlanePublisher(broker, shadows, jobs)).register(router);
            new JobsDataPlaneRoutes(jobs.deviceApi()).register(router);
            ApiServer api = ApiServer.start(ServerTls.isLoopback(config.bindAddress()) ? "127.0.0.1"
                    : config.bindAddress(), config.apiPort(), router);
            started.add(api);
            LocalIoTCore core = new LocalIoTCore(config, coreDir, db, ca, registry, shadows, jobs, broker, api);
            self[0] = core;
            holder.core = core;
            registry.addCertificateStatusListener((id, status) -> {
                if (status != CertificateStatus.ACTIVE) {
                    broker.disconnectCertificate(id);
                }
            });
            if (config.virtualDevice()) {
                core.startVirtualDevice(io.iotworkbench.session.Profile.DEFAULT_LOCAL_THING);
            }
            LOG.info("Local IoT Core running: MQTT {}:{}, API {}", core.mqttHost(), core.mqttPort(), api.endpoint());
            return core;
        } catch (IOException | SQLException | java.security.GeneralSecurityException | RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception ignored) {
                    // already failing; the first error is the one to report
                }
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("The Local IoT Core could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Publish over HTTPS as AWS treats it: the same rules as a client publish, and a publish to a shadow or jobs
     * request topic is also a request. A jobs request published this way has no connection to answer into, so its
     * reply goes nowhere (decision 0007).
     */
    private static MessagePublisher dataPlanePublisher(LocalBroker broker, ShadowService shadows,
                                                       JobsService jobs) {
        return (topic, payload, qos, retain) -> {
            io.iotworkbench.mqtt.AwsMqttLimits.checkClientPublishToReserved(topic, retain).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            broker.publish(topic, payload, qos, retain);
            shadows.onClientPublish(topic, payload);
            jobs.onClientPublish(null, topic, payload, qos);
        };
    }

    private static Optional<String> refusal(Registry registry, String certificateId) {
        Optional<CertificateStatus> status = registry.certificateStatus(certificateId);
        if (status.isEmpty()) {
            return Optional.of("certificate " + certificateId + " is not registered with the Local IoT Core");
        }
        return status.get() == CertificateStatus.ACTIVE ? Optional.empty()
                : Optional.of("certificate " + certificateId + " is " + status.get()
                        + " (only ACTIVE certificates may connect)");
    }

    /** Forwards gateway events to the shadow and jobs services and to listeners added later. */
    private static final class Holder implements GatewayListener {
        private volatile LocalIoTCore core;

        @Override
        public void clientConnected(String clientId, String certificateId, String remoteAddress) {
            LocalIoTCore c = core;
            if (c != null) {
                c.listeners.forEach(l -> l.clientConnected(clientId, certificateId, remoteAddress));
            }
        }

        @Override
        public void clientDisconnected(String clientId, String certificateId) {
            LocalIoTCore c = core;
            if (c != null) {
                c.listeners.forEach(l -> l.clientDisconnected(clientId, certificateId));
            }
        }

        @Override
        public void clientPublished(String clientId, String certificateId, String topic, byte[] payload, int qos) {
            LocalIoTCore c = core;
            if (c != null) {
                c.shadows.onClientPublish(topic, payload);
                c.jobs.onClientPublish(clientId, topic, payload, qos);
                c.listeners.forEach(l -> l.clientPublished(clientId, certificateId, topic, payload, qos));
            }
        }

        @Override
        public void refused(String clientId, String reason) {
            LocalIoTCore c = core;
            if (c != null) {
                c.listeners.forEach(l -> l.refused(clientId, reason));
            }
        }

        @Override
        public void droppedForSlowSubscribers(Map<String, Long> sinceLastReport, long total) {
            LocalIoTCore c = core;
            if (c != null) {
                c.listeners.forEach(l -> l.droppedForSlowSubscribers(sinceLastReport, total));
            }
        }
    }

    /**
     * Gets broker events (connections, refusals, drops for slow subscribers); called on Netty threads, must return
     * quickly.
     */
    public void addListener(GatewayListener listener) {
        listeners.add(listener);
    }

    /**
     * Makes sure {@code thingName} exists with an ACTIVE certificate whose key and certificate are on disk under
     * {@code <data>/things/<name>/}; reuses them when they are already there and registered.
     */
    public synchronized ProvisionedThing provision(String thingName) throws IOException {
        Path dir = config.dataDir().resolve(THINGS_DIR).resolve(thingName);
        Path certFile = dir.resolve("certificate.pem.crt");
        Path keyFile = dir.resolve("private.pem.key");
        registry.createThing(thingName, null, Map.of());
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            try {
                X509Certificate cert = io.iotworkbench.cert.PemFiles.readCertificates(certFile).get(0);
                String id = CertificateIds.of(cert);
                if (registry.certificateStatus(id).orElse(null) == CertificateStatus.ACTIVE) {
                    attach(thingName, id);
                    return new ProvisionedThing(thingName, certFile, keyFile, id, registry.certificateArn(id));
                }
            } catch (io.iotworkbench.cert.CertificateFileException e) {
                LOG.info("Re-issuing the certificate of {}: {}", thingName, e.getMessage());
            }
        }
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        X509Certificate cert = ca.issueDeviceCertificate(keys.getPublic());
        AtomicFiles.writeOwnerOnly(keyFile, Pem.privateKeyTraditional(keys.getPrivate())
                .getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.writeString(certFile, Pem.certificate(cert));
        var record = registry.registerCertificate(cert, CertificateStatus.ACTIVE, null);
        attach(thingName, record.id());
        return new ProvisionedThing(thingName, certFile, keyFile, record.id(), record.arn());
    }

    private void attach(String thingName, String certificateId) {
        String arn = registry.certificateArn(certificateId);
        if (!registry.thingsOfPrincipal(arn).contains(thingName)) {
            registry.attachThingPrincipal(thingName, arn);
        }
    }

    /** Starts the virtual WM device as {@code thingName}, provisioning it first. */
    public synchronized VirtualDevice startVirtualDevice(String thingName) throws IOException {
        if (device != null) {
            return device;
        }
        ProvisionedThing thing = provision(thingName);
        VirtualDevice d = new VirtualDevice(new VirtualDevice.Settings(thingName, mqttHost(), mqttPort(),
                thing.certificateFile(), thing.privateKeyFile(), caFile(), config.deviceBehaviour(),
                config.temperaturePeriodMillis()), config.clock());
        try {
            d.start();
        } catch (Exception e) {
            d.close();
            throw new IOException("The virtual device could not start: " + e.getMessage(), e);
        }
        device = d;
        return d;
    }

    public Optional<VirtualDevice> virtualDevice() {
        return Optional.ofNullable(device);
    }

    /** The host clients use: 127.0.0.1 when bound to loopback, else the bound address. */
    public String mqttHost() {
        return ServerTls.isLoopback(config.bindAddress()) || config.bindAddress().equals("0.0.0.0")
                ? "127.0.0.1" : config.bindAddress();
    }

    public int mqttPort() {
        return broker.port();
    }

    public String apiEndpoint() {
        return api.endpoint();
    }

    /** The CA certificate clients trust (the "root CA" of the Local IoT Core). */
    public Path caFile() {
        return ca.certificateFile();
    }

    public Registry registry() {
        return registry;
    }

    public ShadowOperations shadows() {
        return shadows;
    }

    /** The jobs service (jobs, executions, thing groups). */
    public JobsService jobs() {
        return jobs;
    }

    public MessagePublisher publisher() {
        return broker;
    }

    public Collection<String> connectedClients() {
        return broker.connectedClients();
    }

    /** Delivers into one client's connection only (AWS's Jobs replies), whether or not it subscribed. */
    public ClientDelivery clientDelivery() {
        return broker;
    }

    /** Messages the broker dropped because their subscriber could not keep up, since the core started. */
    public long droppedForSlowSubscribers() {
        return broker.droppedForSlowSubscribers();
    }

    /** The same per client id (only clients that dropped any). */
    public Map<String, Long> droppedForSlowSubscribersByClient() {
        return broker.droppedForSlowSubscribersByClient();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** Writes {@code local-core.json}: where the broker and API are, the CA file and the given things' files. */
    public Path writeInfo(Path file, Collection<ProvisionedThing> things) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.putObject("mqtt").put("host", mqttHost()).put("port", mqttPort());
        root.putObject("api").put("endpoint", apiEndpoint());
        root.put("caFile", caFile().toAbsolutePath().toString());
        ObjectNode thingsNode = root.putObject("things");
        Map<String, ProvisionedThing> byName = new LinkedHashMap<>();
        things.forEach(t -> byName.put(t.thingName(), t));
        byName.values().forEach(t -> thingsNode.putObject(t.thingName())
                .put("certificateFile", t.certificateFile().toAbsolutePath().toString())
                .put("privateKeyFile", t.privateKeyFile().toAbsolutePath().toString())
                .put("certificateId", t.certificateId()));
        AtomicFiles.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }

    @Override
    public void close() {
        VirtualDevice d = device;
        if (d != null) {
            d.close();
        }
        api.close();
        broker.close();
        shadows.close();
        jobs.close();
        database.close();
        LOG.info("Local IoT Core stopped");
    }
}
