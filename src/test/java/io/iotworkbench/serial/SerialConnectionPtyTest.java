package io.iotworkbench.serial;

import io.iotworkbench.serial.virtualboard.SocatPtyPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SerialConnection} over a socat pty pair: reading, writing, claims, reset, and unplug/replug. */
@Tag("integration")
class SerialConnectionPtyTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void deliversWhatArrivesToEverySinkAndSendsWrites() throws Exception {
        try (SocatPtyPair pty = PtyTests.socat(dir);
             SerialChannel board = JSerialCommChannel.open(pty.boardPath().toString(), SerialSettings.wmDefault());
             SerialConnection connection = SerialConnection.toPort(pty.userPath().toString(),
                     SerialSettings.wmDefault())) {
            ByteCollector first = new ByteCollector();
            ByteCollector second = new ByteCollector();
            connection.addSink(first);
            SerialConnection.Registration secondSink = connection.addSink(second);
            connection.open();

            assertThat(connection.status().state()).isEqualTo(PortState.OPEN);
            assertThat(connection.status().reason()).isEqualTo("open at 115200 8N1");
            board.write(ascii("[I] (3) main: boot reason 0\r\n"));
            first.await("boot reason 0", WAIT);
            second.await("boot reason 0", WAIT);

            connection.write(ascii("version\r"));
            byte[] got = new byte[8];
            int n = 0;
            while (n < 8) {
                int r = board.read(got, n, 8 - n, Duration.ofSeconds(2));
                assertThat(r).isPositive();
                n += r;
            }
            assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo("version\r");
            assertThat(connection.bytesSent()).isEqualTo(8);
            assertThat(connection.bytesReceived()).isEqualTo(29);

            secondSink.close();
            board.write(ascii("W800: "));
            first.await("W800: ", WAIT);
            assertThat(second.text()).doesNotContain("W800: ");
        }
    }

    @Test
    void aClaimHasThePortToItselfAndTheConsoleStillSeesTheBytes() throws Exception {
        try (SocatPtyPair pty = PtyTests.socat(dir);
             SerialChannel board = JSerialCommChannel.open(pty.boardPath().toString(), SerialSettings.wmDefault());
             SerialConnection connection = SerialConnection.toPort(pty.userPath().toString(),
                     SerialSettings.wmDefault())) {
            ByteCollector console = new ByteCollector();
            connection.addSink(console);
            connection.open();

            try (SerialChannel claim = connection.claim("flashing")) {
                assertThatThrownBy(() -> connection.write(ascii("x"))).isInstanceOf(IllegalStateException.class)
                        .hasMessage(pty.userPath() + " is busy: flashing");
                assertThatThrownBy(() -> connection.claim("probe")).isInstanceOf(IllegalStateException.class);
                claim.setBaudRate(2_000_000);
                board.write(ascii("CCC"));
                byte[] buffer = new byte[3];
                assertThat(claim.read(buffer, 0, 3, Duration.ofSeconds(5))).isPositive();
                assertThat((char) buffer[0]).isEqualTo('C');
                long start = System.nanoTime();
                claim.discardInput();
                assertThat(claim.read(buffer, 0, 3, Duration.ofMillis(50))).isZero();
                assertThat(System.nanoTime() - start).isLessThan(Duration.ofMillis(1000).toNanos());
            }
            console.await("CCC", WAIT);
            assertThat(connection.isClaimed()).isFalse();
            assertThat(connection.channelBaudRate()).isEqualTo(115_200);
            connection.write(ascii("ok"));
        }
    }

    @Test
    void resetReportsThatAPtyHasNoRtsLine() throws Exception {
        try (SocatPtyPair pty = PtyTests.socat(dir);
             SerialConnection connection = SerialConnection.toPort(pty.userPath().toString(),
                     SerialSettings.wmDefault())) {
            connection.open();

            assertThat(connection.reset().get(60, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void reconnectsWhenTheSocatIsKilledAndStartedAgainOnTheSameLink() throws Exception {
        try (SocatPtyPair pty = PtyTests.socat(dir);
             SerialConnection connection = new SerialConnection(SerialEndpoint.port(pty.userPath().toString()),
                     SerialSettings.wmDefault(), new ReconnectPolicy(true, Duration.ofMillis(50),
                     Duration.ofMillis(200), 0), Clock.systemUTC())) {
            StatusLog statuses = new StatusLog();
            connection.addStatusListener(statuses);
            ByteCollector console = new ByteCollector();
            connection.addSink(console);
            connection.open();
            statuses.await(PortState.OPEN, WAIT);

            pty.stop();
            PortStatus lost = statuses.await(PortState.RECONNECTING, WAIT);
            assertThat(lost.attempt()).isEqualTo(1);
            assertThatThrownBy(() -> connection.write(ascii("x"))).hasMessageContaining("is not open");
            statuses.await(PortState.RECONNECTING, WAIT);

            pty.start();
            PortStatus back = statuses.await(PortState.OPEN, WAIT);
            assertThat(back.reason()).startsWith("reconnected after");
            try (SerialChannel board = JSerialCommChannel.open(pty.boardPath().toString(),
                    SerialSettings.wmDefault())) {
                board.write(ascii("W800: "));
                console.await("W800: ", WAIT);
                connection.write(ascii("help\r"));
                byte[] buffer = new byte[5];
                int n = 0;
                while (n < 5) {
                    int r = board.read(buffer, n, 5 - n, Duration.ofSeconds(2));
                    assertThat(r).isPositive();
                    n += r;
                }
                assertThat(new String(buffer, StandardCharsets.US_ASCII)).isEqualTo("help\r");
            }
        }
    }

    @Test
    void closingStopsReconnectingAndReportsClosed() throws Exception {
        SocatPtyPair pty = PtyTests.socat(dir);
        SerialConnection connection = SerialConnection.toPort(pty.userPath().toString(), SerialSettings.wmDefault());
        try {
            StatusLog statuses = new StatusLog();
            connection.addStatusListener(statuses);
            connection.open();
            pty.stop();
            statuses.await(PortState.RECONNECTING, WAIT);

            connection.close();

            assertThat(statuses.await(PortState.CLOSED, WAIT).reason()).isEqualTo("closed");
            pty.start();
            assertThatThrownBy(() -> statuses.await(PortState.OPEN, Duration.ofMillis(500)))
                    .isInstanceOf(AssertionError.class);
            assertThat(connection.status().state()).isEqualTo(PortState.CLOSED);
        } finally {
            connection.close();
            pty.close();
        }
    }
}
