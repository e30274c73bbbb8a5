package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotworkbench.localcore.registry.CertificateStatus;
import io.iotworkbench.testsupport.Wait;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Local IoT Core end to end over real TLS with Paho: the Device Shadow topics and device identity. */
@Tag("integration")
class LocalIoTCoreShadowTest {

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private LocalIoTCore.ProvisionedThing thing;
    private ShadowClient client;
    private final String prefix = "$aws/things/lamp1/shadow";

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false));
        thing = core.provision("lamp1");
        client = new ShadowClient(core, thing, "lamp1").subscribe(prefix + "/#");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (core != null) {
            core.close();
        }
    }

    @Test
    void provisioningWritesOwnerOnlyKeysAndAnActiveAttachedCertificate() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(thing.privateKeyFile())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(thing.privateKeyFile())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(core.registry().certificateStatus(thing.certificateId())).contains(CertificateStatus.ACTIVE);
        assertThat(core.registry().thingsOfPrincipal(thing.certificateArn())).containsExactly("lamp1");
        assertThat(core.provision("lamp1").certificateId()).as("idempotent").isEqualTo(thing.certificateId());
    }

    @Test
    void updateIsAcceptedWithDocumentsAndDeltaThenGetEchoesTheClientToken() throws Exception {
        ShadowClient.Reply accepted = client.request(prefix + "/update",
                "{\"state\":{\"desired\":{\"led\":\"blue\"},\"reported\":{\"led\":\"red\"}},\"clientToken\":\"t-1\"}",
                "/accepted");
        assertThat(accepted.json().get("version").asLong()).isEqualTo(1);
        assertThat(accepted.json().get("clientToken").asText()).isEqualTo("t-1");
        assertThat(accepted.json().at("/metadata/desired/led/timestamp").isNumber()).isTrue();
        JsonNode documents = client.next("/update/documents").json();
        assertThat(documents.has("previous")).isFalse();
        assertThat(documents.at("/current/version").asLong()).isEqualTo(1);
        JsonNode delta = client.next("/update/delta").json();
        assertThat(delta.at("/state/led").asText()).isEqualTo("blue");

        JsonNode got = client.request(prefix + "/get", "{\"clientToken\":\"g-7\"}", "/accepted").json();
        assertThat(got.get("clientToken").asText()).isEqualTo("g-7");
        assertThat(got.at("/state/delta/led").asText()).isEqualTo("blue");
        assertThat(got.at("/state/reported/led").asText()).isEqualTo("red");
    }

    @Test
    void optimisticLockingRejectsAStaleVersionWith409AndChangesNothing() throws Exception {
        client.request(prefix + "/update", "{\"state\":{\"reported\":{\"t\":1}}}", "/accepted");
        JsonNode rejected = client.request(prefix + "/update",
                "{\"state\":{\"reported\":{\"t\":2}},\"version\":7,\"clientToken\":\"c\"}", "/rejected").json();
        assertThat(rejected.get("code").asInt()).isEqualTo(409);
        assertThat(rejected.get("message").asText()).isEqualTo("Version conflict");
        assertThat(rejected.get("clientToken").asText()).isEqualTo("c");
        JsonNode got = client.request(prefix + "/get", "", "/accepted").json();
        assertThat(got.at("/state/reported/t").asInt()).isEqualTo(1);
        assertThat(got.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void errorsCarryTheDocumentedCodesAndMessages() throws Exception {
        assertThat(client.request(prefix + "/update", "{not json", "/rejected").json().get("message").asText())
                .isEqualTo("Invalid JSON");
        assertThat(client.request(prefix + "/update", "{\"clientToken\":\"x\"}", "/rejected").json()
                .get("message").asText()).isEqualTo("Missing required node: state");
        JsonNode missing = client.request(prefix + "/get", "{\"clientToken\":\"m\"}", "/rejected").json();
        assertThat(missing.get("code").asInt()).isEqualTo(404);
        assertThat(missing.get("clientToken").asText()).isEqualTo("m");
        String deep = "{\"state\":{\"desired\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":1}}}}}}}}}";
        assertThat(client.request(prefix + "/update", deep, "/rejected").json().get("message").asText())
                .contains("too many levels of nesting");
    }

    @Test
    void deleteKeepsTheVersionCounterAndNamedShadowsAreSeparate() throws Exception {
        client.request(prefix + "/update", "{\"state\":{\"reported\":{\"x\":1}}}", "/accepted");
        client.request(prefix + "/update", "{\"state\":{\"reported\":{\"x\":2}}}", "/accepted");
        JsonNode deleted = client.request(prefix + "/delete", "{\"clientToken\":\"d\"}", "/accepted").json();
        assertThat(deleted.get("version").asLong()).isEqualTo(2);
        assertThat(deleted.get("clientToken").asText()).isEqualTo("d");
        JsonNode again = client.request(prefix + "/update", "{\"state\":{\"reported\":{\"x\":3}}}", "/accepted")
                .json();
        assertThat(again.get("version").asLong()).isEqualTo(3);

        String named = prefix + "/name/config";
        JsonNode n = client.request(named + "/update", "{\"state\":{\"desired\":{\"mode\":\"eco\"}}}", "/accepted")
                .json();
        assertThat(n.get("version").asLong()).isEqualTo(1);
        assertThat(core.shadows().listNamedShadows("lamp1")).containsExactly("config");
    }

    @Test
    void everyAcknowledgedUpdateSurvivesARestart() throws Exception {
        for (int i = 1; i <= 20; i++) {
            client.request(prefix + "/update", "{\"state\":{\"reported\":{\"n\":" + i + "}}}", "/accepted");
        }
        client.close();
        client = null;
        core.close();
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false));
        client = new ShadowClient(core, thing, "lamp1").subscribe(prefix + "/#");
        JsonNode got = client.request(prefix + "/get", "", "/accepted").json();
        assertThat(got.get("version").asLong()).isEqualTo(20);
        assertThat(got.at("/state/reported/n").asInt()).isEqualTo(20);
    }

    @Test
    void deactivatedAndRevokedCertificatesAreDroppedAndRefused() throws Exception {
        CountingLoss lost = new CountingLoss(client.paho());
        core.registry().updateCertificate(thing.certificateId(), CertificateStatus.INACTIVE);
        assertThat(lost.await()).isTrue();
        assertThatThrownBy(() -> new ShadowClient(core, thing, "lamp1-again")).isInstanceOf(MqttException.class);
        core.registry().updateCertificate(thing.certificateId(), CertificateStatus.REVOKED);
        assertThatThrownBy(() -> new ShadowClient(core, thing, "lamp1-third")).isInstanceOf(MqttException.class);
    }

    @Test
    void theVirtualDeviceFollowsDesiredAndTheDeltaEmpties() throws Exception {
        var device = core.startVirtualDevice("wm_demo_1");
        var demo = core.provision("observer", LocalIoTCore.Identity.WORKBENCH);
        try (ShadowClient app = new ShadowClient(core, demo, "app").subscribe("$aws/things/wm_demo_1/shadow/#")) {
            String p = "$aws/things/wm_demo_1/shadow";
            JsonNode got = Wait.value("the device's first report", () -> app.request(p + "/get", "", "/accepted")
                    .json(), d -> d.at("/state/reported/led").isTextual());
            assertThat(got.at("/state/reported/led").asText()).isEqualTo("red");
            app.clear();
            app.publish(p + "/update", "{\"state\":{\"desired\":{\"led\":\"blue\"}}}");
            Wait.until("the device's led turning blue", () -> device.led().equals("blue"));
            assertThat(device.led()).isEqualTo("blue");
            JsonNode after = Wait.value("the device's blue report", () -> app.request(p + "/get", "", "/accepted")
                    .json(), d -> "blue".equals(d.at("/state/reported/led").asText()));
            assertThat(after.at("/state/reported/led").asText()).isEqualTo("blue");
            assertThat(after.at("/state/delta").isMissingNode()).as("delta empty").isTrue();
            assertThat(after.at("/state/reported/temperature_sensor").asText()).matches("\\d+\\.\\d");
        }
    }

    /** Counts a Paho client's connection loss. */
    private static final class CountingLoss {
        private final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);

        CountingLoss(org.eclipse.paho.client.mqttv3.MqttAsyncClient c) {
            c.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    latch.countDown();
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
        }

        boolean await() throws InterruptedException {
            return latch.await(60, TimeUnit.SECONDS);
        }
    }
}
