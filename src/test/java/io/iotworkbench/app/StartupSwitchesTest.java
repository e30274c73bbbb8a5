package io.iotworkbench.app;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The switches a launcher or benchmark sets: the start-up probe's mode and the Local IoT Core's on/off. */
class StartupSwitchesTest {

    @Test
    void probeIsOffUnlessAskedFor() {
        assertThat(StartupProbe.mode(k -> null, Map.of())).isEqualTo(StartupProbe.Mode.OFF);
        assertThat(StartupProbe.mode(k -> null, Map.of(StartupProbe.ENV, "off"))).isEqualTo(StartupProbe.Mode.OFF);
        assertThat(StartupProbe.mode(k -> " ", Map.of(StartupProbe.ENV, "Frame"))).isEqualTo(StartupProbe.Mode.FRAME);
    }

    @Test
    void systemPropertyWinsOverTheEnvironment() {
        assertThat(StartupProbe.mode(k -> k.equals(StartupProbe.PROPERTY) ? "train" : null,
                Map.of(StartupProbe.ENV, "frame"))).isEqualTo(StartupProbe.Mode.TRAIN);
    }

    @Test
    void unknownProbeModeNamesTheChoices() {
        assertThatThrownBy(() -> StartupProbe.mode(k -> null, Map.of(StartupProbe.ENV, "fast")))
                .hasMessageContaining("'fast'").hasMessageContaining("frame, core, idle, train or off");
    }

    @Test
    void localCoreStartsUnlessSwitchedOff() {
        assertThat(Workbench.Options.fromEnvironment(k -> null, Map.of())).isEqualTo(Workbench.Options.app());
        assertThat(Workbench.Options.fromEnvironment(k -> null, Map.of(Workbench.LOCAL_CORE_ENV, "OFF")))
                .isEqualTo(Workbench.Options.shellOnly());
        assertThat(Workbench.Options.fromEnvironment(k -> k.equals(Workbench.LOCAL_CORE_PROPERTY) ? "on" : null,
                Map.of(Workbench.LOCAL_CORE_ENV, "off"))).as("the property wins").isEqualTo(Workbench.Options.app());
    }

    @Test
    void theCoreStartsAfterTheFirstFrameUnlessAskedToStartEarly() {
        assertThat(Workbench.Options.fromEnvironment(k -> null, Map.of(Workbench.LOCAL_CORE_ENV, " Early ")))
                .isEqualTo(new Workbench.Options(true, true, true));
        assertThat(Workbench.Options.app().coreEarly()).isFalse();
    }
}
