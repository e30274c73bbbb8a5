package io.iotworkbench.ui.common;

import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a pane gets from the window by constructor: the session (as FX properties, with the core session behind it),
 * the session's MQTT connection and message pipeline, the in-process Local IoT Core, AWS SDK clients for the
 * session's profile, the executor that runs on the FX thread, a scheduler for the
 * pane's pumps and timers, and how to save and select a new session profile. Tests give a direct FX executor and
 * their own scheduler.
 */
public record PaneContext(FxSession fxSession, MqttConnection connection, MessagePipeline pipeline,
                          LocalCoreRuntime localCore, AwsClients aws, Executor fxExecutor,
                          ScheduledExecutorService scheduler, ProfileSaver profiles) {

    /** A context whose panes cannot save profiles ({@link ProfileSaver#NONE}). */
    public PaneContext(FxSession fxSession, MqttConnection connection, MessagePipeline pipeline,
                       LocalCoreRuntime localCore, AwsClients aws, Executor fxExecutor,
                       ScheduledExecutorService scheduler) {
        this(fxSession, connection, pipeline, localCore, aws, fxExecutor, scheduler, ProfileSaver.NONE);
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
