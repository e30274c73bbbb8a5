package io.iotworkbench.localcore;

import io.iotworkbench.session.Profile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a start of the Local IoT Core makes ahead and checks first (decision 0026): the RSA keys of a first start
 * (CA, server, virtual device) and none on the folders of a start before; a taken MQTT port is
 * found before anything starts.
 */
@Tag("integration")
class LocalCoreStartKeysTest {

    @TempDir
    Path dir;

    @Test
    void aFirstStartMakesItsThreeKeysAheadAndALaterStartNone() throws Exception {
        LocalIoTCore.Config config = LocalIoTCore.Config.defaults(dir);
        Path coreDir = dir.resolve("local-core");
        assertThat(LocalIoTCore.keysToMake(config, coreDir)).as("CA, server, device").isEqualTo(3);
        assertThat(LocalIoTCore.keysToMake(config.withVirtualDevice(false), coreDir)).isEqualTo(2);

        try (LocalIoTCore core = LocalIoTCore.startPreferringMqttPort(config)) {
            var me = core.provision(LocalCoreRuntime.APP_THING, LocalIoTCore.Identity.WORKBENCH);
            assertThat(me.privateKeyFile()).exists();
            assertThat(core.virtualDevice()).isPresent();
            assertThat(Files.getPosixFilePermissions(me.privateKeyFile()))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }

        assertThat(LocalIoTCore.keysToMake(config, coreDir)).as("everything exists now").isZero();
        Files.delete(coreDir.resolve("ca/server.key"));
        assertThat(LocalIoTCore.keysToMake(config, coreDir)).as("the server's key is made again").isEqualTo(1);
        assertThat(dir.resolve(LocalIoTCore.THINGS_DIR).resolve(Profile.DEFAULT_LOCAL_THING)
                .resolve("private.pem.key")).exists();
    }

    @Test
    void aTakenPortIsSeenBeforeTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            assertThat(LocalIoTCore.portFree("127.0.0.1", taken.getLocalPort())).isFalse();
            try (LocalIoTCore core = LocalIoTCore.startPreferringMqttPort(LocalIoTCore.Config.defaults(dir)
                    .withVirtualDevice(false).withPorts(taken.getLocalPort(), 0))) {
                assertThat(core.mqttPort()).isNotEqualTo(taken.getLocalPort()).isPositive();
            }
        }
        try (ServerSocket free = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            int port = free.getLocalPort();
            free.close();
            assertThat(LocalIoTCore.portFree("127.0.0.1", port)).isTrue();
        }
    }
}
