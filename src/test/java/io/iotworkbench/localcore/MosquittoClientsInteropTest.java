package io.iotworkbench.localcore;

import io.iotworkbench.testsupport.Wait;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's mosquitto_pub and mosquitto_sub against the Local IoT Core with --cafile/--cert/--key. */
@Tag("integration")
class MosquittoClientsInteropTest {

    @TempDir
    Path dir;

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> tls(LocalIoTCore core, LocalIoTCore.ProvisionedThing t, String clientId) {
        return new ArrayList<>(List.of("-h", core.mqttHost(), "-p", Integer.toString(core.mqttPort()),
                "--cafile", core.caFile().toString(), "--cert", t.certificateFile().toString(),
                "--key", t.privateKeyFile().toString(), "-i", clientId, "-V", "mqttv311"));
    }

    @Test
    void aShadowUpdateRoundTripsThroughMosquittoClients() throws Exception {
        Assumptions.assumeTrue(onPath("mosquitto_pub") && onPath("mosquitto_sub"),
                "mosquitto-clients is not installed (apt-get install mosquitto-clients); .ci/run installs it");
        try (LocalIoTCore core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false))) {
            var thing = core.provision("wm_w800", LocalIoTCore.Identity.WORKBENCH);
            List<String> sub = new ArrayList<>(onPath("stdbuf") ? List.of("stdbuf", "-oL", "mosquitto_sub")
                    : List.of("mosquitto_sub"));
            sub.addAll(tls(core, thing, "wm_w800-sub"));
            sub.addAll(List.of("-t", "$aws/things/wm_w800/shadow/update/accepted", "-C", "1", "-W", "20", "-d"));
            Path subOut = dir.resolve("sub.out");
            Process subscriber = new ProcessBuilder(sub).redirectErrorStream(true).redirectOutput(subOut.toFile())
                    .start();
            awaitSubAck(subOut);
            List<String> pub = new ArrayList<>(List.of("mosquitto_pub"));
            pub.addAll(tls(core, thing, "wm_w800"));
            pub.addAll(List.of("-t", "$aws/things/wm_w800/shadow/update", "-q", "1",
                    "-m", "{\"state\":{\"reported\":{\"led\":\"green\"}},\"clientToken\":\"123456\"}"));
            Process publisher = new ProcessBuilder(pub).redirectErrorStream(true).start();
            assertThat(publisher.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(publisher.exitValue()).as(new String(publisher.getInputStream().readAllBytes())).isZero();
            assertThat(subscriber.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(subOut);
            String json = out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
            JsonNode accepted = new ObjectMapper().readTree(json);
            assertThat(accepted.at("/state/reported/led").asText()).isEqualTo("green");
            assertThat(accepted.get("clientToken").asText()).isEqualTo("123456");
            assertThat(accepted.get("version").asLong()).isEqualTo(1);
        }
    }

    private static Process run(List<String> cmd, Path out) throws Exception {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    private static String finished(Process p, Path out) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        String text = Files.readString(out);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    private static List<String> cmd(String tool, LocalIoTCore core, LocalIoTCore.ProvisionedThing t, String clientId,
                                    String... args) {
        List<String> c = new ArrayList<>(onPath("stdbuf") ? List.of("stdbuf", "-oL", tool) : List.of(tool));
        c.addAll(tls(core, t, clientId));
        c.addAll(List.of(args));
        return c;
    }

    /** mosquitto_sub -d prints "Received SUBACK" once subscribed; wait for it (the subscriber's own event). */
    private static void awaitSubAck(Path out) throws Exception {
        Wait.check("mosquitto_sub's SUBACK", () -> Files.exists(out) && Files.readString(out).contains("SUBACK"));
        assertThat(Files.readString(out)).contains("SUBACK");
    }

    @Test
    void retainedMessagesPersistentSessionsAndLastWillWithMosquittoClients() throws Exception {
        Assumptions.assumeTrue(onPath("mosquitto_pub") && onPath("mosquitto_sub"),
                "mosquitto-clients is not installed (apt-get install mosquitto-clients); .ci/run installs it");
        try (LocalIoTCore core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false))) {
            var thing = core.provision("wm_w800", LocalIoTCore.Identity.WORKBENCH);

            // retained: published before anyone listens, received on subscription with its RETAIN flag
            finished(run(cmd("mosquitto_pub", core, thing, "pub-1", "-t", "status/wm_w800", "-q", "1", "-r",
                    "-m", "online"), dir.resolve("pub1.out")), dir.resolve("pub1.out"));
            String retained = finished(run(cmd("mosquitto_sub", core, thing, "sub-1", "-t", "status/wm_w800",
                    "-C", "1", "-W", "20", "-F", "%r %t %p"), dir.resolve("sub1.out")), dir.resolve("sub1.out"));
            assertThat(retained.strip()).isEqualTo("1 status/wm_w800 online");

            // persistent session: subscribe with -c, leave, a QoS 1 message arrives while away, delivered on return
            finished(run(cmd("mosquitto_sub", core, thing, "keeper", "-c", "-q", "1", "-t", "inbox/#", "-E"),
                    dir.resolve("sub2.out")), dir.resolve("sub2.out"));
            finished(run(cmd("mosquitto_pub", core, thing, "pub-2", "-t", "inbox/cmd", "-q", "1", "-m", "reboot"),
                    dir.resolve("pub2.out")), dir.resolve("pub2.out"));
            String queued = finished(run(cmd("mosquitto_sub", core, thing, "keeper", "-c", "-q", "1", "-t", "inbox/#",
                    "-C", "1", "-W", "20", "-v"), dir.resolve("sub3.out")), dir.resolve("sub3.out"));
            assertThat(queued.strip()).isEqualTo("inbox/cmd reboot");

            // last will: a client killed without DISCONNECT leaves its will to the watcher
            Path watchOut = dir.resolve("watch.out");
            Process watcher = run(cmd("mosquitto_sub", core, thing, "watcher", "-t", "wills/#", "-C", "1", "-W", "20",
                    "-v", "-d"), watchOut);
            awaitSubAck(watchOut);
            Path dyingOut = dir.resolve("dying.out");
            Process dying = run(cmd("mosquitto_sub", core, thing, "dying", "-t", "nothing", "-d",
                    "--will-topic", "wills/dying", "--will-payload", "offline", "--will-qos", "1"), dyingOut);
            awaitSubAck(dyingOut);
            dying.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            String will = finished(watcher, watchOut);
            assertThat(will).contains("wills/dying offline");
        }
    }
}
