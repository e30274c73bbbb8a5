package io.iotworkbench.serial;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerialPortsTest {

    private static PortInfo usb(String path, int vid, int pid) {
        return new PortInfo(path.substring(path.lastIndexOf('/') + 1), path, "USB Serial", vid, pid, null, "1-1");
    }

    @Test
    void marksTheWchBridgesOfWmBoardsAsLikelyBoards() {
        assertThat(usb("/dev/ttyUSB0", 0x1A86, 0x7523).wchBridge()).contains(WchBridge.CH340);
        assertThat(usb("/dev/ttyUSB0", 0x1A86, 0x7522).wchBridge()).contains(WchBridge.CH340K);
        assertThat(usb("/dev/ttyUSB0", 0x1A86, 0x5523).wchBridge()).contains(WchBridge.CH341);
        assertThat(usb("/dev/ttyACM0", 0x1A86, 0x55D3).wchBridge()).contains(WchBridge.CH343);
        assertThat(usb("/dev/ttyUSB0", 0x10C4, 0xEA60).isLikelyWmBoard()).isFalse();
        assertThat(usb("/dev/ttyUSB0", 0x1A86, 0x1234).isLikelyWmBoard()).isFalse();
        PortInfo ch340 = usb("/dev/ttyUSB0", 0x1A86, 0x7523);
        assertThat(ch340.vidPid()).isEqualTo("1a86:7523");
        assertThat(ch340.label()).isEqualTo("/dev/ttyUSB0 — USB Serial [1a86:7523] (CH340, likely a WM board)");
        PortInfo builtIn = new PortInfo("ttyS0", "/dev/ttyS0", "Physical Port S0", -1, -1, null, null);
        assertThat(builtIn.isUsb()).isFalse();
        assertThat(builtIn.vidPid()).isEmpty();
        assertThat(builtIn.label()).isEqualTo("/dev/ttyS0 — Physical Port S0");
    }

    @Test
    void listsTheSystemsPortsLikelyBoardsFirst() {
        List<PortInfo> ports = SerialPorts.list();

        for (int i = 1; i < ports.size(); i++) {
            assertThat(ports.get(i - 1).isLikelyWmBoard() || !ports.get(i).isLikelyWmBoard()).isTrue();
        }
        assertThat(ports).allSatisfy(p -> assertThat(p.path()).isNotBlank());
    }

    @Test
    void theWatcherReportsPortsThatCameAndWent() throws Exception {
        List<PortInfo> present = new ArrayList<>(List.of(usb("/dev/ttyS0", -1, -1)));
        BlockingQueue<SerialPortWatcher.Change> changes = new LinkedBlockingQueue<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (SerialPortWatcher watcher = new SerialPortWatcher(() -> {
            synchronized (present) {
                return List.copyOf(present);
            }
        }, scheduler, Duration.ofMillis(10), changes::add)) {
            assertThat(changes.poll(60, TimeUnit.SECONDS).added()).extracting(PortInfo::path)
                    .containsExactly("/dev/ttyS0");
            synchronized (present) {
                present.add(usb("/dev/ttyUSB0", 0x1A86, 0x7523));
            }
            SerialPortWatcher.Change plugged = changes.poll(60, TimeUnit.SECONDS);
            assertThat(plugged.added()).extracting(PortInfo::path).containsExactly("/dev/ttyUSB0");
            assertThat(plugged.removed()).isEmpty();
            synchronized (present) {
                present.remove(1);
            }
            SerialPortWatcher.Change unplugged = changes.poll(60, TimeUnit.SECONDS);
            assertThat(unplugged.removed()).extracting(PortInfo::path).containsExactly("/dev/ttyUSB0");
            assertThat(watcher.current()).hasSize(1);
            assertThat(changes.poll(100, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void settingsDefaultToTheWmUartAndValidate() {
        SerialSettings settings = SerialSettings.wmDefault();
        assertThat(settings.summary()).isEqualTo("115200 8N1");
        assertThat(settings.isPresetBaudRate()).isTrue();
        assertThat(SerialSettings.BAUD_PRESETS).containsExactly(115_200, 921_600, 2_000_000);
        assertThat(settings.withBaudRate(74_880).isPresetBaudRate()).isFalse();
        assertThat(new SerialSettings(9600, 7, SerialSettings.Parity.EVEN, SerialSettings.StopBits.TWO,
                SerialSettings.FlowControl.RTS_CTS).summary()).isEqualTo("9600 7E2 RTS_CTS");
        assertThatThrownBy(() -> settings.withBaudRate(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reconnectDelaysGrowToTheirCap() {
        ReconnectPolicy policy = new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofMillis(1000), 3);
        assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.delayBefore(10)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.allows(3)).isTrue();
        assertThat(policy.allows(4)).isFalse();
        assertThat(ReconnectPolicy.NEVER.allows(1)).isFalse();
        assertThat(ReconnectPolicy.DEFAULT.allows(1_000)).isTrue();
    }
}
