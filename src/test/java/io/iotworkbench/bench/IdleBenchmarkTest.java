package io.iotworkbench.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the window's threads {@code bench idle} counts as the JIT's (printed apart from the rest). */
class IdleBenchmarkTest {

    @Test
    void compilerThreadsAndTheSweeperAreTheJitsOthersAreNot() {
        assertThat(IdleBenchmark.isJit("C1 CompilerThre")).isTrue();
        assertThat(IdleBenchmark.isJit("C2 CompilerThre")).isTrue();
        assertThat(IdleBenchmark.isJit("Sweeper thread")).isTrue();
        assertThat(IdleBenchmark.isJit("JavaFX Applicat")).isFalse();
        assertThat(IdleBenchmark.isJit("G1 Conc#0")).isFalse();
    }
}
