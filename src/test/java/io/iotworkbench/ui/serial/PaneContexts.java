package io.iotworkbench.ui.serial;

import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.PipelineLimits;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneContext;

import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/** A real {@link PaneContext} for toolkit-free tests: the Local profile's session, a pipeline, an unstarted core. */
final class PaneContexts {

    private PaneContexts() {
    }

    static PaneContext create(FxThread fx, ScheduledExecutorService scheduler, Path dataDir, LongSupplier clock)
            throws Exception {
        Session session = new Session(Profile.localDefault());
        LocalCoreRuntime core = new LocalCoreRuntime(dataDir);
        FxSession fxSession = fx.call(() -> new FxSession(session, fx.executor()));
        return new PaneContext(fxSession, new MqttConnection(session, core),
                new MessagePipeline(PipelineLimits.defaults(), clock), core, new AwsClients(core), fx.executor(),
                scheduler);
    }
}
