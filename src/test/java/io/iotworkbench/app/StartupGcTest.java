package io.iotworkbench.app;

import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The one collection after start-up: when it runs, and that "off" turns it off (decision 0033). */
class StartupGcTest {

    @Test
    void theDelayIsTheDefaultANumberOrOff() {
        assertThat(StartupGc.delaySeconds(null)).isEqualTo(OptionalLong.of(StartupGc.DEFAULT_SECONDS));
        assertThat(StartupGc.delaySeconds("")).isEqualTo(OptionalLong.of(StartupGc.DEFAULT_SECONDS));
        assertThat(StartupGc.delaySeconds(" 5 ")).isEqualTo(OptionalLong.of(5));
        assertThat(StartupGc.delaySeconds("OFF")).isEmpty();
        assertThat(StartupGc.delaySeconds("0")).isEqualTo(OptionalLong.of(StartupGc.DEFAULT_SECONDS));
        assertThat(StartupGc.delaySeconds("soon")).isEqualTo(OptionalLong.of(StartupGc.DEFAULT_SECONDS));
    }

    @Test
    void runsTheCollectionOnceAfterTheDelayOnItsOwnThreadThatThenEnds() {
        AtomicInteger runs = new AtomicInteger();
        StringBuilder thread = new StringBuilder();

        StartupGc.schedule(Map.of(StartupGc.PROPERTY, "1")::get, () -> {
            thread.append(Thread.currentThread().getName());
            runs.incrementAndGet();
        });

        Wait.until("the collection asked for", () -> runs.get() == 1);
        assertThat(thread.toString()).isEqualTo("startup-gc");
        Wait.until("the startup-gc thread ended", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("startup-gc")));
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void offRunsNothingAndStartsNoThread() {
        AtomicInteger runs = new AtomicInteger();

        StartupGc.schedule(Map.of(StartupGc.PROPERTY, "off")::get, runs::incrementAndGet);

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("startup-gc"));
        assertThat(runs.get()).isZero();
    }
}
