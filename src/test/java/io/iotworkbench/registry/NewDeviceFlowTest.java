package io.iotworkbench.registry;

import io.iotworkbench.cert.WmSdkExport;
import io.iotworkbench.cert.aws.PolicyDocuments;
import io.iotworkbench.localcore.LocalIoTCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The new-device flow through the SDK against the Local IoT Core: CSR and AWS-made keys, WM SDK files. */
@Tag("integration")
class NewDeviceFlowTest {

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private IotClient iot;

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("core")).withVirtualDevice(false));
        iot = IotClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "s")))
                .endpointOverride(URI.create(core.apiEndpoint())).httpClient(new io.iotworkbench.aws.JdkHttpTransport())
                .build();
    }

    @AfterEach
    void stop() {
        iot.close();
        core.close();
    }

    @Test
    void csrFlowWithWmSdkFiles() throws Exception {
        Path sdk = dir.resolve("wm-iot-sdk");
        Files.createDirectories(sdk.resolve(WmSdkExport.AWS_EXAMPLES).resolve("cert/internal"));
        Files.createDirectories(sdk.resolve("components"));
        List<String> steps = new ArrayList<>();
        var r = new NewDeviceFlow(iot).run(new NewDeviceFlow.Request("w800_a", dir.resolve("a"), true, sdk,
                core.caFile()), steps::add);
        assertThat(steps).hasSize(6).last().asString().startsWith("5/5 WM SDK");
        assertThat(steps).noneMatch(s -> s.contains("PRIVATE KEY"));
        assertThat(Files.readString(sdk.resolve(WmSdkExport.AWS_EXAMPLES).resolve(WmSdkExport.CERTIFICATE)))
                .isEqualTo(Files.readString(r.certificateFile()));
        assertThat(iot.listThingPrincipals(b -> b.thingName("w800_a")).principals())
                .containsExactly(r.certificateArn());
        String policy = iot.getPolicy(b -> b.policyName("w800_a-policy")).policyDocument();
        assertThat(policy).as("the one least-privilege policy, for the thing's region and account")
                .isEqualTo(NewDeviceFlow.policyFor(r.thingArn()))
                .isEqualTo(PolicyDocuments.leastPrivilege(r.thingArn().split(":")[3], r.thingArn().split(":")[4]))
                .contains("client/" + PolicyDocuments.THING_VARIABLE,
                        "topic/$aws/things/" + PolicyDocuments.THING_VARIABLE + "/shadow/*")
                .doesNotContain("\"iot:*\"");
    }

    @Test
    void awsMadeKeysAndRefusals() throws Exception {
        var r = new NewDeviceFlow(iot).run(new NewDeviceFlow.Request("w800_b", dir.resolve("b"), false, null,
                null), s -> { });
        assertThat(Files.readString(r.privateKeyFile())).contains("PRIVATE KEY");
        assertThatThrownBy(() -> new NewDeviceFlow(iot).run(new NewDeviceFlow.Request("w800_c", dir.resolve("b"),
                true, null, null), s -> { })).hasMessageContaining("already holds");
        assertThatThrownBy(() -> new NewDeviceFlow(iot).run(new NewDeviceFlow.Request("bad name", dir.resolve("c"),
                true, null, null), s -> { })).hasMessageContaining("thing name");
    }
}
