package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.localcore.DeviceIdentity;
import io.iotworkbench.localcore.LocalIoTCore;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS's rule for Jobs replies (decision 0007), with Paho clients over TLS: the {@code accepted}/{@code rejected}
 * reply goes to the client that published the request, whether or not it subscribed, exactly once, and to nobody
 * else (not even a client subscribed to the reply topic or to {@code #}); a request published over HTTPS changes
 * the execution but is answered to no one.
 */
@Tag("integration")
class JobsRepliesTest {

    static final String DOC = "{\"operation\":\"reboot\"}";
    static final String T = "$aws/things/dev1/jobs/";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A message a client received. */
    record Received(String topic, JsonNode body) {
    }

    /** A Paho client that keeps every message it receives, subscribed or not (Paho hands all to the callback). */
    static final class Client implements AutoCloseable {
        final MqttAsyncClient paho;
        final List<Received> received = new CopyOnWriteArrayList<>();

        Client(LocalIoTCore core, LocalIoTCore.ProvisionedThing thing, String clientId) throws Exception {
            var ctx = TlsContexts.clientContext(PemFiles.readCertificates(thing.certificateFile()),
                    PemFiles.readPrivateKey(thing.privateKeyFile()), PemFiles.readCertificates(core.caFile()));
            MqttConnectOptions o = new MqttConnectOptions();
            o.setSocketFactory(TlsContexts.socketFactory(ctx, core.mqttHost(), core.mqttPort()));
            o.setCleanSession(true);
            paho = new MqttAsyncClient("ssl://" + core.mqttHost() + ":" + core.mqttPort(), clientId,
                    new MemoryPersistence());
            paho.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) throws Exception {
                    received.add(new Received(topic, JSON.readTree(message.getPayload())));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            paho.connect(o).waitForCompletion(60_000);
        }

        Client subscribe(String filter) throws Exception {
            paho.subscribe(filter, 1).waitForCompletion(60_000);
            return this;
        }

        void publish(String topic, String payload) throws Exception {
            paho.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(60_000);
        }

        /** Waits (up to a minute: the machine may be busy) for a message on {@code topic}; its body. */
        JsonNode await(String topic) {
            return Awaitility.await(topic).atMost(Duration.ofSeconds(60)).until(
                    () -> received.stream().filter(r -> r.topic().equals(topic)).findFirst(), Optional::isPresent)
                    .orElseThrow().body();
        }

        List<String> seen() {
            return received.stream().map(Received::topic).toList();
        }

        @Override
        public void close() {
            DeviceIdentity.closeQuietly(paho);
        }
    }

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private final List<Client> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false));
        core.provision("dev1");
        core.jobs().createJob(new JobsService.CreateJobRequest("j1", List.of(core.registry().thingArn("dev1")), DOC,
                null, null, null, null));
    }

    @AfterEach
    void stop() {
        clients.forEach(Client::close);
        if (core != null) {
            core.close();
        }
    }

    private Client client(String thing, String clientId) throws Exception {
        return client(thing, clientId, LocalIoTCore.Identity.DEVICE);
    }

    /** A client with the identity it needs (an observer of every topic is the workbench, not a device). */
    private Client client(String thing, String clientId, LocalIoTCore.Identity identity) throws Exception {
        var provisioned = core.provision(thing, identity);
        // the tests' sentinel messages go through test/…: devices may use those topics too
        try {
            core.registry().getPolicy("TestTopics");
        } catch (io.iotworkbench.localcore.registry.RegistryException missing) {
            core.registry().createPolicy("TestTopics", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Allow\",\"Action\":[\"iot:Publish\",\"iot:Receive\",\"iot:Subscribe\"],\"Resource\":["
                    + "\"arn:aws:iot:*:*:topic/test/*\",\"arn:aws:iot:*:*:topicfilter/test/*\"]}]}");
        }
        core.registry().attachPolicy("TestTopics", provisioned.certificateArn());
        Client c = new Client(core, provisioned, clientId);
        clients.add(c);
        return c;
    }

    @Test
    void theRequesterGetsItsReplyWithoutSubscribing() throws Exception {
        Client device = client("dev1", "dev1");
        device.publish(T + "$next/get", "{\"clientToken\":\"c1\"}");
        JsonNode reply = device.await(T + "$next/get/accepted");
        assertThat(reply.at("/execution/jobId").asText()).isEqualTo("j1");
        assertThat(reply.at("/execution/jobDocument/operation").asText()).isEqualTo("reboot");
        assertThat(reply.get("clientToken").asText()).isEqualTo("c1");

        device.publish(T + "start-next", "{}");
        assertThat(device.await(T + "start-next/accepted").at("/execution/status").asText())
                .isEqualTo("IN_PROGRESS");
        device.publish(T + "nope/update", "{\"status\":\"SUCCEEDED\"}");
        assertThat(device.await(T + "nope/update/rejected").get("code").asText())
                .isEqualTo("ResourceNotFound");
        assertThat(device.seen()).as("nothing but the replies, which it never subscribed to").containsExactly(
                T + "$next/get/accepted", T + "start-next/accepted", T + "nope/update/rejected");
    }

    @Test
    void nobodyElseGetsTheReplyAndTheRequesterGetsItOnce() throws Exception {
        Client observer = client("watcher", "watcher", LocalIoTCore.Identity.WORKBENCH).subscribe("#")
                .subscribe(T + "#").subscribe(T + "start-next/accepted");
        Client device = client("dev1", "dev1").subscribe(T + "start-next/accepted");
        device.publish(T + "start-next", "{\"clientToken\":\"s1\"}");
        assertThat(device.await(T + "start-next/accepted").get("clientToken").asText()).isEqualTo("s1");
        // what the same request published to subscribers, and a message sent after the reply arrived
        observer.await(T + "notify");
        device.publish("test/after-the-reply", "{}");
        observer.await("test/after-the-reply");
        device.subscribe("test/#").publish("test/after-the-reply", "{}");
        device.await("test/after-the-reply");

        assertThat(observer.seen()).noneMatch(t -> t.endsWith("/accepted") || t.endsWith("/rejected"));
        assertThat(device.seen()).filteredOn((T + "start-next/accepted")::equals).hasSize(1);
    }

    @Test
    void aRequestPublishedOverHttpsIsAnsweredToNoOne() throws Exception {
        Client device = client("dev1", "dev1").subscribe(T + "#");
        try (IotDataPlaneClient data = IotDataPlaneClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "s")))
                .endpointOverride(URI.create(core.apiEndpoint())).httpClient(new io.iotworkbench.aws.JdkHttpTransport())
                .build()) {
            data.publish(r -> r.topic(T + "start-next").qos(1).payload(SdkBytes.fromUtf8String("{}")));
        }
        // the request was carried out: the change's notification reaches the subscribed device
        assertThat(device.await(T + "notify").at("/jobs/IN_PROGRESS/0/jobId").asText()).isEqualTo("j1");
        assertThat(core.jobs().describeJobExecution("dev1", "j1", null).at("/execution/status").asText())
                .isEqualTo("IN_PROGRESS");
        device.subscribe("test/#").publish("test/after", "{}");
        device.await("test/after");
        assertThat(device.seen()).noneMatch(t -> t.endsWith("/accepted") || t.endsWith("/rejected"));
    }
}
