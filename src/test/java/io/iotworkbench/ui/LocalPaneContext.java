package io.iotworkbench.ui;

import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.PipelineLimits;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.ProfileSaver;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a toolkit-free pane view-model test shares: the Local profile's session, a real Local IoT Core runtime with
 * its data under a temp folder (started on free ports, or left unstarted), the MQTT connection, SDK clients and
 * pipeline over it, a scheduler, and the {@link PaneContext} built from them with direct ("FX") executors.
 * {@link #close()} ends them all.
 *
 * <p>Threading: the test thread.
 */
public final class LocalPaneContext implements AutoCloseable {

    private final Session session = new Session(Profile.localDefault());
    private final LocalCoreRuntime runtime;
    private final MqttConnection connection;
    private final AwsClients aws;
    private final MessagePipeline pipeline = new MessagePipeline(PipelineLimits.defaults());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private LocalIoTCore core;

    private LocalPaneContext(Path dataDir) {
        runtime = new LocalCoreRuntime(dataDir, 0);
        connection = new MqttConnection(session, runtime);
        aws = new AwsClients(runtime);
    }

    /** The core under {@code dataDir}, started, with its virtual device (waits up to 60 s for each). */
    public static LocalPaneContext started(Path dataDir) throws Exception {
        LocalPaneContext c = new LocalPaneContext(dataDir);
        try {
            c.core = c.runtime.start().get(60, TimeUnit.SECONDS);
            c.runtime.deviceReady().get(60, TimeUnit.SECONDS); // it boots after the core runs (decision 0031)
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The core under {@code dataDir}, never started (the test feeds what the pane reads itself). */
    public static LocalPaneContext unstarted(Path dataDir) {
        return new LocalPaneContext(dataDir);
    }

    /** The pane context over these parts, direct executors, no profile saving. */
    public PaneContext context() {
        return context(ProfileSaver.NONE);
    }

    /** The pane context over these parts, direct executors, saving profiles with {@code profiles}. */
    public PaneContext context(ProfileSaver profiles) {
        return new PaneContext(new FxSession(session, Runnable::run), connection, pipeline, runtime, aws,
                Runnable::run, scheduler, profiles);
    }

    public Session session() {
        return session;
    }

    public LocalCoreRuntime runtime() {
        return runtime;
    }

    /** The started core; null when {@link #unstarted}. */
    public LocalIoTCore core() {
        return core;
    }

    public MqttConnection connection() {
        return connection;
    }

    public AwsClients aws() {
        return aws;
    }

    public MessagePipeline pipeline() {
        return pipeline;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        connection.close();
        pipeline.close();
        aws.close();
        runtime.close();
    }
}
