package io.iotworkbench.session;

import io.iotworkbench.event.EventBus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTest {

    private final Session session = new Session(Profile.localDefault(), new EventBus(), Clock.systemUTC());

    @Test
    void startsDisconnectedOnTheProfilesThing() {
        assertThat(session.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(session.thingName()).isEqualTo("wm_demo_1");
        assertThat(session.shadowName()).isEmpty();
        assertThat(session.status().sequence()).isZero();
    }

    @Test
    void followsTheAllowedTransitionsAndKeepsTheReason() {
        assertThat(session.transition(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING, "")).isPresent();
        assertThat(session.transition(ConnectionState.CONNECTING, ConnectionState.FAILED, "TLS refused")).isPresent();
        assertThat(session.status().reason()).isEqualTo("TLS refused");
        assertThat(session.status().sequence()).isEqualTo(2);
        assertThat(session.moveTo(ConnectionState.CONNECTED, "")).as("FAILED may not jump to CONNECTED").isEmpty();
        assertThat(session.state()).isEqualTo(ConnectionState.FAILED);
    }

    @Test
    void refusesATransitionOutsideTheTable() {
        assertThatThrownBy(() -> session.transition(ConnectionState.DISCONNECTED, ConnectionState.CONNECTED, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DISCONNECTED → CONNECTED");
    }

    @Test
    void transitionFromAStateThatIsNotCurrentDoesNothing() {
        assertThat(session.transition(ConnectionState.CONNECTED, ConnectionState.RECONNECTING, "lost")).isEmpty();
        assertThat(session.state()).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void concurrentConnectAttemptsLetExactlyOneWin() throws Exception {
        int threads = 16;
        for (int round = 0; round < 200; round++) {
            Session s = new Session(Profile.localDefault());
            AtomicInteger winners = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int i = 0; i < threads; i++) {
                pool.submit(() -> {
                    start.await();
                    if (s.transition(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING, "").isPresent()) {
                        winners.incrementAndGet();
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(winners.get()).isEqualTo(1);
            assertThat(s.status().sequence()).isEqualTo(1);
        }
    }

    @Test
    void listenersSeeEveryTransitionOnceWithGrowingSequenceNumbers() throws Exception {
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        session.addListener(new SessionListener() {
            @Override
            public void connectionChanged(ConnectionStatus previous, ConnectionStatus current) {
                assertThat(current.sequence()).isEqualTo(previous.sequence() + 1);
                seen.add(current.sequence());
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int cycles = 2_000;
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 0; i < cycles; i++) {
                    session.moveTo(ConnectionState.CONNECTING, "");
                    session.moveTo(ConnectionState.CONNECTED, "");
                    session.moveTo(ConnectionState.RECONNECTING, "blip");
                    session.moveTo(ConnectionState.DISCONNECTED, "");
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        long last = session.status().sequence();
        assertThat(seen).hasSize((int) last);
        assertThat(seen).doesNotHaveDuplicates().contains(last);
    }

    @Test
    void profileCannotBeSwitchedWhileConnected() {
        session.moveTo(ConnectionState.CONNECTING, "");
        Profile other = Profile.newAws("Lab");
        assertThatThrownBy(() -> session.selectProfile(other))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Disconnect");
        session.moveTo(ConnectionState.FAILED, "no route");
        session.selectProfile(other.withThingName("lab_device"));
        assertThat(session.profile().name()).isEqualTo("Lab");
        assertThat(session.thingName()).isEqualTo("lab_device");
    }

    @Test
    void thingAndShadowChangesAreAnnouncedOnlyWhenTheyChange() {
        List<String> events = new ArrayList<>();
        session.addListener(new SessionListener() {
            @Override
            public void thingChanged(String name) {
                events.add("thing:" + name);
            }

            @Override
            public void shadowChanged(String name) {
                events.add("shadow:" + name);
            }
        });
        session.setThingName("wm_demo_1");
        session.setThingName(" sensor_7 ");
        session.setShadowName("config");
        session.setShadowName("config");
        assertThat(events).containsExactly("thing:sensor_7", "shadow:config");
    }
}
