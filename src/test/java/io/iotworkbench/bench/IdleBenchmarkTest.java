package io.iotworkbench.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the window's threads {@code bench idle} counts as the JIT's (printed apart from the rest). */
class IdleBenchmarkTest {

    @Test
    void compilerThreadsAndTheSweeperAreTheJitsOthersAreNot() {
        assertThat(IdleBenchmark.isJit("4711 C1 CompilerThre")).isTrue();
        assertThat(IdleBenchmark.isJit("4712 C2 CompilerThre")).isTrue();
        assertThat(IdleBenchmark.isJit("4713 Sweeper thread")).isTrue();
        assertThat(IdleBenchmark.isJit("4714 JavaFX Applicat")).isFalse();
        assertThat(IdleBenchmark.isJit("4715 G1 Conc#0")).isFalse();
    }
}
