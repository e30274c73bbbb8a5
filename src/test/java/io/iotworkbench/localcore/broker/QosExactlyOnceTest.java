package io.iotworkbench.localcore.broker;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: with nothing lost on the wire, every QoS 1 message reaches a subscriber exactly once. 100,000 messages
 * from four Paho publishers over TLS to one Paho subscriber: no duplicate, none missing, no PUBACK the broker could
 * not match, nothing dropped.
 */
@Tag("integration")
class QosExactlyOnceTest {

    private static final int PUBLISHERS = 4;
    private static final int PER_PUBLISHER = 25_000;

    @TempDir
    Path dir;

    @Test
    void everyQos1MessageArrivesExactlyOnce() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir)) {
            int total = PUBLISHERS * PER_PUBLISHER;
            BitSet seen = new BitSet(total);
            AtomicLong duplicates = new AtomicLong();
            AtomicLong received = new AtomicLong();
            AtomicReference<Throwable> lost = new AtomicReference<>();
            CountDownLatch all = new CountDownLatch(total);
            MqttAsyncClient sub = f.client("eo-sub");
            sub.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    lost.set(cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    int n = ByteBuffer.wrap(message.getPayload()).getInt();
                    received.incrementAndGet();
                    synchronized (seen) {
                        if (seen.get(n)) {
                            duplicates.incrementAndGet();
                            return;
                        }
                        seen.set(n);
                    }
                    all.countDown();
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            sub.connect(f.options(f.device())).waitForCompletion(60_000);
            sub.subscribe("eo/#", 1).waitForCompletion(60_000);

            List<Thread> threads = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                MqttAsyncClient pub = f.connect("eo-pub-" + p);
                int base = p * PER_PUBLISHER;
                String topic = "eo/" + p;
                Thread t = new Thread(() -> {
                    try {
                        publishAll(pub, topic, base);
                    } catch (Exception e) {
                        failure.set(e);
                    }
                }, "eo-pub-" + p);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(5));
            }
            assertThat(failure.get()).as("publishers").isNull();
            boolean complete = all.await(5, TimeUnit.MINUTES);
            assertThat(lost.get()).as("the subscriber stayed connected").isNull();
            assertThat(complete).as("all arrived; missing " + (total - seen.cardinality())).isTrue();
            // a duplicate would arrive right after its original; wait for the last PUBACKs to be matched
            BrokerFixture.waitFor(() -> received.get() >= total, "counted");
            assertThat(duplicates.get()).as("duplicates").isZero();
            assertThat(received.get()).isEqualTo(total);
            assertThat(f.broker.unmatchedAcknowledgements()).as("PUBACKs with an unknown packet id").isZero();
            assertThat(f.broker.droppedForSlowSubscribers()).isZero();
        }
    }

    private static void publishAll(MqttAsyncClient c, String topic, int base) throws Exception {
        Semaphore window = new Semaphore(500);
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String t, MqttMessage m) {
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                window.release();
            }
        });
        for (int i = 0; i < PER_PUBLISHER; i++) {
            window.acquire();
            byte[] payload = ByteBuffer.allocate(64).putInt(base + i).array();
            c.publish(topic, payload, 1, false);
        }
        if (!window.tryAcquire(500, 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("not every PUBACK arrived");
        }
    }
}
