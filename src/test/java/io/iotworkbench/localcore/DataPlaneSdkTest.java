package io.iotworkbench.localcore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.ConflictException;
import software.amazon.awssdk.services.iotdataplane.model.InvalidRequestException;
import software.amazon.awssdk.services.iotdataplane.model.ResourceNotFoundException;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The unmodified AWS SDK's IotDataPlaneClient against the Local IoT Core's REST port, and MQTT/HTTPS agreement. */
@Tag("integration")
class DataPlaneSdkTest {

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private IotDataPlaneClient data;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false));
        data = IotDataPlaneClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "s")))
                .endpointOverride(URI.create(core.apiEndpoint())).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        data.close();
        core.close();
    }

    private JsonNode body(SdkBytes bytes) throws Exception {
        return json.readTree(bytes.asByteArray());
    }

    @Test
    void updateGetDeleteAndListNamedShadowsThroughTheSdk() throws Exception {
        JsonNode accepted = body(data.updateThingShadow(r -> r.thingName("pump7")
                .payload(SdkBytes.fromUtf8String("{\"state\":{\"desired\":{\"speed\":3}}}"))).payload());
        assertThat(accepted.get("version").asLong()).isEqualTo(1);
        JsonNode got = body(data.getThingShadow(r -> r.thingName("pump7")).payload());
        assertThat(got.at("/state/desired/speed").asInt()).isEqualTo(3);
        assertThat(got.at("/state/delta/speed").asInt()).isEqualTo(3);

        data.updateThingShadow(r -> r.thingName("pump7").shadowName("limits")
                .payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{\"max\":9}}}")));
        data.updateThingShadow(r -> r.thingName("pump7").shadowName("alarms")
                .payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{\"on\":false}}}")));
        assertThat(data.listNamedShadowsForThing(r -> r.thingName("pump7")).results())
                .containsExactly("alarms", "limits");
        var page = data.listNamedShadowsForThing(r -> r.thingName("pump7").pageSize(1));
        assertThat(page.results()).containsExactly("alarms");
        assertThat(data.listNamedShadowsForThing(r -> r.thingName("pump7").pageSize(1).nextToken(page.nextToken()))
                .results()).containsExactly("limits");
        assertThat(data.listNamedShadowsForThing(r -> r.thingName("nobody")).results()).isEmpty();

        JsonNode deleted = body(data.deleteThingShadow(r -> r.thingName("pump7")).payload());
        assertThat(deleted.get("version").asLong()).isEqualTo(1);
        assertThatThrownBy(() -> data.getThingShadow(r -> r.thingName("pump7")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("No shadow exists with name");
    }

    @Test
    void errorsArriveAsTheSdksExceptionTypes() {
        assertThatThrownBy(() -> data.updateThingShadow(r -> r.thingName("x")
                .payload(SdkBytes.fromUtf8String("{oops"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Invalid JSON");
        data.updateThingShadow(r -> r.thingName("x").payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{}}}")));
        assertThatThrownBy(() -> data.updateThingShadow(r -> r.thingName("x")
                .payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{\"a\":1}},\"version\":9}"))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Version conflict");
        assertThatThrownBy(() -> data.deleteThingShadow(r -> r.thingName("never")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void mqttAndHttpsGiveTheSameDocuments() throws Exception {
        var thing = core.provision("dual", LocalIoTCore.Identity.WORKBENCH);
        try (ShadowClient mqtt = new ShadowClient(core, thing, "dual").subscribe("$aws/things/dual/shadow/#")) {
            String p = "$aws/things/dual/shadow";
            mqtt.request(p + "/update", "{\"state\":{\"reported\":{\"fw\":\"1.2\",\"ok\":true}}}", "/accepted");
            data.updateThingShadow(r -> r.thingName("dual")
                    .payload(SdkBytes.fromUtf8String("{\"state\":{\"desired\":{\"fw\":\"1.3\"}}}")));
            JsonNode viaMqtt = mqtt.request(p + "/get", "", "/accepted").json();
            JsonNode viaHttps = body(data.getThingShadow(r -> r.thingName("dual")).payload());
            assertThat(viaHttps.get("state")).isEqualTo(viaMqtt.get("state"));
            assertThat(viaHttps.get("metadata")).isEqualTo(viaMqtt.get("metadata"));
            assertThat(viaHttps.get("version")).isEqualTo(viaMqtt.get("version"));
            assertThat(viaHttps.get("version").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aRestUpdatePublishesTheMqttMessagesAndRestPublishReachesSubscribers() throws Exception {
        var thing = core.provision("listener", LocalIoTCore.Identity.WORKBENCH);
        try (ShadowClient mqtt = new ShadowClient(core, thing, "listener")
                .subscribe("$aws/things/t9/shadow/#").subscribe("plant/+/alarm")) {
            data.updateThingShadow(r -> r.thingName("t9")
                    .payload(SdkBytes.fromUtf8String("{\"state\":{\"desired\":{\"on\":true}}}")));
            assertThat(mqtt.next("/update/accepted").json().get("version").asLong()).isEqualTo(1);
            assertThat(mqtt.next("/update/delta").json().at("/state/on").asBoolean()).isTrue();
            data.publish(r -> r.topic("plant/7/alarm").qos(1).payload(SdkBytes.fromUtf8String("{\"level\":3}")));
            assertThat(mqtt.next("plant/7/alarm").json().get("level").asInt()).isEqualTo(3);
            data.publish(r -> r.topic("$aws/things/t9/shadow/update").qos(1)
                    .payload(SdkBytes.fromUtf8String("{\"state\":{\"reported\":{\"on\":true}}}")));
            assertThat(mqtt.next("/update/accepted").json().get("version").asLong()).isEqualTo(2);
        }
        assertThatThrownBy(() -> data.publish(r -> r.topic("$aws/things/t9/shadow/update/accepted")
                .payload(SdkBytes.fromUtf8String("{}")))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("reserved topic");
    }

    @Test
    void describeEndpointNamesTheLocalBroker() {
        try (IotClient iot = IotClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "s")))
                .endpointOverride(URI.create(core.apiEndpoint())).httpClient(UrlConnectionHttpClient.create())
                .build()) {
            assertThat(iot.describeEndpoint(r -> r.endpointType("iot:Data-ATS")).endpointAddress())
                    .isEqualTo(core.mqttHost());
        }
    }
}
