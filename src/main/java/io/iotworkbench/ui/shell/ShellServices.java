package io.iotworkbench.ui.shell;

import io.iotworkbench.diagnostics.ErrorLog;
import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.session.ProfileStore;
import io.iotworkbench.session.Session;
import io.iotworkbench.settings.SettingsStore;
import io.iotworkbench.storage.AppDirectories;

import java.util.Objects;

/**
 * What the main window needs from the composition root ({@code io.iotworkbench.app.Workbench}): the session, the
 * stores, the error log, the MQTT connection and
 * its message pipeline. Immutable holder; handed to {@link MainWindow} by constructor.
 */
public record ShellServices(AppDirectories directories, Session session, ProfileStore profileStore,
                           SettingsStore settingsStore, ErrorLog errorLog, MqttConnection connection,
                           MessagePipeline pipeline, LocalCoreRuntime localCore, AwsClients aws) {

    public ShellServices {
        Objects.requireNonNull(directories);
        Objects.requireNonNull(session);
        Objects.requireNonNull(profileStore);
        Objects.requireNonNull(settingsStore);
        Objects.requireNonNull(errorLog);
        Objects.requireNonNull(connection);
        Objects.requireNonNull(pipeline);
        Objects.requireNonNull(localCore);
        Objects.requireNonNull(aws);
    }
}
