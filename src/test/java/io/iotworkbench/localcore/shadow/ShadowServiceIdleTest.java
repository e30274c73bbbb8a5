package io.iotworkbench.localcore.shadow;

import io.iotworkbench.localcore.store.LocalCoreDatabase;
import io.iotworkbench.shadow.ShadowEngine;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The shadow service's thread sleeps without a timeout while no request waits, and still serves one (0033). */
class ShadowServiceIdleTest {

    @TempDir
    Path dir;

    @Test
    void theServiceThreadWaitsWithoutTimeoutServesARequestAndEndsOnClose() throws Exception {
        List<String> published = new CopyOnWriteArrayList<>();
        try (LocalCoreDatabase database = LocalCoreDatabase.open(dir)) {
            ShadowService service = new ShadowService(new ShadowRepository(database), new ShadowEngine(),
                    (topic, payload, qos, retain) -> published.add(topic), Clock.systemUTC());
            Thread worker = service.workerThread();
            try {
                Wait.until("the service thread waiting", () -> worker.getState() == Thread.State.WAITING);

                service.onClientPublish("$aws/things/idle/shadow/update",
                        "{\"state\":{\"reported\":{\"t\":1}}}".getBytes(StandardCharsets.UTF_8));

                Wait.until("the update accepted", () -> published.contains("$aws/things/idle/shadow/update/accepted"));
                Wait.until("the service thread waiting again", () -> worker.getState() == Thread.State.WAITING);
            } finally {
                service.close();
            }
            assertThat(worker.isAlive()).isFalse();
        }
    }
}
