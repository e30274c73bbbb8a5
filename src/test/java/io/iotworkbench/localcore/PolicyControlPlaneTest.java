package io.iotworkbench.localcore;

import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.cert.TlsContexts;
import io.iotworkbench.localcore.policy.AccessDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ActionType;
import software.amazon.awssdk.services.iot.model.AuthDecision;
import software.amazon.awssdk.services.iot.model.AuthInfo;
import software.amazon.awssdk.services.iot.model.AuthResult;
import software.amazon.awssdk.services.iot.model.MalformedPolicyException;
import software.amazon.awssdk.services.iot.model.Policy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The policy operations of the control plane through the AWS SDK over real HTTP (TestAuthorization,
 * GetEffectivePolicies, AttachPolicy on a thing group, ListTargetsForPolicy, MalformedPolicyException), and the
 * HTTPS device endpoint's 403 for what a policy does not allow.
 */
@Tag("integration")
class PolicyControlPlaneTest {

    private static final String ARN = "arn:aws:iot:us-east-1:000000000000:";

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private IotClient iot;

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false));
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

    private static AuthInfo info(ActionType type, String resource) {
        return AuthInfo.builder().actionType(type).resources(ARN + resource).build();
    }

    @Test
    void testAuthorizationAnswersAsAwsDoes() throws Exception {
        var dev = core.provision("lamp");
        iot.createPolicy(r -> r.policyName("NoSecrets").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Deny\",\"Action\":\"iot:Publish\",\"Resource\":\"" + ARN + "topic/secret/*\"}]}"));
        iot.attachPolicy(r -> r.policyName("NoSecrets").target(dev.certificateArn()));
        List<AuthResult> results = iot.testAuthorization(r -> r.principal(dev.certificateArn()).clientId("lamp")
                .authInfos(info(ActionType.CONNECT, "client/lamp"),
                        info(ActionType.PUBLISH, "topic/$aws/things/lamp/shadow/update"),
                        info(ActionType.SUBSCRIBE, "topicfilter/#"),
                        info(ActionType.PUBLISH, "topic/secret/x"))).authResults();
        assertThat(results).extracting(AuthResult::authDecision).containsExactly(AuthDecision.ALLOWED,
                AuthDecision.ALLOWED, AuthDecision.IMPLICIT_DENY, AuthDecision.EXPLICIT_DENY);
        assertThat(results.get(0).allowed().policies()).extracting(Policy::policyName)
                .containsExactly(LocalIoTCore.Identity.DEVICE.policyName());
        assertThat(results.get(2).denied().implicitDeny().policies()).extracting(Policy::policyName)
                .contains(LocalIoTCore.Identity.DEVICE.policyName(), "NoSecrets");
        assertThat(results.get(3).denied().explicitDeny().policies()).extracting(Policy::policyName)
                .containsExactly("NoSecrets");
        // another client id: the thing variables do not resolve
        assertThat(iot.testAuthorization(r -> r.principal(dev.certificateArn()).clientId("other")
                .authInfos(info(ActionType.CONNECT, "client/other"))).authResults().get(0).authDecision())
                .isEqualTo(AuthDecision.IMPLICIT_DENY);
        // policyNamesToSkip / ToAdd
        assertThat(iot.testAuthorization(r -> r.principal(dev.certificateArn()).clientId("lamp")
                .policyNamesToSkip("NoSecrets").authInfos(info(ActionType.PUBLISH, "topic/secret/x")))
                .authResults().get(0).authDecision()).isEqualTo(AuthDecision.IMPLICIT_DENY);
        assertThat(core.decisions().total()).as("TestAuthorization records nothing").isZero();
    }

    @Test
    void getEffectivePoliciesIncludesThingGroupPolicies() throws Exception {
        var dev = core.provision("lamp");
        iot.createThingGroup(r -> r.thingGroupName("lights"));
        iot.createPolicy(r -> r.policyName("Lights").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"" + ARN + "topic/lights/*\"}]}"));
        iot.attachPolicy(r -> r.policyName("Lights").target(ARN + "thinggroup/lights"));
        iot.addThingToThingGroup(r -> r.thingGroupName("lights").thingName("lamp"));
        assertThat(iot.listTargetsForPolicy(r -> r.policyName("Lights")).targets())
                .containsExactly(ARN + "thinggroup/lights");
        assertThat(iot.getEffectivePolicies(r -> r.principal(dev.certificateArn()).thingName("lamp"))
                .effectivePolicies()).extracting(p -> p.policyName())
                .containsExactlyInAnyOrder(LocalIoTCore.Identity.DEVICE.policyName(), "Lights");
        assertThat(iot.testAuthorization(r -> r.principal(dev.certificateArn()).clientId("lamp")
                .authInfos(info(ActionType.PUBLISH, "topic/lights/1"))).authResults().get(0).authDecision())
                .isEqualTo(AuthDecision.ALLOWED);
        assertThatThrownBy(() -> iot.attachPolicy(r -> r.policyName("Lights").target(ARN + "thinggroup/none")))
                .hasMessageContaining("none");
    }

    @Test
    void policiesTheEvaluatorCannotReadAreMalformed() {
        assertThatThrownBy(() -> iot.createPolicy(r -> r.policyName("Bad").policyDocument("{\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"topic/a\"}]}")))
                .isInstanceOf(MalformedPolicyException.class).hasMessageContaining("not an ARN");
    }

    @Test
    void theHttpsDeviceEndpointAnswers403ForWhatNoPolicyAllows() throws Exception {
        var dev = core.provision("lamp");
        var ctx = TlsContexts.clientContext(PemFiles.readCertificates(dev.certificateFile()),
                PemFiles.readPrivateKey(dev.privateKeyFile()), PemFiles.readCertificates(core.caFile()));
        HttpClient http = HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://" + core.httpsHost() + ":"
                + core.httpsPort() + "/topics/anything?qos=1")).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("iot:Publish").contains("topic/anything");
        assertThat(core.decisions().snapshot()).filteredOn(d -> !d.allowed()).extracting(AccessDecision::clientId)
                .containsOnlyNulls();
    }
}
