package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.cert.CertificateIds;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.localcore.api.AccessRoutes;
import io.iotworkbench.localcore.api.ApiServer;
import io.iotworkbench.localcore.api.ControlPlaneRoutes;
import io.iotworkbench.localcore.api.DataPlaneRoutes;
import io.iotworkbench.localcore.api.DevicePlaneRoutes;
import io.iotworkbench.localcore.api.JobRoutes;
import io.iotworkbench.localcore.api.JobsDataPlaneRoutes;
import io.iotworkbench.localcore.api.ObjectRoutes;
import io.iotworkbench.localcore.api.OtaRoutes;
import io.iotworkbench.localcore.api.RequestAuthenticator;
import io.iotworkbench.localcore.api.Router;
import io.iotworkbench.localcore.api.SigV4Authenticator;
import io.iotworkbench.localcore.broker.BrokerSettings;
import io.iotworkbench.localcore.broker.GatewayListener;
import io.iotworkbench.localcore.broker.LocalBroker;
import io.iotworkbench.localcore.device.VirtualDevice;
import io.iotworkbench.localcore.jobs.JobsService;
import io.iotworkbench.localcore.ota.CodeSigner;
import io.iotworkbench.localcore.ota.ObjectStore;
import io.iotworkbench.localcore.ota.OtaFaults;
import io.iotworkbench.localcore.ota.OtaUpdates;
import io.iotworkbench.localcore.ota.PresignedUrlResolver;
import io.iotworkbench.localcore.ota.PresignedUrls;
import io.iotworkbench.localcore.ota.StreamDelivery;
import io.iotworkbench.localcore.ota.StreamsService;
import io.iotworkbench.localcore.policy.Authorizer;
import io.iotworkbench.localcore.policy.DecisionLog;
import io.iotworkbench.localcore.policy.PolicyAuthorizer;
import io.iotworkbench.localcore.policy.PolicyMode;
import io.iotworkbench.localcore.policy.PolicySimulator;
import io.iotworkbench.localcore.registry.CertificateIssuer;
import io.iotworkbench.localcore.registry.CertificateStatus;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.shadow.ShadowRepository;
import io.iotworkbench.localcore.shadow.ShadowService;
import io.iotworkbench.localcore.store.DataFolderInUseException;
import io.iotworkbench.localcore.store.DataFolderLock;
import io.iotworkbench.localcore.store.LocalCoreDatabase;
import io.iotworkbench.session.Profile;
import io.iotworkbench.shadow.ShadowEngine;
import io.iotworkbench.shadow.ShadowLimits;
import io.iotworkbench.storage.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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
 *
 * <p>Size: the one place that wires the services together in start order and closes them in reverse, plus the
 * facade the REST API, the CLI and the GUI call; each service's rules live in its own package. Its start-up wiring is
 * the next part to move out (into a builder), once the speed work on it has landed.
 */
public final class LocalIoTCore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalIoTCore.class);
    /** Threads that make a first start's RSA keys ahead (the machines this runs on have two cores or more). */
    private static final int KEY_THREADS = 2;
    private static final String MQTT = "MQTT";
    private static final String HTTPS = "HTTPS device endpoint";
    private static final String OBJECTS = "OTA object server";
    /** Where a thing's files are written under the data folder. */
    public static final String THINGS_DIR = "things";
    /** The core's own folder inside the data folder (CA, database, OTA files). */
    static final String CORE_DIR = "local-core";
    /** A provisioned thing's certificate and private key in its folder under {@link #THINGS_DIR}. */
    static final String THING_CERTIFICATE_FILE = "certificate.pem.crt";
    static final String THING_KEY_FILE = "private.pem.key";

    /**
     * How to run the emulator.
     *
     * @param httpsPort                the HTTPS device endpoint's port (AWS uses 8443); 0 = a free port
     * @param signaturesRequired       whether the REST API verifies SigV4 against {@link #apiCredentials()}; null =
     *                                 only when bound to a non-loopback address
     * @param thingTypeDeprecationWait how long a thing type must have been deprecated before DeleteThingType (AWS: 5
     *                                 minutes; 0 here by default)
     * @param owner                    who runs the core, named to a second program that finds the data folder in use
     * @param policies                 how IoT policies apply (enforce by default; see {@link PolicyMode})
     */
    public record Config(Path dataDir, String bindAddress, int mqttPort, int apiPort, String region,
                         ShadowLimits shadowLimits, Clock clock, boolean virtualDevice,
                         VirtualDevice.Behaviour deviceBehaviour, long temperaturePeriodMillis, int httpsPort,
                         Boolean signaturesRequired, Duration thingTypeDeprecationWait, String owner,
                         BrokerSettings broker, PolicyMode policies) {

        public Config {
            Objects.requireNonNull(dataDir);
            Objects.requireNonNull(bindAddress);
            Objects.requireNonNull(clock);
            Objects.requireNonNull(thingTypeDeprecationWait);
            Objects.requireNonNull(owner);
            Objects.requireNonNull(broker);
            Objects.requireNonNull(policies);
        }

        /** Loopback, free ports, the virtual device on (follows desired, temperature every 10 s), AWS's MQTT limits. */
        public static Config defaults(Path dataDir) {
            return new Config(dataDir, "127.0.0.1", 0, 0, Registry.DEFAULT_REGION, ShadowLimits.defaults(),
                    Clock.systemUTC(), true, VirtualDevice.Behaviour.FOLLOWS_DESIRED,
                    VirtualDevice.DEFAULT_TEMPERATURE_PERIOD_MILLIS, 0, null, Duration.ZERO,
                    "IoT Workbench", BrokerSettings.defaults(), PolicyMode.ENFORCE);
        }

        /** How often the virtual device samples its temperature (0 = only when asked; see {@link VirtualDevice}). */
        public Config withTemperaturePeriodMillis(long millis) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, clock, virtualDevice,
                    deviceBehaviour, millis, httpsPort, signaturesRequired, thingTypeDeprecationWait, owner, broker,
                    policies);
        }

        public Config withVirtualDevice(boolean on) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, clock, on,
                    deviceBehaviour, temperaturePeriodMillis, httpsPort, signaturesRequired, thingTypeDeprecationWait,
                    owner, broker, policies);
        }

        public Config withDeviceBehaviour(VirtualDevice.Behaviour behaviour) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, clock, virtualDevice,
                    behaviour, temperaturePeriodMillis, httpsPort, signaturesRequired, thingTypeDeprecationWait,
                    owner, broker, policies);
        }

        public Config withBind(String address) {
            return new Config(dataDir, address, mqttPort, apiPort, region, shadowLimits, clock, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, httpsPort, signaturesRequired, thingTypeDeprecationWait,
                    owner, broker, policies);
        }

        /** The clock of every service (jobs timers, timestamps); tests pass one they can advance. */
        public Config withClock(Clock c) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, c, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, httpsPort, signaturesRequired, thingTypeDeprecationWait,
                    owner, broker, policies);
        }

        public Config withPorts(int mqtt, int api) {
            return new Config(dataDir, bindAddress, mqtt, api, region, shadowLimits, clock, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, httpsPort, signaturesRequired, thingTypeDeprecationWait,
                    owner, broker, policies);
        }

        /** The broker's sessions, queues and timers (persistent-session expiry, in-flight window, drop reports). */
        public Config withBroker(BrokerSettings settings) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, clock, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, httpsPort, signaturesRequired, thingTypeDeprecationWait,
                    owner, settings, policies);
        }

        public Config withHttpsPort(int port) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, clock, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, port, signaturesRequired, thingTypeDeprecationWait,
                    owner, broker, policies);
        }

        /** Forces SigV4 verification on (or off) whatever the bind address; null restores the default. */
        public Config withSignaturesRequired(Boolean required) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, clock, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, httpsPort, required, thingTypeDeprecationWait, owner,
                    broker, policies);
        }

        public Config withThingTypeDeprecationWait(Duration wait) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, clock, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, httpsPort, signaturesRequired, wait, owner, broker,
                    policies);
        }

        public Config withOwner(String program) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, clock, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, httpsPort, signaturesRequired, thingTypeDeprecationWait,
                    program, broker, policies);
        }

        /** Whether the REST API verifies signatures: as configured, else when bound off loopback. */
        /** How IoT policies apply: enforce (the default), log (allow, record what AWS would deny) or off. */
        public Config withPolicies(PolicyMode mode) {
            return new Config(dataDir, bindAddress, mqttPort, apiPort, region, shadowLimits, clock, virtualDevice,
                    deviceBehaviour, temperaturePeriodMillis, httpsPort, signaturesRequired, thingTypeDeprecationWait,
                    owner, broker, mode);
        }

        public boolean requiresSignatures() {
            return signaturesRequired != null ? signaturesRequired : !ServerTls.isLoopback(bindAddress);
        }
    }

    /** A thing with an ACTIVE certificate and its files on disk. */
    public record ProvisionedThing(String thingName, Path certificateFile, Path privateKeyFile, String certificateId,
                                   String certificateArn) {
    }

    private final Config config;
    private final Path coreDir;
    private final DataFolderLock lock;
    private final LocalCoreDatabase database;
    private final LocalCa ca;
    private final Registry registry;
    private final ShadowService shadows;
    private final JobsService jobs;
    private final LocalBroker broker;
    private final ApiServer api;
    private final ApiServer https;
    private final ApiCredentials credentials;
    private final Ota ota;
    private final List<GatewayListener> listeners = new CopyOnWriteArrayList<>();
    private final DecisionLog decisions;
    private final PolicyAuthorizer policies;
    private volatile VirtualDevice device;
    private final KeyPairSupply keys;
    private volatile boolean closed;
    /** Set once by {@link #start} before the core is handed out. */
    private volatile StartSteps startSteps;

    private LocalIoTCore(Config config, Path coreDir, DataFolderLock lock, LocalCoreDatabase database, LocalCa ca,
                         Registry registry, ShadowService shadows, JobsService jobs, LocalBroker broker, ApiServer api,
                         ApiServer https, ApiCredentials credentials, Ota ota, DecisionLog decisions,
                         PolicyAuthorizer policies, KeyPairSupply keys) {
        this.keys = keys;
        this.decisions = decisions;
        this.policies = policies;
        this.config = config;
        this.coreDir = coreDir;
        this.lock = lock;
        this.database = database;
        this.ca = ca;
        this.registry = registry;
        this.shadows = shadows;
        this.jobs = jobs;
        this.broker = broker;
        this.api = api;
        this.https = https;
        this.credentials = credentials;
        this.ota = ota;
    }

    /** The OTA parts: the object store, its presigned URLs and the HTTPS server that answers them. */
    private record Ota(ObjectStore objects, PresignedUrls urls, ApiServer server, StreamsService streams,
                       OtaUpdates updates, CodeSigner signer, StreamDelivery delivery, OtaFaults faults) {
    }

    /**
     * Starts on the configured MQTT port, or on a free one when that port is taken (what the window and
     * {@code local-core} without {@code --mqtt-port} do with AWS's 8883); other failures are thrown.
     */
    public static LocalIoTCore startPreferringMqttPort(Config config) throws IOException {
        return startPreferringMqttPort(config, DeviceBoot.DURING_START);
    }

    /** Like {@link #startPreferringMqttPort(Config)}, booting the virtual device as {@code boot} says. */
    static LocalIoTCore startPreferringMqttPort(Config config, DeviceBoot boot) throws IOException {
        if (config.mqttPort() != 0 && !portFree(config.bindAddress(), config.mqttPort())) {
            // checked first: finding out from the broker's bind meant starting everything before it twice
            LOG.info("MQTT port {} is taken; the Local IoT Core uses a free port instead", config.mqttPort());
            return start(config.withPorts(0, config.apiPort()), boot);
        }
        try {
            return start(config, boot);
        } catch (PortUnavailableException e) {
            if (!e.what().equals(MQTT) || config.mqttPort() == 0) {
                throw e;
            }
            LOG.info("MQTT port {} is taken; the Local IoT Core uses a free port instead", config.mqttPort());
            return start(config.withPorts(0, config.apiPort()), boot);
        }
    }

    /**
     * When the virtual device (if {@link Config#virtualDevice()}) boots: inside {@link #start}, which then returns
     * with it connected ({@code local-core}, tests), or after it, by the caller's {@link #startVirtualDevice} (the
     * window: its key is still made ahead with the others; decision 0031).
     */
    enum DeviceBoot { DURING_START, AFTER_START }

    /**
     * Starts every part; on failure, what was started is stopped again and the error says what to do. The data
     * folder is made owner-only and locked first: a folder another core holds is a {@link DataFolderInUseException};
     * a port that cannot be opened a {@link PortUnavailableException} naming it.
     */
    public static LocalIoTCore start(Config config) throws IOException {
        return start(config, DeviceBoot.DURING_START);
    }

    private static LocalIoTCore start(Config config, DeviceBoot boot) throws IOException {
        Path coreDir = config.dataDir().resolve(CORE_DIR);
        if (!ServerTls.isLoopback(config.bindAddress())) {
            LOG.warn("The Local IoT Core listens on {}: devices on your network can reach it. Use 127.0.0.1 to "
                    + "keep it on this machine.", config.bindAddress());
        }
        List<AutoCloseable> started = new ArrayList<>();
        StartSteps steps = new StartSteps(System::nanoTime);
        try {
            AtomicFiles.ownerOnlyDirectory(config.dataDir());
            AtomicFiles.ownerOnlyDirectory(coreDir);
            KeyPairSupply keys = KeyPairSupply.ahead(keysToMake(config, coreDir), KEY_THREADS);
            started.add(keys);
            DataFolderLock lock = DataFolderLock.acquire(config.dataDir(), coreDir, config.owner(),
                    config.clock().instant());
            started.add(lock);
            steps.done("lock");
            LocalCoreDatabase db = LocalCoreDatabase.open(coreDir);
            started.add(db);
            steps.done("database");
            LocalCa ca = LocalCa.openOrCreate(coreDir.resolve("ca"), config.clock(), keys::take);
            steps.done("CA");
            Registry registry = new Registry(db, config.region(), Registry.DEFAULT_ACCOUNT, config.clock(),
                    config.thingTypeDeprecationWait());
            DecisionLog decisions = new DecisionLog();
            RegistryPolicySource policySource = new RegistryPolicySource(registry);
            PolicyAuthorizer policies = new PolicyAuthorizer(policySource, config.policies(), decisions,
                    config.clock());
            registry.addAccessListener(policies::invalidate);
            // one authorizer for the broker and the HTTPS device endpoint
            Authorizer authorizer = config.policies() == PolicyMode.OFF ? Authorizer.ALLOW_ALL : policies;
            Holder holder = new Holder();
            var trust = LocalBroker.clientTrust((cert, id) -> refusal(registry, id), config.clock());
            steps.done("registry");
            var tls = ServerTls.context(ca, coreDir.resolve("ca"), config.bindAddress(), trust, keys::take);
            steps.done("server TLS");
            LocalBroker broker = startBroker(config, tls, authorizer, holder);
            started.add(broker);
            steps.done("broker");
            ShadowService shadows = new ShadowService(new ShadowRepository(db), new ShadowEngine(config.shadowLimits()),
                    broker, config.clock());
            started.add(shadows);
            ObjectStore objects = new ObjectStore(coreDir.resolve("objects"));
            PresignedUrls urls = PresignedUrls.openOrCreate(coreDir.resolve("presign.key"), config.clock());
            JobsService jobs = new JobsService(db, registry, broker, broker, config.clock(),
                    new PresignedUrlResolver(urls));
            started.add(jobs);
            StreamsService streams = new StreamsService(db, objects, registry, config.clock());
            CodeSigner signer = CodeSigner.openOrCreate(coreDir.resolve("ota"), ca);
            OtaUpdates otaUpdates = new OtaUpdates(db, registry, jobs, streams, objects, signer, config.clock());
            policySource.useThingGroups(jobs.groups()::groupsOf);
            registry.useThingGroups(jobs.groups()::exists);
            steps.done("shadows, jobs, OTA");
            MessagePublisher devicePublisher = dataPlanePublisher(broker, shadows, jobs);
            Router router = new Router();
            LocalIoTCore[] self = new LocalIoTCore[1];
            new ControlPlaneRoutes(registry, new CertificateIssuer(registry, ca), () -> self[0].mqttHost())
                    .register(router);
            new JobRoutes(jobs).register(router);
            new OtaRoutes(streams, otaUpdates).register(router);
            new AccessRoutes(registry, policies).register(router);
            new DataPlaneRoutes(shadows, devicePublisher).register(router);
            new JobsDataPlaneRoutes(jobs.deviceApi()).register(router);
            ApiCredentials credentials = ApiCredentials.generate(new SecureRandom());
            RequestAuthenticator apiAuth = config.requiresSignatures()
                    ? new SigV4Authenticator(credentials, config.clock()) : RequestAuthenticator.ANY_CREDENTIALS;
            ApiServer api = ApiServer.start(ApiServer.Options.plain(ServerTls.isLoopback(config.bindAddress())
                    ? "127.0.0.1" : config.bindAddress(), config.apiPort()).withAuthenticator(apiAuth), router);
            started.add(api);
            steps.done("REST API");
            Router deviceRouter = new Router();
            new DevicePlaneRoutes(shadows, devicePublisher, authorizer).register(deviceRouter);
            ApiServer https = ApiServer.start(ApiServer.Options.plain(config.bindAddress(), config.httpsPort())
                    .withClientCertificateTls(tls, HTTPS, "local-https")
                    .withAuthenticator(request -> certificatePrincipal(registry, request.clientCertificate())),
                    deviceRouter);
            started.add(https);
            steps.done("HTTPS endpoint");
            Router objectRouter = new Router();
            OtaFaults faults = new OtaFaults();
            new ObjectRoutes(objects, urls, faults::maybeCorrupt).register(objectRouter);
            ApiServer objectServer = ApiServer.start(ApiServer.Options.plain(config.bindAddress(), 0)
                    .withServerTls(tls, OBJECTS, "local-objects"), objectRouter);
            started.add(objectServer);
            urls.endpoint(objectServer.endpoint().replace("://0.0.0.0:", "://127.0.0.1:"));
            steps.done("OTA object server");
            LocalIoTCore core = new LocalIoTCore(config, coreDir, lock, db, ca, registry, shadows, jobs, broker, api,
                    https, credentials, new Ota(objects, urls, objectServer, streams, otaUpdates, signer,
                    new StreamDelivery(streams, objects, broker, broker::disconnectCertificate, faults), faults),
                    decisions, policies, keys);
            self[0] = core;
            holder.core = core;
            registry.addCertificateStatusListener((id, status) -> {
                if (status != CertificateStatus.ACTIVE) {
                    broker.disconnectCertificate(id);
                }
            });
            if (config.virtualDevice() && boot == DeviceBoot.DURING_START) {
                core.startVirtualDevice(Profile.DEFAULT_LOCAL_THING);
                steps.done("virtual device");
            }
            core.startSteps = steps;
            LOG.info("Local IoT Core running: MQTT {}:{}, API {}{}, HTTPS {}; started in {}", core.mqttHost(),
                    core.mqttPort(), api.endpoint(), config.requiresSignatures() ? " (SigV4 with access key "
                            + credentials.accessKeyId() + ")" : "", https.endpoint(), steps);
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

    /** Whether a server socket could bind {@code bindAddress:port} just now (another program may take it later). */
    static boolean portFree(String bindAddress, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(bindAddress, port));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * How many RSA keys this start will create: the CA's and the server's when their files are missing, and the
     * virtual device's when it has no key file yet. Not the window's own thing: it is provisioned once the core runs,
     * and making its key ahead only competed with the start for the CPU (decision 0026).
     */
    static int keysToMake(Config config, Path coreDir) {
        Path caDir = coreDir.resolve("ca");
        boolean newCa = !LocalCa.exists(caDir);
        int count = newCa ? 1 : 0;
        if (newCa || !ServerTls.keyFilesExist(caDir)) {
            count++;
        }
        if (config.virtualDevice() && !bothExist(config.dataDir().resolve(THINGS_DIR)
                .resolve(Profile.DEFAULT_LOCAL_THING), THING_CERTIFICATE_FILE, THING_KEY_FILE)) {
            count++;
        }
        return count;
    }

    /** Whether {@code dir} holds both files. */
    private static boolean bothExist(Path dir, String first, String second) {
        return Files.exists(dir.resolve(first)) && Files.exists(dir.resolve(second));
    }

    private static LocalBroker startBroker(Config config, SSLContext tls, Authorizer authorizer,
                                           GatewayListener listener) throws IOException {
        try {
            return LocalBroker.start(config.bindAddress(), config.mqttPort(), tls, authorizer, listener,
                    config.broker(), config.clock());
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof java.net.BindException) {
                throw new PortUnavailableException(MQTT, config.bindAddress(), config.mqttPort(), root.getMessage(),
                        e);
            }
            throw e;
        }
    }

    /** The HTTPS endpoint's principal: the client certificate's id, while it is registered and ACTIVE. */
    private static String certificatePrincipal(Registry registry, X509Certificate certificate) {
        if (certificate == null) {
            throw new AwsServiceException(AwsErrorKind.FORBIDDEN, "Forbidden: a client certificate is required.");
        }
        String id = CertificateIds.of(certificate);
        refusal(registry, id).ifPresent(why -> {
            throw new AwsServiceException(AwsErrorKind.FORBIDDEN, "Forbidden: " + why + ".");
        });
        return id;
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
                c.ota.delivery().onClientPublish(certificateId, topic, payload);
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
    public ProvisionedThing provision(String thingName) throws IOException {
        return provision(thingName, Identity.DEVICE);
    }

    /**
     * What a provisioned certificate may do, through a policy of the Local IoT Core created when missing: a
     * {@code DEVICE} gets the least-privilege policy of <i>New device</i> ({@code LocalDevicePolicy}: its own client
     * id, shadow and jobs topics); the {@code WORKBENCH} the administrator's policy ({@code LocalWorkbenchPolicy});
     * {@code HTTP_DEMO} what the WM SDK's {@code http_demo_mutual_auth} needs ({@code LocalHttpDemoPolicy}: publish on
     * {@code topic} over HTTPS). The documents come from {@link io.iotworkbench.cert.aws.PolicyDocuments}.
     */
    public enum Identity {
        DEVICE("LocalDevicePolicy"), WORKBENCH("LocalWorkbenchPolicy"), HTTP_DEMO("LocalHttpDemoPolicy");

        private final String policyName;

        Identity(String policyName) {
            this.policyName = policyName;
        }

        /** The policy attached to certificates provisioned with this identity. */
        public String policyName() {
            return policyName;
        }

        String document(String region, String account) {
            return switch (this) {
                case DEVICE -> io.iotworkbench.cert.aws.PolicyDocuments.leastPrivilege(region, account);
                case WORKBENCH -> io.iotworkbench.cert.aws.PolicyDocuments.workbench(region, account);
                case HTTP_DEMO -> io.iotworkbench.cert.aws.PolicyDocuments.httpDemo(region, account);
            };
        }
    }

    /**
     * {@link #provision(String)} with the given identity: its policy is created when missing and attached (again)
     * to the thing's certificate.
     */
    public synchronized ProvisionedThing provision(String thingName, Identity identity) throws IOException {
        ProvisionedThing t = provisionCertificate(thingName);
        String policy = identity.policyName();
        try {
            registry.getPolicy(policy);
        } catch (io.iotworkbench.localcore.registry.RegistryException missing) {
            try {
                registry.createPolicy(policy, identity.document(config.region(), registry.accountId()));
            } catch (io.iotworkbench.localcore.registry.RegistryException e) {
                if (e.kind() != AwsErrorKind.RESOURCE_ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        registry.attachPolicy(policy, t.certificateArn());
        return t;
    }

    private ProvisionedThing provisionCertificate(String thingName) throws IOException {
        Path dir = config.dataDir().resolve(THINGS_DIR).resolve(thingName);
        Path certFile = dir.resolve(THING_CERTIFICATE_FILE);
        Path keyFile = dir.resolve(THING_KEY_FILE);
        registry.createThing(thingName, null, Map.of());
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            try {
                X509Certificate cert = PemFiles.readCertificates(certFile).get(0);
                String id = CertificateIds.of(cert);
                if (registry.certificateStatus(id).orElse(null) == CertificateStatus.ACTIVE) {
                    attach(thingName, id);
                    return new ProvisionedThing(thingName, certFile, keyFile, id, registry.certificateArn(id));
                }
            } catch (io.iotworkbench.cert.CertificateFileException e) {
                LOG.info("Re-issuing the certificate of {}: {}", thingName, e.getMessage());
            }
        }
        KeyPair pair = keys.take();
        X509Certificate cert = ca.issueDeviceCertificate(pair.getPublic());
        AtomicFiles.writeOwnerOnly(keyFile, Pem.privateKeyTraditional(pair.getPrivate())
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
        d.enableOta(List.of(codeSigner().certificate()));
        try {
            d.start();
        } catch (Exception e) {
            d.close();
            throw new IOException("The virtual device could not start: " + e.getMessage(), e);
        }
        if (closed) {
            // the window closed the core while its device booted (decision 0031: the device boots after the start)
            d.close();
            throw new IOException("The Local IoT Core stopped while the virtual device started.");
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

    /** The access key the REST API checks SigV4 against when {@link #signaturesRequired()}; new at every start. */
    public ApiCredentials apiCredentials() {
        return credentials;
    }

    /** Whether the REST API refuses requests not signed with {@link #apiCredentials()} (bound off loopback). */
    public boolean signaturesRequired() {
        return config.requiresSignatures();
    }

    /** The host devices use for the HTTPS device endpoint (the MQTT host). */
    public String httpsHost() {
        return mqttHost();
    }

    /** The HTTPS device endpoint's port: publish and shadows with a client certificate (AWS's 8443). */
    public int httpsPort() {
        return https.port();
    }

    /** The OTA object store (S3's stand-in): firmware files that presigned URLs and streams serve. */
    public ObjectStore objects() {
        return ota.objects();
    }

    /** Presigned URLs of the OTA object server (and the expired-URL fault). */
    public PresignedUrls presignedUrls() {
        return ota.urls();
    }

    /** Streams (MQTT-based file delivery). */
    public StreamsService streams() {
        return ota.streams();
    }

    /** OTA updates (streams, jobs and signatures made in one call). */
    public OtaUpdates otaUpdates() {
        return ota.updates();
    }

    /** MQTT-based file delivery (stream requests from devices) and its faults. */
    public StreamDelivery streamDelivery() {
        return ota.delivery();
    }

    /** Faults to inject into OTA deliveries (corrupt blocks, dropped stream connections). */
    public OtaFaults otaFaults() {
        return ota.faults();
    }

    /** Fault: closes every open connection of the OTA object server (a download dropped mid-way). */
    public void dropObjectConnections() {
        ota.server().closeConnections();
    }

    /** The code signer of OTA images and its certificate (issued by the local CA). */
    public CodeSigner codeSigner() {
        return ota.signer();
    }

    /** {@code https://host:port} of the OTA object server (server certificate from the local CA, no client one). */
    public String objectEndpoint() {
        return ota.server().endpoint();
    }

    /** The CA certificate clients trust (the "root CA" of the Local IoT Core). */
    /**
     * The wall time of each step of this core's start in milliseconds, in order (lock, database, CA, …, virtual
     * device), for {@code local-core} and the start-up figures (decision 0031).
     */
    public Map<String, Long> startSteps() {
        StartSteps s = startSteps;
        return s == null ? Map.of() : s.steps();
    }

    /** How many RSA keys made ahead at the start no one has taken yet (tests; decisions 0026 and 0031). */
    int keysWaiting() {
        return keys.waiting();
    }

    /** Milliseconds from the start of {@link #start} to the core running (0 before that). */
    public long startMs() {
        StartSteps s = startSteps;
        return s == null ? 0 : s.totalMs();
    }

    public Path caFile() {
        return ca.certificateFile();
    }

    /**
     * The newest authorization decisions and a way to follow new ones (the Access view's trace): every denial (in
     * log mode every would-be denial) and the first allowed decision per action and resource of a connection.
     */
    public DecisionLog decisions() {
        return decisions;
    }

    /** Answers "would this be allowed?" for the policy simulator (and TestAuthorization). */
    public PolicySimulator policySimulator() {
        return policies;
    }

    /** How this core applies IoT policies (shown in the Local profile's status). */
    public PolicyMode policyMode() {
        return config.policies();
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

    /**
     * Writes {@code local-core.json} owner-only: where the broker, the HTTPS device endpoint and the REST API are,
     * the REST API's access key (and whether it is required), the CA file and the given things' files.
     */
    public Path writeInfo(Path file, Collection<ProvisionedThing> things) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.putObject("mqtt").put("host", mqttHost()).put("port", mqttPort());
        root.putObject("https").put("host", httpsHost()).put("port", httpsPort());
        root.putObject("objects").put("endpoint", objectEndpoint());
        root.putObject("api").put("endpoint", apiEndpoint()).put("region", config.region())
                .put("signaturesRequired", signaturesRequired())
                .put("accessKeyId", credentials.accessKeyId())
                .put("secretAccessKey", credentials.secretAccessKey());
        root.put("caFile", caFile().toAbsolutePath().toString());
        ObjectNode thingsNode = root.putObject("things");
        Map<String, ProvisionedThing> byName = new LinkedHashMap<>();
        things.forEach(t -> byName.put(t.thingName(), t));
        byName.values().forEach(t -> thingsNode.putObject(t.thingName())
                .put("certificateFile", t.certificateFile().toAbsolutePath().toString())
                .put("privateKeyFile", t.privateKeyFile().toAbsolutePath().toString())
                .put("certificateId", t.certificateId()));
        AtomicFiles.writeOwnerOnly(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root)
                .getBytes(StandardCharsets.UTF_8));
        return file;
    }

    @Override
    public void close() {
        closed = true;
        VirtualDevice d;
        synchronized (this) {
            d = device; // after a boot under way (startVirtualDevice holds the lock) has seen the flag
        }
        if (d != null) {
            d.close();
        }
        ota.delivery().close();
        ota.server().close();
        https.close();
        api.close();
        broker.close();
        shadows.close();
        jobs.close();
        database.close();
        lock.close();
        keys.close();
        LOG.info("Local IoT Core stopped");
    }
}
