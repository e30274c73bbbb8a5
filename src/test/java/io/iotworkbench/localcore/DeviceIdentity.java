package io.iotworkbench.localcore;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateIds;
import io.iotworkbench.cert.TlsContexts;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

/** A device key and certificate for tests, and Paho clients that connect with them over real TLS. */
public record DeviceIdentity(KeyPair keys, X509Certificate certificate, X509Certificate rootCa) {

    public static DeviceIdentity issuedBy(LocalCa ca) {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        return new DeviceIdentity(keys, ca.issueDeviceCertificate(keys.getPublic()), ca.certificate());
    }

    public String certificateId() {
        return CertificateIds.of(certificate);
    }

    public MqttConnectOptions options(String host, int port) throws GeneralSecurityException {
        var ctx = TlsContexts.clientContext(List.of(certificate), keys.getPrivate(), List.of(rootCa));
        MqttConnectOptions o = new MqttConnectOptions();
        o.setSocketFactory(TlsContexts.socketFactory(ctx, host, port));
        o.setCleanSession(true);
        o.setConnectionTimeout(60);
        o.setKeepAliveInterval(60);
        o.setMaxInflight(1000);
        return o;
    }

    /** A connected Paho client; the caller closes it. */
    public MqttAsyncClient connect(String host, int port, String clientId) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient("ssl://" + host + ":" + port, clientId, new MemoryPersistence());
        c.connect(options(host, port)).waitForCompletion(60_000);
        return c;
    }

    public static void closeQuietly(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            c.close(true);
        } catch (MqttException ignored) {
            // closing anyway
        }
    }
}
