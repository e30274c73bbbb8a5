package io.iotworkbench.bench;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * QoS 1 publish throughput through a broker: P publishers (each with a window of unacknowledged messages) to one
 * subscriber on a wildcard, timed from the first publish to the last message received. The same load runs against
 * the Local IoT Core and against mosquitto. Runs on the calling thread plus one thread per publisher.
 */
final class BrokerThroughput {

    /** One client's files. */
    record Identity(String clientId, Path certificate, Path key) {
    }

    private BrokerThroughput() {
    }

    /** Messages per second received by the subscriber. */
    static double run(TlsClientFactory factory, Identity subscriber, List<Identity> publishers, int messages,
                      int payloadBytes) throws Exception {
        int perPublisher = messages / publishers.size();
        int total = perPublisher * publishers.size();
        CountDownLatch all = new CountDownLatch(total);
        AtomicLong received = new AtomicLong();
        MqttAsyncClient sub = factory.connect(subscriber.clientId(), subscriber.certificate(), subscriber.key());
        List<MqttAsyncClient> pubs = new ArrayList<>();
        try {
            sub.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.incrementAndGet();
                    all.countDown();
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            sub.subscribe("bench/load/#", 1).waitForCompletion(10_000);
            for (Identity p : publishers) {
                pubs.add(factory.connect(p.clientId(), p.certificate(), p.key()));
            }
            byte[] payload = new byte[payloadBytes];
            java.util.Arrays.fill(payload, (byte) 'x');
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < pubs.size(); i++) {
                MqttAsyncClient c = pubs.get(i);
                String topic = "bench/load/" + i;
                Thread t = new Thread(() -> publishAll(c, topic, payload, perPublisher), "bench-pub-" + i);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            if (!all.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + received.get() + " of " + total + " messages arrived");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return total / seconds;
        } finally {
            pubs.forEach(TlsClientFactory::close);
            TlsClientFactory.close(sub);
        }
    }

    private static void publishAll(MqttAsyncClient c, String topic, byte[] payload, int count) {
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
        try {
            for (int i = 0; i < count; i++) {
                window.acquire();
                c.publish(topic, payload, 1, false);
            }
            window.acquire(500);
        } catch (Exception e) {
            throw new IllegalStateException("publisher failed: " + e.getMessage(), e);
        }
    }
}
