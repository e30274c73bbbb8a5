package io.iotworkbench.concurrent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ticks on wall-clock boundaries: the delay to the next one, computed from a given time. */
class AlignedTicksTest {

    @Test
    void theNextTickFallsOnTheOffsetPastAWholePeriod() {
        assertThat(AlignedTicks.delayToNext(10_000, 1_000, 200)).isEqualTo(200);
        assertThat(AlignedTicks.delayToNext(10_150, 1_000, 200)).as("a tick 50 ms away waits a period more")
                .isEqualTo(1_050);
        assertThat(AlignedTicks.delayToNext(10_350, 1_000, 200)).isEqualTo(850);
        assertThat(AlignedTicks.delayToNext(123_456, 10_000, 0)).isEqualTo(6_544);
        assertThat(AlignedTicks.delayToNext(120_000, 10_000, 0)).as("on the boundary: the next one")
                .isEqualTo(10_000);
    }

    @Test
    void theWindowsTicksAndAReportOnTheSameSecondShareIt() {
        long now = 1_700_000_000_123L;
        long report = now + AlignedTicks.delayToNext(now, 5_000, 0);
        long window = now + AlignedTicks.delayToNext(now, 1_000, AlignedTicks.WINDOW_OFFSET_MILLIS);
        assertThat(report % 1_000).isZero();
        assertThat((window - AlignedTicks.WINDOW_OFFSET_MILLIS) % 1_000).isZero();
    }

    @Test
    void aPeriodMustBePositive() {
        assertThatThrownBy(() -> AlignedTicks.delayToNext(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
