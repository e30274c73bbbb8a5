package io.iotworkbench.localcore;

import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.localcore.policy.AccessDecision;
import io.iotworkbench.localcore.policy.PolicyMode;
import io.iotworkbench.localcore.policy.PolicySimulator;
import io.iotworkbench.localcore.registry.RegistryException;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * IoT policies enforced by the Local IoT Core on real Paho clients over TLS, one test per bullet of AWS IoT's MQTT
 * 3.1.1 behaviour: CONNACK 5, a closed connection on an unauthorized PUBLISH, SUBACK 0x80, Receive per delivery,
 * changes within a second, thing-group policies, lifecycle events, and log mode.
 */
@Tag("integration")
class PolicyEnforcementTest {

    private static final String ARN = "arn:aws:iot:us-east-1:000000000000:";

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private final List<MqttAsyncClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(c -> io.iotworkbench.localcore.DeviceIdentity.closeQuietly(c));
        if (core != null) {
            core.close();
        }
    }

    private void start(PolicyMode mode) throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false).withPolicies(mode));
    }

    private MqttAsyncClient connect(LocalIoTCore.ProvisionedThing thing, String clientId) throws Exception {
        var ctx = TlsContexts.clientContext(PemFiles.readCertificates(thing.certificateFile()),
                PemFiles.readPrivateKey(thing.privateKeyFile()), PemFiles.readCertificates(core.caFile()));
        MqttConnectOptions o = new MqttConnectOptions();
        o.setSocketFactory(TlsContexts.socketFactory(ctx, core.mqttHost(), core.mqttPort()));
        o.setCleanSession(true);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        MqttAsyncClient c = new MqttAsyncClient("ssl://" + core.mqttHost() + ":" + core.mqttPort(), clientId,
                new MemoryPersistence());
        clients.add(c);
        c.connect(o).waitForCompletion(30_000);
        return c;
    }

    private static BlockingQueue<String> subscribe(MqttAsyncClient c, String filter) throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        IMqttToken t = c.subscribe(filter, 1, (topic, m) -> got.add(topic + " " + new String(m.getPayload(),
                StandardCharsets.UTF_8)));
        t.waitForCompletion(30_000);
        assertThat(t.getGrantedQos()).containsExactly(1);
        return got;
    }

    private static void publish(MqttAsyncClient c, String topic, String payload) throws Exception {
        c.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(30_000);
    }

    private LocalIoTCore.ProvisionedThing withoutPolicy(String thing) throws Exception {
        var t = core.provision(thing);
        core.registry().detachPolicy(LocalIoTCore.Identity.DEVICE.policyName(), t.certificateArn());
        return t;
    }

    private void policy(String name, String statements) {
        core.registry().createPolicy(name, "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
    }

    @Test
    void aCertificateWithoutPolicyGetsConnAck5AndTheDenialIsRecordedWithWhy() throws Exception {
        start(PolicyMode.ENFORCE);
        var bare = withoutPolicy("bare");
        assertThatThrownBy(() -> connect(bare, "bare")).isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode())
                        .isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
        AccessDecision d = core.decisions().snapshot().stream().filter(x -> !x.allowed()).findFirst().orElseThrow();
        assertThat(d.action()).isEqualTo("iot:Connect");
        assertThat(d.resource()).isEqualTo("client/bare");
        assertThat(d.verdict()).isEqualTo(AccessDecision.Verdict.IMPLICIT_DENY);
        assertThat(d.certificateId()).isEqualTo(bare.certificateId());
        assertThat(d.reason()).contains("no policy is attached");
        assertThat(d.variables()).containsEntry("iot:ClientId", "bare")
                .containsEntry("iot:Connection.Thing.ThingName", "bare");
    }

    @Test
    void aThingsCertificateCannotConnectAsAnotherClientIdAndDenyAllWins() throws Exception {
        start(PolicyMode.ENFORCE);
        var t1 = core.provision("t1");
        core.provision("t2");
        assertThatThrownBy(() -> connect(t1, "t2")).isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(5));
        connect(t1, "t1").disconnect().waitForCompletion(10_000);
        policy("DenyAll", "{\"Effect\":\"Deny\",\"Action\":\"iot:*\",\"Resource\":\"*\"}");
        core.registry().attachPolicy("DenyAll", t1.certificateArn());
        assertThatThrownBy(() -> connect(t1, "t1")).isInstanceOf(MqttException.class);
        AccessDecision d = core.decisions().snapshot().get(core.decisions().snapshot().size() - 1);
        assertThat(d.verdict()).isEqualTo(AccessDecision.Verdict.EXPLICIT_DENY);
        assertThat(d.policyName()).isEqualTo("DenyAll");
        assertThat(d.statementIndex()).isZero();
        assertThat(d.policyDocument()).contains("Deny");
    }

    @Test
    void anUnauthorizedPublishClosesTheConnectionAndNothingIsDelivered() throws Exception {
        start(PolicyMode.ENFORCE);
        MqttAsyncClient watcher = connect(core.provision("watcher", LocalIoTCore.Identity.WORKBENCH), "watcher");
        BlockingQueue<String> seen = subscribe(watcher, "#");
        MqttAsyncClient device = connect(core.provision("dev"), "dev");
        BlockingQueue<String> events = subscribe(watcher, "$aws/events/presence/disconnected/+");
        assertThatThrownBy(() -> publish(device, "$aws/things/other/shadow/update", "{}"))
                .isInstanceOf(MqttException.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> !device.isConnected());
        String event = events.poll(30, TimeUnit.SECONDS);
        assertThat(event).contains("\"disconnectReason\":\"AUTH_ERROR\"").contains("\"clientId\":\"dev\"");
        publish(watcher, "probe/after", "1");
        List<String> before = new ArrayList<>();
        String s;
        while ((s = seen.poll(30, TimeUnit.SECONDS)) != null && !s.equals("probe/after 1")) {
            before.add(s);
        }
        assertThat(s).isEqualTo("probe/after 1");
        assertThat(before).noneMatch(x -> x.startsWith("$aws/things/other"));
    }

    @Test
    void anUnauthorizedSubscribeGetsSubAck0x80PerFilter() throws Exception {
        start(PolicyMode.ENFORCE);
        MqttAsyncClient device = connect(core.provision("dev"), "dev");
        IMqttToken t = device.subscribe(new String[] {"#", "$aws/things/dev/shadow/update/accepted"},
                new int[] {1, 1});
        try {
            t.waitForCompletion(30_000);
        } catch (MqttException e) {
            assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
        }
        assertThat(t.getGrantedQos()).containsExactly(0x80, 1);
        assertThat(device.isConnected()).isTrue();
    }

    @Test
    void receiveIsCheckedOnEveryDelivery() throws Exception {
        start(PolicyMode.ENFORCE);
        policy("Reader", "{\"Effect\":\"Allow\",\"Action\":[\"iot:Connect\",\"iot:Subscribe\",\"iot:Receive\"],"
                + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"iot:Receive\",\"Resource\":\"" + ARN
                + "topic/a/secret/*\"}");
        var reader = withoutPolicy("reader");
        core.registry().attachPolicy("Reader", reader.certificateArn());
        BlockingQueue<String> got = subscribe(connect(reader, "reader"), "a/#");
        MqttAsyncClient writer = connect(core.provision("writer", LocalIoTCore.Identity.WORKBENCH), "writer");
        publish(writer, "a/secret/1", "s");
        publish(writer, "a/open", "o");
        assertThat(got.poll(30, TimeUnit.SECONDS)).isEqualTo("a/open o");
        assertThat(got).isEmpty();
        // detaching takes effect for the next delivery of the same subscription
        core.registry().detachPolicy("Reader", reader.certificateArn());
        publish(writer, "a/open", "o2");
        publish(writer, "a/probe", "p");
        await().atMost(Duration.ofSeconds(30)).until(() -> core.decisions().snapshot().stream()
                .anyMatch(d -> d.resource().equals("topic/a/probe") && !d.allowed()));
        assertThat(got).isEmpty();
    }

    @Test
    void policyChangesApplyWithinASecondAndThingGroupPoliciesApply() throws Exception {
        start(PolicyMode.ENFORCE);
        var dev = core.provision("lamp");
        MqttAsyncClient watcher = connect(core.provision("watcher", LocalIoTCore.Identity.WORKBENCH), "watcher");
        BlockingQueue<String> seen = subscribe(watcher, "floor/#");
        policy("Floor", "{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"" + ARN
                + "topic/floor/${iot:Connection.Thing.Attributes[floor]}/${iot:Connection.Thing.ThingName}\"}");
        core.jobs().groups().createThingGroup("lights", null);
        core.registry().attachPolicy("Floor", ARN + "thinggroup/lights");
        assertThat(core.registry().listTargetsForPolicy("Floor", null, null).items())
                .containsExactly(ARN + "thinggroup/lights");
        MqttAsyncClient device = connect(dev, "lamp");
        // the group policy does not apply yet (not a member) and the variable has no value yet
        assertThat(core.policySimulator().simulate(new PolicySimulator.Question(dev.certificateId(), null, "lamp",
                "iot:Publish", "topic/floor/3/lamp")).allowed()).isFalse();
        core.jobs().groups().addThingToThingGroup("lights", "lamp");
        core.registry().updateThing("lamp", new io.iotworkbench.localcore.registry.ThingUpdate(null, false,
                java.util.Map.of("floor", "3"), true, null));
        publish(device, "floor/3/lamp", "on");
        assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo("floor/3/lamp on");
        core.jobs().groups().removeThingFromThingGroup("lights", "lamp");
        assertThat(core.policySimulator().simulate(new PolicySimulator.Question(null, "lamp", null,
                "iot:Publish", "topic/floor/3/lamp")).allowed()).isFalse();
    }

    @Test
    void logModeAllowsButRecordsWhatAwsWouldDeny() throws Exception {
        start(PolicyMode.LOG);
        assertThat(core.policyMode()).isEqualTo(PolicyMode.LOG);
        var bare = withoutPolicy("bare");
        MqttAsyncClient c = connect(bare, "someone-else");
        publish(c, "any/topic", "x");
        assertThat(c.isConnected()).isTrue();
        assertThat(core.decisions().snapshot()).filteredOn(d -> !d.allowed()).extracting(AccessDecision::action)
                .contains("iot:Connect", "iot:Publish");
        assertThat(core.decisions().snapshot()).filteredOn(d -> !d.allowed()).first()
                .satisfies(d -> assertThat(d.reason()).startsWith("allowed in log mode"));
    }

    @Test
    void offModeRecordsNothing() throws Exception {
        start(PolicyMode.OFF);
        MqttAsyncClient c = connect(withoutPolicy("bare"), "x");
        publish(c, "any/topic", "x");
        assertThat(core.decisions().total()).isZero();
    }

    @Test
    void theVirtualDeviceAndTheWorkbenchWorkUnderEnforce() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withPolicies(PolicyMode.ENFORCE));
        var me = core.provision(LocalCoreRuntime.APP_THING, LocalIoTCore.Identity.WORKBENCH);
        try (ShadowClient wb = new ShadowClient(core, me, "iot-workbench")) {
            wb.subscribe("$aws/things/wm_demo_1/shadow/#");
            wb.publish("$aws/things/wm_demo_1/shadow/update", "{\"state\":{\"desired\":{\"led\":\"red\"}}}");
            await().atMost(Duration.ofSeconds(60)).until(() -> "red".equals(
                    core.virtualDevice().orElseThrow().led()));
        }
        assertThat(core.decisions().snapshot()).noneMatch(d -> !d.allowed());
        assertThatThrownBy(() -> core.registry().createPolicy("Bad", "{\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"iot:Publish\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":"
                + "\"1.2.3.4\"}}}]}")).isInstanceOf(RegistryException.class).hasMessageContaining("IpAddress");
    }
}
