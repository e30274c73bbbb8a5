package io.iotworkbench.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppDirectoriesTest {

    private final Path home = Path.of("/home/ada");

    @Test
    void systemPropertiesWinOverEnvironmentWhichWinsOverTheOsConvention() {
        Map<String, String> env = Map.of(AppDirectories.CONFIG_ENV, "/env/config", AppDirectories.DATA_ENV,
                "/env/data", "XDG_CONFIG_HOME", "/xdg");
        AppDirectories byProperty = AppDirectories.resolve(
                k -> k.equals(AppDirectories.CONFIG_PROPERTY) ? "/prop/config" : null, env, "Linux", home);
        assertThat(byProperty.configDir()).isEqualTo(Path.of("/prop/config"));
        assertThat(byProperty.dataDir()).isEqualTo(Path.of("/env/data"));
    }

    @Test
    void linuxFollowsXdg() {
        AppDirectories d = AppDirectories.resolve(k -> null, Map.of("XDG_CONFIG_HOME", "/xdg/c", "XDG_DATA_HOME",
                "/xdg/d"), "Linux", home);
        assertThat(d.configDir()).isEqualTo(Path.of("/xdg/c/iot-workbench"));
        assertThat(d.dataDir()).isEqualTo(Path.of("/xdg/d/iot-workbench"));
        AppDirectories plain = AppDirectories.resolve(k -> null, Map.of(), "Linux", home);
        assertThat(plain.configDir()).isEqualTo(home.resolve(".config/iot-workbench"));
        assertThat(plain.dataDir()).isEqualTo(home.resolve(".local/share/iot-workbench"));
    }

    @Test
    void windowsAndMacUseTheirConventions() {
        AppDirectories win = AppDirectories.resolve(k -> null, Map.of("APPDATA", "/c/Users/ada/AppData/Roaming"),
                "Windows 11", home);
        assertThat(win.configDir().toString()).endsWith("Roaming/IoT Workbench");
        AppDirectories mac = AppDirectories.resolve(k -> null, Map.of(), "Mac OS X", home);
        assertThat(mac.configDir()).isEqualTo(home.resolve("Library/Application Support/IoT Workbench"));
    }

    @Test
    void testsRunRedirectedAwayFromTheUsersHome() {
        AppDirectories current = AppDirectories.fromEnvironment();
        assertThat(current.configDir().toString()).contains("target");
        assertThat(current.configDir().startsWith(Path.of(System.getProperty("user.home"), ".config"))).isFalse();
    }

    @Test
    void ownerOnlyFilesAreWrittenWithMode600(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("sub/key.pem");
        AtomicFiles.writeOwnerOnly(key, "secret".getBytes());
        assertThat(Files.readString(key)).isEqualTo("secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        try (var files = Files.list(key.getParent())) {
            assertThat(files).hasSize(1);
        }
    }
}
