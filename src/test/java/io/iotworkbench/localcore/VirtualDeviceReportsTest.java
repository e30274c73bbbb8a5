package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotworkbench.localcore.device.VirtualDevice;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The virtual device's temperature reports (decision 0029): how often it samples, and a report asked for explicitly
 * (what demos and tests do instead of waiting for the drift), over real TLS with the Local IoT Core.
 */
@Tag("integration")
class VirtualDeviceReportsTest {

    @TempDir
    Path dir;

    @Test
    void theSamplingPeriodReadsSecondsOrOff() {
        assertThat(VirtualDevice.temperaturePeriodMillis(null)).isEqualTo(VirtualDevice
                .DEFAULT_TEMPERATURE_PERIOD_MILLIS);
        assertThat(VirtualDevice.temperaturePeriodMillis(" ")).isEqualTo(VirtualDevice
                .DEFAULT_TEMPERATURE_PERIOD_MILLIS);
        assertThat(VirtualDevice.temperaturePeriodMillis("10")).isEqualTo(10_000);
        assertThat(VirtualDevice.temperaturePeriodMillis("2.5")).isEqualTo(2_500);
        assertThat(VirtualDevice.temperaturePeriodMillis("off")).isZero();
        assertThat(VirtualDevice.temperaturePeriodMillis("0")).isZero();
        assertThatThrownBy(() -> VirtualDevice.temperaturePeriodMillis("soon"))
                .hasMessage("The virtual device's temperature period must be a number of seconds from 0 to 86400, "
                        + "or off; got \"soon\".");
        assertThatThrownBy(() -> VirtualDevice.temperaturePeriodMillis("-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withTheDriftOffTheDeviceReportsWhenAskedAndOnlyThen() throws Exception {
        try (LocalIoTCore core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false)
                .withTemperaturePeriodMillis(0))) {
            VirtualDevice device = core.startVirtualDevice("wm_demo_1");
            var observer = core.provision("observer", LocalIoTCore.Identity.WORKBENCH);
            String p = "$aws/things/wm_demo_1/shadow";
            try (ShadowClient app = new ShadowClient(core, observer, "app").subscribe(p + "/get/accepted")) {
                JsonNode first = Wait.value("the device's first report", () -> app.request(p + "/get", "",
                        "/accepted").json(), d -> d.at("/state/reported/temperature_sensor").isTextual());
                long version = first.get("version").asLong();

                String sent = device.reportTemperature().orElseThrow();
                assertThat(sent).matches("\\d+\\.\\d");
                JsonNode after = Wait.value("the asked-for report", () -> app.request(p + "/get", "", "/accepted")
                        .json(), d -> d.get("version").asLong() > version);
                assertThat(after.at("/state/reported/temperature_sensor").asText()).isEqualTo(sent);
                assertThat(after.get("version").asLong()).as("one report, one version").isEqualTo(version + 1);
                assertThat(Double.parseDouble(sent)).isEqualTo(device.temperature(),
                        org.assertj.core.data.Offset.offset(0.05));
            }
        }
    }
}
