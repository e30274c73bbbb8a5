package io.iotworkbench.concurrent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonThreadsTest {

    @Test
    void namedFactoryMakesDaemonThreadsWithThatName() {
        ThreadFactory factory = DaemonThreads.named("pane-io");
        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });
        assertThat(first.isDaemon()).isTrue();
        assertThat(first.getName()).isEqualTo("pane-io");
        assertThat(second.getName()).isEqualTo("pane-io");
        assertThat(first.getState()).isEqualTo(Thread.State.NEW);
    }

    @Test
    void numberedFactoryCountsFromOne() {
        ThreadFactory factory = DaemonThreads.numbered("worker-");
        assertThat(factory.newThread(() -> { }).getName()).isEqualTo("worker-1");
        Thread second = factory.newThread(() -> { });
        assertThat(second.getName()).isEqualTo("worker-2");
        assertThat(second.isDaemon()).isTrue();
    }

    @Test
    void startRunsTheTaskOnADaemonThread() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        String[] seen = new String[1];
        boolean[] daemon = new boolean[1];
        Thread thread = DaemonThreads.start("starter", () -> {
            seen[0] = Thread.currentThread().getName();
            daemon[0] = Thread.currentThread().isDaemon();
            ran.countDown();
        });
        assertThat(ran.await(30, TimeUnit.SECONDS)).as("the task ran").isTrue();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(seen[0]).isEqualTo("starter");
        assertThat(daemon[0]).isTrue();
    }
}
