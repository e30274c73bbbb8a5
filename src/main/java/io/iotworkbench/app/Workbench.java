package io.iotworkbench.app;

import io.iotworkbench.diagnostics.ErrorLog;
import io.iotworkbench.event.EventBus;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.PipelineLimits;
import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.event.Notification;
import io.iotworkbench.localcore.DenialNotices;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.mqtt.Subscription;
import io.iotworkbench.mqtt.ThingSubscriptions;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.session.ProfileStore;
import io.iotworkbench.session.Session;
import io.iotworkbench.settings.SettingsStore;
import io.iotworkbench.storage.AppDirectories;
import io.iotworkbench.ui.common.FirstFrame;
import io.iotworkbench.ui.shell.MainWindow;
import io.iotworkbench.ui.shell.ShellServices;
import javafx.stage.Stage;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * The composition root: builds the session, its stores and services once, for the window (or a test) to use, and
 * closes them in reverse order. Nothing here is static; a test builds its own Workbench on temporary folders.
 *
 * <p>Built and closed on one thread (the FX thread in the app).
 */
public final class Workbench implements AutoCloseable {

    /**
     * How much to start: the Local IoT Core (in the background) and an automatic connection when the active profile
     * is the Local one. The app starts both; shell tests start neither. {@code coreEarly}: the core's start begins
     * before the window is built (on folders where it makes no keys) instead of after the window's first frame
     * (decision 0031 measured both: early cost the first frame about 0.3 s on a quiet machine; kept to measure).
     */
    public record Options(boolean startLocalCore, boolean autoConnect, boolean coreEarly) {

        /** The core starts after the window's first frame. */
        public Options(boolean startLocalCore, boolean autoConnect) {
            this(startLocalCore, autoConnect, false);
        }

        public static Options app() {
            return new Options(true, true);
        }

        public static Options shellOnly() {
            return new Options(false, false);
        }

        /**
         * The app's options, unless the system property {@value #LOCAL_CORE_PROPERTY} or the environment variable
         * {@value #LOCAL_CORE_ENV} is {@code off}: then the window opens without the Local IoT Core (for a session
         * that only uses AWS, and to measure what the core's start costs); {@code early} starts the core before the
         * window is built when it makes no keys ({@code bench startup} measures both; decision 0031).
         */
        public static Options fromEnvironment(Function<String, String> properties, Map<String, String> env) {
            String value = properties.apply(LOCAL_CORE_PROPERTY);
            if (value == null || value.isBlank()) {
                value = env.get(LOCAL_CORE_ENV);
            }
            String word = value == null ? "" : value.trim();
            if (word.equalsIgnoreCase("off")) {
                return shellOnly();
            }
            return word.equalsIgnoreCase(CORE_EARLY) ? new Options(true, true, true) : app();
        }
    }

    public static final String LOCAL_CORE_PROPERTY = "iotworkbench.localCore";
    public static final String LOCAL_CORE_ENV = "IOTWORKBENCH_LOCAL_CORE";
    /** The switch's value that starts the core before the window is built (decision 0031 measures it). */
    public static final String CORE_EARLY = "early";
    /** {@code off} keeps the welcome window from opening on the first start (the UI tests set it). */
    public static final String WELCOME_PROPERTY = "iotworkbench.welcome";

    private final AppDirectories directories;
    private final ErrorLog errorLog;
    private final ProfileStore profileStore;
    private final SettingsStore settingsStore;
    private final Session session;
    private final MqttConnection connection;
    private final MessagePipeline pipeline;
    private final LocalCoreRuntime localCore;
    private final AwsClients aws;
    private final Options options;
    private final DenialNotices denials = new DenialNotices(Clock.systemUTC());

    public Workbench(AppDirectories directories) {
        this(directories, Options.app());
    }

    public Workbench(AppDirectories directories, Options options) {
        this.options = options;
        this.directories = directories;
        this.errorLog = new ErrorLog();
        this.profileStore = ProfileStore.open(directories.configDir());
        this.settingsStore = new SettingsStore(directories.configDir());
        EventBus events = new EventBus(e -> errorLog.record(Thread.currentThread(), e));
        this.session = new Session(profileStore.active(), events, Clock.systemUTC());
        this.localCore = new LocalCoreRuntime(directories.dataDir());
        this.connection = new MqttConnection(session, localCore);
        this.aws = new AwsClients(localCore);
        this.pipeline = new MessagePipeline(PipelineLimits.defaults());
        connection.addSink((topic, m) -> pipeline.offer(topic, m.getPayload(), m.getQos(), m.isRetained(),
                m.isDuplicate()));
        session.metrics().addDropSource(() -> pipeline.stats().dropped());
        connection.explainPolicyDropsWith(denials::reasonFor);
        ThingSubscriptions.follow(session, connection);
    }

    /**
     * Opens the main window on {@code stage} and, after its first frame, starts the Local IoT Core, reports it in the
     * activity log and connects to it. With {@link Options#coreEarly} the core's start begins before the window is
     * built instead, unless it must first make its keys (the first launch on these folders; decision 0031). Uncaught
     * exceptions on any thread (the FX thread included) are logged, counted and shown from then on; the app keeps
     * running. FX thread.
     */
    public MainWindow openWindow(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler(errorLog.uncaughtHandler());
        Thread.currentThread().setUncaughtExceptionHandler(errorLog.uncaughtHandler());
        if (options.startLocalCore() && options.coreEarly() && !localCore.startMakesKeys()) {
            // its own thread, beside the window's construction and first frame on the FX thread; a first launch's
            // keys (seconds of CPU) would delay that frame even more (decision 0031)
            localCore.start();
        }
        MainWindow window = new MainWindow(stage, shellServices());
        if (options.startLocalCore()) {
            // asked before show(), so in the pulse after the first frame the core's start comes before the selected
            // pane's construction and runs beside it, instead of after it (decision 0031)
            FirstFrame.then(this::startLocalCore);
        }
        window.show();
        if (options.startLocalCore()) {
            if (window.firstStart() && !"off".equalsIgnoreCase(System.getProperty(WELCOME_PROPERTY, ""))) {
                window.whenPaneReady(window::showWelcome);
            }
        }
        return window;
    }

    /**
     * Once the window's first frame is on screen: starts the Local IoT Core unless it started already
     * ({@link #openWindow}); when it runs and the Local profile is active, connects and subscribes to the virtual
     * device's shadow topics so a new user sees live traffic (the device boots meanwhile and its first report arrives
     * on that subscription). Messages the broker drops for slow subscribers are reported in the activity log (one
     * line per report interval at most), and a virtual device that does not start.
     */
    private void startLocalCore() {
        if (!localCore.ready().isDone()) {
            session.events().publish(Notification.info("Starting the Local IoT Core…"));
        }
        localCore.whenSubscribersDrop(text -> session.events().publish(Notification.warning(text)));
        localCore.whenDenied(d -> denials.record(d).ifPresent(line -> session.events()
                .publish(Notification.warning(line))));
        localCore.deviceReady().whenComplete((device, error) -> {
            if (error != null && localCore.ready().isDone() && !localCore.ready().isCompletedExceptionally()) {
                session.events().publish(Notification.error("The virtual device did not start: "
                        + error.getMessage()));
            }
        });
        localCore.start().whenComplete((core, error) -> {
            if (error != null) {
                session.events().publish(Notification.error("The Local IoT Core did not start: "
                        + error.getMessage()));
                return;
            }
            session.events().publish(Notification.info("Local IoT Core running: MQTT " + core.mqttHost() + ":"
                    + core.mqttPort() + ", HTTPS " + core.httpsHost() + ":" + core.httpsPort() + ", REST API "
                    + core.apiEndpoint() + (core.signaturesRequired() ? " (SigV4, access key "
                    + core.apiCredentials().accessKeyId() + ")" : " (any credentials on loopback)")
                    + ", virtual device wm_demo_1, policies " + core.policyMode().word() + "."));
            if (options.autoConnect() && session.profile().kind() == ProfileKind.LOCAL
                    && session.state() == ConnectionState.DISCONNECTED) {
                if (connection.subscriptions().isEmpty()) {
                    connection.subscribe(new Subscription("$aws/things/" + session.thingName() + "/shadow/#", 1));
                }
                connection.connect();
            }
        });
    }

    /** The in-process Local IoT Core (started by {@link #openWindow} in the app). */
    public LocalCoreRuntime localCore() {
        return localCore;
    }

    public MqttConnection connection() {
        return connection;
    }

    public MessagePipeline pipeline() {
        return pipeline;
    }

    public ShellServices shellServices() {
        return new ShellServices(directories, session, profileStore, settingsStore, errorLog, connection, pipeline,
                localCore, aws);
    }

    public ErrorLog errorLog() {
        return errorLog;
    }

    public Session session() {
        return session;
    }

    public AppDirectories directories() {
        return directories;
    }

    @Override
    public void close() {
        connection.close();
        pipeline.close();
        aws.close();
        localCore.close();
    }
}
