package io.iotworkbench.bench;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench idle}'s per-thread figures: parsing {@code /proc} texts, the deltas and their order. */
class ThreadUsageTest {

    private static final String STAT = "4711 (QuantumRenderer) S 1 2 3 0 -1 1077936192 10 0 0 0 %d %d 0 0 20 0 30 0 "
            + "12345 100000 2000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 -1 1 0 0 0 0 0";

    @Test
    void parsesTicksAndVoluntarySwitchesEvenWithSpacesAndParenthesesInTheName() {
        String stat = STAT.formatted(7, 5).replace("(QuantumRenderer)", "(G1 (Conc) #0)");
        String status = "Name:\tG1 (Conc) #0\nvoluntary_ctxt_switches:\t321\nnonvoluntary_ctxt_switches:\t9\n";

        ThreadUsage.Sample s = ThreadUsage.parse("4711", stat, status);

        assertThat(s.tidAndName()).isEqualTo("4711 G1 (Conc) #0");
        assertThat(s.name()).isEqualTo("G1 (Conc) #0");
        assertThat(s.ticks()).isEqualTo(12);
        assertThat(s.wakeups()).isEqualTo(321);
    }

    @Test
    void usageIsTheDifferenceBusiestFirstAndIdleThreadsAndNewbornsAreHandled() {
        Map<String, ThreadUsage.Sample> before = Map.of(
                "1 fx", new ThreadUsage.Sample("1 fx", 100, 1000),
                "2 idle", new ThreadUsage.Sample("2 idle", 50, 10),
                "3 ticker", new ThreadUsage.Sample("3 ticker", 5, 100));
        Map<String, ThreadUsage.Sample> after = Map.of(
                "1 fx", new ThreadUsage.Sample("1 fx", 130, 1300),
                "2 idle", new ThreadUsage.Sample("2 idle", 50, 10),
                "3 ticker", new ThreadUsage.Sample("3 ticker", 5, 130),
                "4 born", new ThreadUsage.Sample("4 born", 40, 2));

        List<ThreadUsage.Used> used = ThreadUsage.between(before, after);

        assertThat(used).containsExactly(new ThreadUsage.Used("born", 40, 2), new ThreadUsage.Used("fx", 30, 300),
                new ThreadUsage.Used("ticker", 0, 30));
        assertThat(ThreadUsage.endedTicks(80, used)).isEqualTo(10);
        assertThat(ThreadUsage.endedTicks(60, used)).isZero();
    }

    @Test
    void samplesThisProcessOnLinux() throws IOException {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"));

        Map<String, ThreadUsage.Sample> now = ThreadUsage.sample(ProcessHandle.current().pid());

        assertThat(now.values()).anySatisfy(s -> assertThat(s.name()).startsWith("Reference Handl"));
        assertThat(now.values()).allSatisfy(s -> assertThat(s.ticks()).isNotNegative());
    }
}
