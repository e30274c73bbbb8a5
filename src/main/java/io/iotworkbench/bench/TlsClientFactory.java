package io.iotworkbench.bench;

import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.file.Path;

/** Creates connected Paho clients over mutual TLS for benchmarks. Stateless. */
public record TlsClientFactory(String host, int port, Path caFile) {

    public MqttAsyncClient connect(String clientId, Path certificate, Path key) throws Exception {
        var ctx = TlsContexts.clientContext(PemFiles.readCertificates(certificate), PemFiles.readPrivateKey(key),
                PemFiles.readCertificates(caFile));
        MqttConnectOptions o = new MqttConnectOptions();
        o.setSocketFactory(TlsContexts.socketFactory(ctx, host, port));
        o.setCleanSession(true);
        o.setMaxInflight(2_000);
        o.setConnectionTimeout(30);
        o.setKeepAliveInterval(120);
        MqttAsyncClient c = new MqttAsyncClient("ssl://" + host + ":" + port, clientId, new MemoryPersistence());
        c.connect(o).waitForCompletion(30_000);
        return c;
    }

    public static void close(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect(1_000).waitForCompletion(2_000);
            }
            c.close(true);
        } catch (Exception ignored) {
            // benchmark teardown
        }
    }
}
