package io.iotworkbench.serial;

import io.iotworkbench.serial.virtualboard.SocatPtyPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** jSerialComm against a real socat pty pair: opening by path, both directions, and what a pty cannot do. */
@Tag("integration")
class JSerialCommPtyTest {

    @TempDir
    Path dir;

    private static String readText(SerialChannel channel, int bytes) throws IOException {
        byte[] buffer = new byte[bytes];
        int got = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (got < bytes && System.nanoTime() < deadline) {
            int n = channel.read(buffer, got, bytes - got, Duration.ofMillis(500));
            if (n < 0) {
                break;
            }
            got += n;
        }
        return new String(buffer, 0, got, StandardCharsets.ISO_8859_1);
    }

    @Test
    void opensPtyPathsAndCarriesBytesBothWays() throws Exception {
        try (SocatPtyPair pty = PtyTests.socat(dir);
             SerialChannel a = JSerialCommChannel.open(pty.boardPath().toString(), SerialSettings.wmDefault());
             SerialChannel b = JSerialCommChannel.open(pty.userPath().toString(), SerialSettings.wmDefault())) {

            a.write("W800: ".getBytes(StandardCharsets.US_ASCII));
            assertThat(readText(b, 6)).isEqualTo("W800: ");
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            b.write(all);
            byte[] back = readText(a, 256).getBytes(StandardCharsets.ISO_8859_1);
            assertThat(back).isEqualTo(all);
        }
    }

    @Test
    void aPtyHasNoModemLinesButTakesAnyBaudRate() throws Exception {
        try (SocatPtyPair pty = PtyTests.socat(dir);
             SerialChannel a = JSerialCommChannel.open(pty.boardPath().toString(), SerialSettings.wmDefault())) {

            assertThat(a.setControlLines(false, true)).isFalse();
            assertThat(a.setBaudRate(2_000_000)).isTrue();
            assertThat(a.baudRate()).isEqualTo(2_000_000);
            assertThat(a.read(new byte[8], 0, 8, Duration.ofMillis(100))).isZero();
        }
    }

    @Test
    void readsEndOfStreamWhenSocatGoesAway() throws Exception {
        SocatPtyPair pty = PtyTests.socat(dir);
        try (SerialChannel b = JSerialCommChannel.open(pty.userPath().toString(), SerialSettings.wmDefault())) {
            pty.stop();
            int n = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (n == 0 && System.nanoTime() < deadline) {
                n = b.read(new byte[8], 0, 8, Duration.ofMillis(200));
            }
            assertThat(n).isEqualTo(-1);
        } finally {
            pty.close();
        }
    }

    @Test
    void aMissingPortFailsWithAPlainMessage() {
        assertThatThrownBy(() -> JSerialCommChannel.open(dir.resolve("ttyNothing").toString(),
                SerialSettings.wmDefault()))
                .isInstanceOf(IOException.class)
                .hasMessage("No such port: " + dir.resolve("ttyNothing"));
        assertThat(JSerialCommChannel.openFailure("/dev/ttyUSB0", 13)).contains("dialout");
        assertThat(JSerialCommChannel.openFailure("/dev/ttyUSB0", 16)).isEqualTo("/dev/ttyUSB0 is busy: another "
                + "program has it open");
    }
}
