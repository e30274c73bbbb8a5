package io.iotworkbench.ui.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe's record of pulses and selections: the longest first, and the selection that waited through each. */
class PulseLogTest {

    @Test
    void longestPulsesComeFirstWithTheSelectionThatWaitedThroughThem() {
        PulseLog log = new PulseLog(100);
        log.pulse(100, 16, 5);    // #1: 84..100
        log.pulse(500, 400, 250); // #2: 100..500, the long one
        log.pulse(516, 16, 4);    // #3: 500..516
        log.selection(120, 390);  // posted during #2, answered at 510
        log.selection(600, 20);   // after all pulses

        var longest = log.longest(2);
        assertThat(longest).extracting(PulseLog.Pulse::number).containsExactly(2, 1);
        assertThat(longest.get(0).fxCpuNanos()).isEqualTo(250);
        assertThat(log.waitingDuring(longest.get(0))).map(PulseLog.Selection::number).contains(1);
        assertThat(log.waitingDuring(longest.get(1))).isEmpty();
    }

    @Test
    void keepsAtMostItsCapacity() {
        PulseLog log = new PulseLog(2);
        for (int i = 1; i <= 5; i++) {
            log.pulse(i * 20L, i, 0);
        }
        assertThat(log.longest(10)).extracting(PulseLog.Pulse::number).containsExactly(2, 1);
    }
}
