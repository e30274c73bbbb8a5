package io.iotworkbench.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyRecorderTest {

    @Test
    void percentilesOfAUniformSpreadAreWithinOnePercent() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 1; i <= 10_000; i++) {
            r.recordNanos(i * 1_000L);
        }
        assertThat(r.count()).isEqualTo(10_000);
        assertThat(r.percentileNanos(50) / 1e6).isCloseTo(5.0, within(0.1));
        assertThat(r.percentileNanos(99) / 1e6).isCloseTo(9.9, within(0.15));
        assertThat(r.maxNanos()).isEqualTo(10_000_000L);
        assertThat(r.percentileNanos(100)).isEqualTo(10_000_000L);
    }

    @Test
    void smallValuesKeepMicrosecondResolutionAndEmptyIsZero() {
        LatencyRecorder r = new LatencyRecorder();
        assertThat(r.percentileNanos(99)).isZero();
        r.recordNanos(3_500);
        r.recordNanos(7_200);
        assertThat(r.percentileNanos(50)).isBetween(3_000L, 3_999L);
        assertThat(r.percentileNanos(99)).isBetween(7_000L, 7_200L);
    }

    @Test
    void hugeValuesDoNotOverflow() {
        LatencyRecorder r = new LatencyRecorder();
        r.recordNanos(60_000_000_000L);
        assertThat(r.percentileNanos(50)).isEqualTo(60_000_000_000L);
    }
}
