package io.iotworkbench.app;

import io.iotworkbench.diagnostics.ErrorLog;
import io.iotworkbench.event.EventBus;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.PipelineLimits;
import io.iotworkbench.session.ProfileResolver;
import io.iotworkbench.session.ProfileStore;
import io.iotworkbench.session.Session;
import io.iotworkbench.settings.SettingsStore;
import io.iotworkbench.storage.AppDirectories;
import io.iotworkbench.ui.shell.MainWindow;
import io.iotworkbench.ui.shell.ShellServices;
import javafx.stage.Stage;

import java.time.Clock;

/**
 * The composition root: builds the session, its stores and services once, for the window (or a test) to use, and
 * closes them in reverse order. Nothing here is static; a test builds its own Workbench on temporary folders.
 *
 * <p>Built and closed on one thread (the FX thread in the app).
 */
public final class Workbench implements AutoCloseable {

    private final AppDirectories directories;
    private final ErrorLog errorLog;
    private final ProfileStore profileStore;
    private final SettingsStore settingsStore;
    private final Session session;
    private final MqttConnection connection;
    private final MessagePipeline pipeline;

    public Workbench(AppDirectories directories) {
        this.directories = directories;
        this.errorLog = new ErrorLog();
        this.profileStore = ProfileStore.open(directories.configDir());
        this.settingsStore = new SettingsStore(directories.configDir());
        EventBus events = new EventBus(e -> errorLog.record(Thread.currentThread(), e));
        this.session = new Session(profileStore.active(), events, Clock.systemUTC());
        this.connection = new MqttConnection(session, ProfileResolver.identity());
        this.pipeline = new MessagePipeline(PipelineLimits.defaults());
        connection.addSink((topic, m) -> pipeline.offer(topic, m.getPayload(), m.getQos(), m.isRetained(), m.isDuplicate()));
        session.metrics().addDropSource(() -> pipeline.stats().dropped());
    }

    /**
     * Opens the main window on {@code stage}. Uncaught exceptions on any thread (the FX thread included) are logged,
     * counted and shown from then on; the app keeps running. FX thread.
     */
    public MainWindow openWindow(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler(errorLog.uncaughtHandler());
        Thread.currentThread().setUncaughtExceptionHandler(errorLog.uncaughtHandler());
        MainWindow window = new MainWindow(stage, shellServices());
        window.show();
        return window;
    }

    public ShellServices shellServices() {
        return new ShellServices(directories, session, profileStore, settingsStore, errorLog, connection, pipeline);
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
    }
}
