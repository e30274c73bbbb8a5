package io.iotworkbench.stream;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RateMeterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final RateMeter meter = new RateMeter(Duration.ofSeconds(1), 10, now::get);

    private void advanceMillis(long ms) {
        now.addAndGet(ms * 1_000_000L);
    }

    @Test
    void countsEventsAndBytesOverTheWindow() {
        for (int i = 0; i < 10; i++) {
            meter.record(100);
            advanceMillis(100);
        }
        advanceMillis(-1);
        assertThat(meter.eventsPerSecond()).isCloseTo(10, within(1.01));
        assertThat(meter.bytesPerSecond()).isCloseTo(1000, within(101.0));
    }

    @Test
    void forgetsWhatFellOutOfTheWindow() {
        meter.record(50, 5_000);
        assertThat(meter.eventsPerSecond()).isEqualTo(50);
        advanceMillis(1_500);
        assertThat(meter.eventsPerSecond()).isZero();
        assertThat(meter.bytesPerSecond()).isZero();
    }

    @Test
    void aLongPauseDoesNotResurrectOldBuckets() {
        meter.record(7, 0);
        advanceMillis(10_000);
        meter.record(3, 0);
        assertThat(meter.eventsPerSecond()).isEqualTo(3);
    }

    @Test
    void windowsLongerThanOneSecondAreScaledToPerSecond() {
        RateMeter five = new RateMeter(Duration.ofSeconds(5), 10, now::get);
        for (int i = 0; i < 50; i++) {
            five.record(1, 10);
            advanceMillis(100);
        }
        advanceMillis(-1);
        assertThat(five.eventsPerSecond()).isCloseTo(10, within(0.5));
    }
}
