package io.iotworkbench.serial;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-process serial line: data, baud mismatch, control lines, reopening and unplugging. */
class SerialPipeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static String read(SerialChannel channel, int length) throws Exception {
        byte[] buffer = new byte[length];
        int n = channel.read(buffer, 0, length, WAIT);
        return new String(buffer, 0, Math.max(n, 0), StandardCharsets.ISO_8859_1);
    }

    @Test
    void carriesBytesBothWaysAndGarblesThemWhenTheBaudRatesDisagree() throws Exception {
        SerialPipe pipe = new SerialPipe("p");
        try (SerialChannel host = pipe.openHostEnd()) {
            pipe.deviceEnd().write("CC".getBytes(StandardCharsets.US_ASCII));
            assertThat(read(host, 2)).isEqualTo("CC");
            host.write("hi".getBytes(StandardCharsets.US_ASCII));
            assertThat(read(pipe.deviceEnd(), 2)).isEqualTo("hi");

            assertThat(host.setBaudRate(2_000_000)).isTrue();
            pipe.deviceEnd().write("CC".getBytes(StandardCharsets.US_ASCII));
            assertThat(read(host, 2)).isNotEqualTo("CC").hasSize(2);
            pipe.deviceEnd().setBaudRate(2_000_000);
            pipe.deviceEnd().write("CC".getBytes(StandardCharsets.US_ASCII));
            assertThat(read(host, 2)).isEqualTo("CC");

            pipe.setHostMaxBaudRate(921_600);
            assertThat(host.setBaudRate(2_000_000)).isFalse();
            assertThat(host.baudRate()).isEqualTo(2_000_000);
            assertThat(host.setBaudRate(921_600)).isTrue();
        }
    }

    @Test
    void reportsTheHostsControlLinesToTheDevice() throws Exception {
        SerialPipe pipe = new SerialPipe("p");
        List<String> lines = new CopyOnWriteArrayList<>();
        pipe.onControlLines((dtr, rts) -> lines.add("dtr=" + dtr + " rts=" + rts));
        try (SerialChannel host = pipe.openHostEnd()) {
            assertThat(host.setControlLines(false, true)).isTrue();
            host.setControlLines(false, false);
        }
        assertThat(lines).containsExactly("dtr=false rts=true", "dtr=false rts=false");
        assertThat(pipe.deviceEnd().setControlLines(true, true)).isFalse();
    }

    @Test
    void theDeviceSpeaksIntoTheVoidWhileNoHostListensAndTheHostCanReopen() throws Exception {
        SerialPipe pipe = new SerialPipe("p");
        pipe.deviceEnd().write("lost".getBytes(StandardCharsets.US_ASCII));
        SerialChannel first = pipe.openHostEnd();
        assertThatThrownBy(pipe::openHostEnd).hasMessage("p is busy: already open");
        first.close();
        assertThat(first.read(new byte[4], 0, 4, WAIT)).isEqualTo(-1);
        try (SerialChannel second = pipe.openHostEnd()) {
            assertThat(second.read(new byte[4], 0, 4, Duration.ofMillis(20))).isZero();
        }
    }

    @Test
    void aConnectionReconnectsWhenThePipeIsUnpluggedAndPluggedIn() throws Exception {
        SerialPipe pipe = new SerialPipe("virtual");
        try (SerialConnection connection = new SerialConnection(pipe.hostEndpoint(), SerialSettings.wmDefault(),
                new ReconnectPolicy(true, Duration.ofMillis(20), Duration.ofMillis(100), 0), Clock.systemUTC())) {
            StatusLog statuses = new StatusLog();
            connection.addStatusListener(statuses);
            ByteCollector sink = new ByteCollector();
            connection.addSink(sink);
            connection.open();

            pipe.unplug();
            assertThat(statuses.await(PortState.RECONNECTING, WAIT).reason()).contains("went away");
            assertThat(statuses.await(PortState.RECONNECTING, WAIT).reason()).isEqualTo("No such port: virtual");
            pipe.plugIn();
            statuses.await(PortState.OPEN, WAIT);
            pipe.deviceEnd().write("back".getBytes(StandardCharsets.US_ASCII));
            sink.await("back", WAIT);
        }
    }

    @Test
    void aReconnectPolicyThatGivesUpEndsInFailed() throws Exception {
        SerialPipe pipe = new SerialPipe("virtual");
        try (SerialConnection connection = new SerialConnection(pipe.hostEndpoint(), SerialSettings.wmDefault(),
                new ReconnectPolicy(true, Duration.ofMillis(10), Duration.ofMillis(10), 2), Clock.systemUTC())) {
            StatusLog statuses = new StatusLog();
            connection.addStatusListener(statuses);
            connection.open();
            pipe.unplug();

            assertThat(statuses.await(PortState.FAILED, WAIT).reason())
                    .isEqualTo("gave up after 2 attempts: No such port: virtual");
        }
    }
}
