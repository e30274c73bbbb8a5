package io.iotworkbench.localcore;

import io.iotworkbench.localcore.policy.AccessDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's {@code mosquitto_pub}/{@code mosquitto_sub} against the enforcing Local IoT Core with a device's
 * least-privilege certificate: CONNACK "not authorised", SUBACK 128 for {@code #}, and an unauthorized publish that
 * closes the connection and reaches no one.
 */
@Tag("integration")
class PolicyMosquittoTest {

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private LocalIoTCore.ProvisionedThing device;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(onPath("mosquitto_pub") && onPath("mosquitto_sub"),
                "mosquitto-clients is not installed (apt-get install mosquitto-clients)");
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("core")).withVirtualDevice(false));
        device = core.provision("dev");
    }

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private List<String> cmd(String tool, LocalIoTCore.ProvisionedThing t, String clientId, String... args) {
        List<String> c = new ArrayList<>(List.of(tool, "-h", core.mqttHost(), "-p", Integer.toString(core.mqttPort()),
                "--cafile", core.caFile().toString(), "--cert", t.certificateFile().toString(),
                "--key", t.privateKeyFile().toString(), "-i", clientId, "-V", "mqttv311"));
        c.addAll(List.of(args));
        return c;
    }

    private static String finish(Process p, Path out) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        return Files.readString(out);
    }

    private Process run(List<String> cmd, Path out) throws Exception {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    @Test
    void connectingAsAnotherClientIdIsNotAuthorised() throws Exception {
        Path out = dir.resolve("pub.out");
        Process p = run(cmd("mosquitto_pub", device, "intruder", "-t", "$aws/things/dev/shadow/get", "-m", ""), out);
        String text = finish(p, out);
        assertThat(p.exitValue()).as(text).isNotZero();
        assertThat(text).containsIgnoringCase("not authori");
    }

    @Test
    void subscribingToEverythingGetsSubAck128() throws Exception {
        Path out = dir.resolve("sub.out");
        Process p = run(cmd("mosquitto_sub", device, "dev", "-d", "-t", "#", "-t", "$aws/things/dev/shadow/#",
                "-C", "1", "-W", "3"), out);
        String text = finish(p, out);
        assertThat(text).contains("SUBACK").containsPattern("Subscribed \\(mid: \\d+\\): 128, [01]");
    }

    @Test
    void anUnauthorizedPublishClosesTheConnectionAndReachesNoOne() throws Exception {
        var admin = core.provision("watcher", LocalIoTCore.Identity.WORKBENCH);
        Path watchOut = dir.resolve("watch.out");
        Process watcher = run(cmd("mosquitto_sub", admin, "watcher", "-d", "-t", "forbidden/#", "-C", "1", "-W", "8",
                "-v"), watchOut);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(watchOut)
                && Files.readString(watchOut).contains("SUBACK"));
        Path out = dir.resolve("pub.out");
        Process p = run(cmd("mosquitto_pub", device, "dev", "-d", "-q", "1", "-t", "forbidden/x", "-m", "boom"), out);
        String text = finish(p, out);
        assertThat(text).doesNotContain("PUBACK");
        String watched = finish(watcher, watchOut);
        assertThat(watched).doesNotContain("forbidden/x boom");
        assertThat(core.decisions().snapshot()).filteredOn(d -> !d.allowed()).extracting(AccessDecision::resource)
                .contains("topic/forbidden/x");
    }
}
