package io.iotworkbench.ui.common;

import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.session.ProfileStore;

import java.nio.file.Path;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a pane gets from the window by constructor: the session (as FX properties, with the core session behind it),
 * the session's MQTT connection and message pipeline, the in-process Local IoT Core, AWS SDK clients for the
 * session's profile, the executor that runs on the FX thread and a scheduler for the
 * pane's pumps and timers. Tests give a direct FX executor and their own scheduler.
 *
 * <p>{@code profileStore} (to save an edited active profile, e.g. the Certificates pane's "Use in session") and
 * {@code dataDir} (the workbench data folder, for a pane's own files) may be null in contexts built with the short
 * constructor; {@link #profiles()} and {@link #dataFolder()} say so.
 */
public record PaneContext(FxSession fxSession, MqttConnection connection, MessagePipeline pipeline,
                          LocalCoreRuntime localCore, AwsClients aws, Executor fxExecutor,
                          ScheduledExecutorService scheduler, ProfileStore profileStore, Path dataDir) {

    /** A context without profile store and data folder. */
    public PaneContext(FxSession fxSession, MqttConnection connection, MessagePipeline pipeline,
                       LocalCoreRuntime localCore, AwsClients aws, Executor fxExecutor,
                       ScheduledExecutorService scheduler) {
        this(fxSession, connection, pipeline, localCore, aws, fxExecutor, scheduler, null, null);
    }

    public Optional<ProfileStore> profiles() {
        return Optional.ofNullable(profileStore);
    }

    public Optional<Path> dataFolder() {
        return Optional.ofNullable(dataDir);
    }

    public PaneContext {
        Objects.requireNonNull(fxSession);
        Objects.requireNonNull(connection);
        Objects.requireNonNull(pipeline);
        Objects.requireNonNull(localCore);
        Objects.requireNonNull(aws);
        Objects.requireNonNull(fxExecutor);
        Objects.requireNonNull(scheduler);
    }
}
