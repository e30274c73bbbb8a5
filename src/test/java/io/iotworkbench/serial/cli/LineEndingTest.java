package io.iotworkbench.serial.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineEndingTest {

    @Test
    void crIsTheDefaultAndEachEndingAppendsItsBytes() {
        assertThat(LineEnding.DEFAULT).isEqualTo(LineEnding.CR);
        assertThat(LineEnding.CR.terminate("version")).isEqualTo("version\r".getBytes());
        assertThat(LineEnding.LF.bytes()).containsExactly('\n');
        assertThat(LineEnding.CRLF.bytes()).containsExactly('\r', '\n');
        assertThat(LineEnding.CRLF.label()).isEqualTo("CR+LF");
    }
}
