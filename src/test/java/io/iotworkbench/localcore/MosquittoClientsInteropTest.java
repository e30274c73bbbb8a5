package io.iotworkbench.localcore;

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
@Tag("slow")
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
            var thing = core.provision("wm_w800");
            List<String> sub = new ArrayList<>(onPath("stdbuf") ? List.of("stdbuf", "-oL", "mosquitto_sub")
                    : List.of("mosquitto_sub"));
            sub.addAll(tls(core, thing, "wm_w800-sub"));
            sub.addAll(List.of("-t", "$aws/things/wm_w800/shadow/update/accepted", "-C", "1", "-W", "20", "-d"));
            Path subOut = dir.resolve("sub.out");
            Process subscriber = new ProcessBuilder(sub).redirectErrorStream(true).redirectOutput(subOut.toFile())
                    .start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(subOut) && Files.readString(subOut).contains("SUBACK"))
                    && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(subOut)).contains("SUBACK");
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
}
