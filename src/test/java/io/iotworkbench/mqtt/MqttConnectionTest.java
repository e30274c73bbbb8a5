package io.iotworkbench.mqtt;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.event.Notification;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.session.ProfileResolver;
import io.iotworkbench.session.Session;
import io.iotworkbench.storage.AtomicFiles;
import io.iotworkbench.testsupport.Mosquitto;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session's MQTT connection against Debian's mosquitto with a required client certificate. */
@Tag("integration")
class MqttConnectionTest {

    @TempDir
    Path dir;

    private LocalCa ca;
    private Mosquitto mosquitto;
    private MqttConnection connection;
    private Session session;
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        ca = LocalCa.openOrCreate(dir.resolve("ca"), Clock.systemUTC());
        mosquitto = Mosquitto.startTls(dir.resolve("mosquitto"), ca);
    }

    @AfterEach
    void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        mosquitto.close();
    }

    private Profile profile(String host, Path cert, Path key, Path root) {
        return new Profile("test", ProfileKind.AWS, "us-east-1", host, mosquitto.port(), "dev1", "dev1",
                cert.toString(), key.toString(), root.toString(), null);
    }

    private Path[] deviceFiles(String name, LocalCa issuer) throws Exception {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        Files.writeString(cert, Pem.certificate(issuer.issueDeviceCertificate(keys.getPublic())));
        AtomicFiles.writeOwnerOnly(key, Pem.privateKeyTraditional(keys.getPrivate()).getBytes());
        return new Path[] {cert, key};
    }

    private void open(Profile p) {
        session = new Session(p);
        session.events().subscribe(Notification.class, n -> notes.add(n.text()));
        connection = new MqttConnection(session, ProfileResolver.identity());
    }

    @Test
    void connectsSubscribesWithWildcardsPublishesAndReceives() throws Exception {
        Path[] dev = deviceFiles("dev", ca);
        open(profile("localhost", dev[0], dev[1], ca.certificateFile()));
        BlockingQueue<String> got = new ArrayBlockingQueue<>(100);
        connection.addSink((t, m) -> got.add(t + "=" + new String(m.getPayload())));
        connection.connect().get(60, TimeUnit.SECONDS);
        assertThat(session.state()).isEqualTo(ConnectionState.CONNECTED);
        connection.subscribe(new Subscription("fleet/+/temp", 1)).get(60, TimeUnit.SECONDS);
        connection.publish("fleet/a/temp", "21".getBytes(), 1, false).get(60, TimeUnit.SECONDS);
        connection.publish("fleet/a/humidity", "50".getBytes(), 1, false).get(60, TimeUnit.SECONDS);
        assertThat(got.poll(60, TimeUnit.SECONDS)).isEqualTo("fleet/a/temp=21");
        assertThat(got.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(session.metrics().totalMessages()).isEqualTo(1);
    }

    @Test
    void retainedMessagesArriveMarkedRetainedOnANewSubscription() throws Exception {
        Path[] dev = deviceFiles("dev", ca);
        open(profile("127.0.0.1", dev[0], dev[1], ca.certificateFile()));
        BlockingQueue<Boolean> retainedFlags = new ArrayBlockingQueue<>(10);
        connection.addSink((t, m) -> retainedFlags.add(m.isRetained()));
        connection.connect().get(60, TimeUnit.SECONDS);
        connection.publish("status/lamp", "on".getBytes(), 1, true).get(60, TimeUnit.SECONDS);
        connection.subscribe(new Subscription("status/lamp", 1)).get(60, TimeUnit.SECONDS);
        assertThat(retainedFlags.poll(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void reconnectsAfterTheBrokerRestartsAndRestoresSubscriptions() throws Exception {
        Path[] dev = deviceFiles("dev", ca);
        open(profile("localhost", dev[0], dev[1], ca.certificateFile()));
        BlockingQueue<String> got = new ArrayBlockingQueue<>(100);
        connection.addSink((t, m) -> got.add(new String(m.getPayload())));
        connection.connect().get(60, TimeUnit.SECONDS);
        connection.subscribe(new Subscription("x/#", 1)).get(60, TimeUnit.SECONDS);
        mosquitto.stop();
        waitFor(() -> session.state() == ConnectionState.RECONNECTING);
        assertThat(session.status().reason()).isNotBlank();
        mosquitto.start();
        waitFor(() -> session.state() == ConnectionState.CONNECTED);
        connection.publish("x/after", "back".getBytes(), 1, false).get(60, TimeUnit.SECONDS);
        assertThat(got.poll(60, TimeUnit.SECONDS)).isEqualTo("back");
        assertThat(notes).anyMatch(n -> n.contains("retrying in")).anyMatch(n -> n.contains("subscriptions restored"));
    }

    @Test
    void aWrongRootCaIsExplained() throws Exception {
        LocalCa other = LocalCa.openOrCreate(dir.resolve("other-ca"), Clock.systemUTC());
        Path[] dev = deviceFiles("dev", ca);
        open(profile("localhost", dev[0], dev[1], other.certificateFile()));
        assertThatThrownBy(() -> connection.connect().join()).isInstanceOf(CompletionException.class);
        assertThat(session.state()).isEqualTo(ConnectionState.FAILED);
        assertThat(session.status().reason()).contains("not trusted by the root CA");
    }

    @Test
    void aCertificateFromAnotherCaIsExplainedAsRefused() throws Exception {
        LocalCa other = LocalCa.openOrCreate(dir.resolve("other-ca"), Clock.systemUTC());
        Path[] dev = deviceFiles("stranger", other);
        open(profile("localhost", dev[0], dev[1], ca.certificateFile()));
        assertThatThrownBy(() -> connection.connect().join()).isInstanceOf(CompletionException.class);
        assertThat(session.status().reason()).containsAnyOf("refused the client certificate", "closed the connection");
        assertThat(session.status().reason()).doesNotEndWith("MqttException");
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsExplained() throws Exception {
        Path[] dev = deviceFiles("dev", ca);
        Path[] otherKey = deviceFiles("other", ca);
        open(profile("localhost", dev[0], otherKey[1], ca.certificateFile()));
        assertThatThrownBy(() -> connection.connect().join()).isInstanceOf(CompletionException.class);
        assertThat(session.state()).isEqualTo(ConnectionState.FAILED);
        assertThat(session.status().reason()).containsAnyOf("key does not belong", "refused the client certificate",
                "closed the connection");
    }

    @Test
    void anUnknownHostIsExplained() throws Exception {
        Path[] dev = deviceFiles("dev", ca);
        open(profile("no-such-host.invalid", dev[0], dev[1], ca.certificateFile()));
        assertThatThrownBy(() -> connection.connect().join()).isInstanceOf(CompletionException.class);
        assertThat(session.status().reason()).contains("could not be found (DNS)");
    }

    @Test
    void awsLimitsAndTheHashRuleAreCheckedBeforeSending() throws Exception {
        Path[] dev = deviceFiles("dev", ca);
        open(profile("localhost", dev[0], dev[1], ca.certificateFile()));
        connection.connect().get(60, TimeUnit.SECONDS);
        assertThatThrownBy(() -> connection.subscribe(new Subscription("#", 0)).join())
                .hasMessageContaining("'#' on AWS");
        assertThatThrownBy(() -> connection.publish("a/b/c/d/e/f/g/h/i", new byte[1], 0, false).join())
                .hasMessageContaining("8 slashes");
        assertThatThrownBy(() -> connection.publish("big", new byte[128 * 1024 + 1], 0, false).join())
                .hasMessageContaining("128 KB");
        assertThatThrownBy(() -> connection.publish("$aws/things/x/shadow/update/accepted", new byte[1], 0, false)
                .join()).hasMessageContaining("reserved topic");
        assertThat(session.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    private static void waitFor(BooleanSupplier c) {
        Wait.until("the connection's state", c);
    }
}
