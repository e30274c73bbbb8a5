package io.iotworkbench.serial.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WmMacroTest {

    private final WmMacro sequence = WmMacro.awsDemo().get(4);

    @Test
    void theAwsDemoSequenceAsksForSsidAndPasswordAndExpandsInOrder() {
        assertThat(WmMacro.awsDemo()).extracting(WmMacro::label)
                .containsExactly("wifi init", "wifi connect", "ntp start", "aws_led", "AWS demo sequence");
        assertThat(sequence.placeholders()).containsExactly(WmMacro.SSID, WmMacro.PASSWORD);
        assertThat(sequence.hasSecret()).isTrue();
        assertThat(sequence.expand(Map.of(WmMacro.SSID, "61test", WmMacro.PASSWORD, "12345678")))
                .containsExactly("wifi init", "wifi connect 61test 12345678", "ntp start", "aws_led");
        assertThat(WmMacro.awsDemo().get(3).expand(Map.of())).containsExactly("aws_led");
    }

    @Test
    void missingOrSplittingValuesAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> sequence.expand(Map.of(WmMacro.SSID, "lab")))
                .hasMessage("Enter the Wi-Fi password.");
        assertThatThrownBy(() -> sequence.expand(Map.of(WmMacro.SSID, "my lab", WmMacro.PASSWORD, "x")))
                .hasMessageContaining("Wi-Fi network name (SSID) cannot contain blanks or commas");
        assertThatThrownBy(() -> sequence.expand(Map.of(WmMacro.SSID, "lab", WmMacro.PASSWORD, "a,b")))
                .hasMessageContaining("Wi-Fi password cannot contain");
    }

    @Test
    void replacementTextIsTakenLiterally() {
        assertThat(WmMacro.awsDemo().get(1).expand(Map.of(WmMacro.SSID, "a$1", WmMacro.PASSWORD, "p\\w")))
                .containsExactly("wifi connect a$1 p\\w");
    }
}
