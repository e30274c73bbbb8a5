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
 * session's profile, the executor that runs on the FX thread, a scheduler for the pane's pumps and timers, and the
 * profile side of the window: {@code profileStore} (to save an edited active profile, e.g. the Certificates pane's
 * "Use in session"), {@code dataDir} (the workbench data folder, for a pane's own files) and {@code profiles} (save a
 * new profile and select it, e.g. the Things pane's new-device flow). Tests give a direct FX executor and their own
 * scheduler; contexts built with the shorter constructors have no store or folder ({@link #storedProfiles()} and
 * {@link #dataFolder()} say so) and {@link ProfileSaver#NONE}.
 */
public record PaneContext(FxSession fxSession, MqttConnection connection, MessagePipeline pipeline,
                          LocalCoreRuntime localCore, AwsClients aws, Executor fxExecutor,
                          ScheduledExecutorService scheduler, ProfileStore profileStore, Path dataDir,
                          ProfileSaver profiles) {

    /** A context without profile store, data folder or profile saving. */
    public PaneContext(FxSession fxSession, MqttConnection connection, MessagePipeline pipeline,
                       LocalCoreRuntime localCore, AwsClients aws, Executor fxExecutor,
                       ScheduledExecutorService scheduler) {
        this(fxSession, connection, pipeline, localCore, aws, fxExecutor, scheduler, null, null, ProfileSaver.NONE);
    }

    /** A context with a profile store and data folder but no profile saving. */
    public PaneContext(FxSession fxSession, MqttConnection connection, MessagePipeline pipeline,
                       LocalCoreRuntime localCore, AwsClients aws, Executor fxExecutor,
                       ScheduledExecutorService scheduler, ProfileStore profileStore, Path dataDir) {
        this(fxSession, connection, pipeline, localCore, aws, fxExecutor, scheduler, profileStore, dataDir,
                ProfileSaver.NONE);
    }

    /** A context that can save profiles but has no store or data folder. */
    public PaneContext(FxSession fxSession, MqttConnection connection, MessagePipeline pipeline,
                       LocalCoreRuntime localCore, AwsClients aws, Executor fxExecutor,
                       ScheduledExecutorService scheduler, ProfileSaver profiles) {
        this(fxSession, connection, pipeline, localCore, aws, fxExecutor, scheduler, null, null, profiles);
    }

    public Optional<ProfileStore> storedProfiles() {
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
        Objects.requireNonNull(profiles);
    }
}
