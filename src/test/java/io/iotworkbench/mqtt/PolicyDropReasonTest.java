package io.iotworkbench.mqtt;

import io.iotworkbench.bench.TlsClientFactory;
import io.iotworkbench.localcore.DenialNotices;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.policy.AccessDecision;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.Session;
import io.iotworkbench.testsupport.Wait;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's own connection, dropped by the Local IoT Core right after a denial of its client id, gets the
 * denial as its reason ("disconnected: policy P does not allow …") instead of a generic connection-lost sentence.
 * Real broker over TLS; the denial is recorded into the core's decision log (the policy work records it there).
 */
@Tag("integration")
class PolicyDropReasonTest {

    @TempDir
    Path dir;

    @Test
    void theDenialNamesWhyTheConnectionWasDropped() throws Exception {
        Session session = new Session(Profile.localDefault());
        LocalCoreRuntime runtime = new LocalCoreRuntime(dir.resolve("data"), 0);
        DenialNotices notices = new DenialNotices(Clock.systemUTC(), Duration.ofSeconds(60)); // a busy machine
        List<String> lines = new CopyOnWriteArrayList<>();
        MqttConnection connection = new MqttConnection(session, runtime);
        connection.explainPolicyDropsWith(notices::reasonFor);
        runtime.whenDenied(d -> notices.record(d).ifPresent(lines::add));
        MqttAsyncClient intruder = null;
        try {
            LocalIoTCore core = runtime.start().get(60, TimeUnit.SECONDS);
            connection.connect().get(60, TimeUnit.SECONDS);
            assertThat(session.state()).isEqualTo(ConnectionState.CONNECTED);
            String clientId = session.profile().clientId();
            core.decisions().record(new AccessDecision(Clock.systemUTC().instant(), "c0ffee", clientId,
                    LocalCoreRuntime.APP_THING, "iot:Publish", "topic/elsewhere/x",
                    AccessDecision.Verdict.IMPLICIT_DENY, "workbench-admin", "1", -1, null, Map.of(), ""));
            Wait.until("the activity line", () -> !lines.isEmpty());
            assertThat(lines.get(0)).startsWith("Access denied: client " + clientId + " iot:Publish");
            // the core drops the session's connection (here: a client with the same id takes it over)
            LocalIoTCore.ProvisionedThing me = core.provision(LocalCoreRuntime.APP_THING);
            intruder = new TlsClientFactory(core.mqttHost(), core.mqttPort(), core.caFile())
                    .connect(clientId, me.certificateFile(), me.privateKeyFile());
            Wait.until("the connection lost", Duration.ofSeconds(60),
                    () -> session.state() != ConnectionState.CONNECTED);
            assertThat(session.status().reason())
                    .isEqualTo("disconnected: policy workbench-admin does not allow iot:Publish on topic/elsewhere/x");
        } finally {
            if (intruder != null) {
                TlsClientFactory.close(intruder);
            }
            connection.close();
            runtime.close();
        }
    }
}
