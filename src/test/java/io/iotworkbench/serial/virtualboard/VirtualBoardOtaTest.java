package io.iotworkbench.serial.virtualboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.serial.PtyTests;
import io.iotworkbench.serial.ReconnectPolicy;
import io.iotworkbench.serial.flash.WmImageBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code aws_ota} on the virtual W800 over its serial line (socat PTY) against the Local IoT Core: an OTA update of a
 * 1 MB image over HTTP and over MQTT ({@code --ota-protocol mqtt}) ends with the board rebooted into the new version
 * (boot line and {@code version}) and the job SUCCEEDED after the self-test.
 */
@Tag("integration")
class VirtualBoardOtaTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THING = "ota_w800";

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private BoardLink board;
    private VirtualBoardPort port;
    private LocalCoreAwsDemo hook;
    private final ConsoleWatch watch = new ConsoleWatch();

    @AfterEach
    void stop() {
        if (hook != null) {
            hook.closeOtaAgents();
        }
        if (board != null) {
            board.close();
        }
        if (core != null) {
            core.close();
        }
    }

    private void startBoard() throws Exception {
        PtyTests.assumeSocat();
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("core")).withVirtualDevice(false));
        port = VirtualBoardPort.startPty(BoardOptions.defaults(), Clock.systemUTC(), dir);
        hook = new LocalCoreAwsDemo(CompletableFuture.completedFuture(core), () -> THING, Duration.ofSeconds(5), 0,
                Clock.systemUTC());
        port.board().setAwsDemoHook(hook);
        board = BoardLink.open(port, ReconnectPolicy.NEVER, "virtual", watch);
        board.joinWifi();
    }

    private int send(String line) throws Exception {
        return board.send(line);
    }

    private void createUpdate(String id, String version, String protocol) throws Exception {
        byte[] body = new byte[1024 * 1024 - 64];
        new Random(5).nextBytes(body);
        core.objects().put("board-images", id + ".img", new WmImageBuilder().version(version).body(body).build());
        ObjectNode request = JSON.createObjectNode();
        request.putArray("targets").add(core.registry().thingArn(THING));
        request.putArray("protocols").add(protocol);
        ObjectNode file = request.putArray("files").addObject().put("fileName", "app_ota");
        file.putObject("fileLocation").putObject("s3Location").put("bucket", "board-images").put("key", id + ".img");
        file.putObject("codeSigning").putObject("startSigningJobParameter").put("signingProfileName", "local");
        core.otaUpdates().create(id, request);
    }

    private void runUpdate(String command, String id, String version, String protocol) throws Exception {
        startBoard();
        int mark = send(command);
        watch.awaitText(mark, "waiting for an OTA job", WAIT);
        await().atMost(WAIT).until(() -> core.connectedClients().contains(THING));
        createUpdate(id, version, protocol);
        watch.awaitText(mark, "written to app_ota; rebooting", WAIT);
        watch.awaitText(mark, "ver: " + version + " build at", WAIT);
        watch.awaitText(mark, "SUCCEEDED: running " + version, WAIT);
        JsonNode e = core.jobs().describeJobExecution(THING, "AFR_OTA-" + id, null).path("execution");
        assertThat(e.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(e.path("statusDetails").path("detailsMap").path("updatedBy").asText()).isEqualTo(version);
        assertThat(port.board().firmwareVersion()).isEqualTo(version);
        assertThat(port.board().otaImages()).singleElement().satisfies(i -> assertThat(i.length())
                .isEqualTo(1024 * 1024));
        int v = send("version");
        watch.awaitText(v, "sdk version " + version, WAIT);
    }

    @Test
    void awsOtaOverHttpRebootsIntoTheNewVersion() throws Exception {
        runUpdate("aws_ota", "board1", "2.5.0", "HTTP");
    }

    @Test
    void awsOtaOverMqttStreams() throws Exception {
        runUpdate("aws_ota --ota-protocol mqtt", "board2", "2.6.0", "MQTT");
    }
}
