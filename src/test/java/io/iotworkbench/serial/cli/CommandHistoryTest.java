package io.iotworkbench.serial.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandHistoryTest {

    @Test
    void isBoundedAndSkipsBlanksAndRepeats() {
        CommandHistory history = new CommandHistory(3);
        for (String line : new String[] {"wifi init", "wifi init", " ", "ntp start", "aws_led", "version"}) {
            history.add(line);
        }

        assertThat(history.entries()).containsExactly("ntp start", "aws_led", "version");
    }

    @Test
    void walksBackAndForthAndBringsTheDraftBack() {
        CommandHistory history = new CommandHistory();
        history.add("wifi init");
        history.add("wifi connect lab secret");

        assertThat(history.previous("ntp")).hasValue("wifi connect lab secret");
        assertThat(history.previous("ignored")).hasValue("wifi init");
        assertThat(history.previous("ignored")).isEmpty();
        assertThat(history.next()).hasValue("wifi connect lab secret");
        assertThat(history.next()).hasValue("ntp");
        assertThat(history.next()).isEmpty();
        assertThat(history.capacity()).isEqualTo(100);
    }
}
