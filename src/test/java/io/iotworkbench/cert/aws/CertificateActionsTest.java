package io.iotworkbench.cert.aws;

import io.iotworkbench.cert.CertificateBundle;
import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateIds;
import io.iotworkbench.cert.ConnectionCheck;
import io.iotworkbench.cert.ConnectionReport;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.localcore.LocalIoTCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateStatus;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The certificate and policy actions through the unmodified SDK against a real in-process Local IoT Core. */
@Tag("integration")
class CertificateActionsTest {

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private IotClient iot;
    private CertificateActions actions;

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir.resolve("core")).withVirtualDevice(false));
        iot = IotClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "s")))
                .endpointOverride(URI.create(core.apiEndpoint())).httpClient(UrlConnectionHttpClient.create()).build();
        actions = new CertificateActions(iot);
    }

    @AfterEach
    void stop() {
        iot.close();
        core.close();
    }

    @Test
    void createFromCsrAttachPolicyAttachThingThenConnectOverMqtt() throws Exception {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        var created = actions.createFromCsr(CertificateFactory.csr(keys, "CN=sensor-7"), true);
        Path certFile = dir.resolve("sensor-7-certificate.pem.crt");
        var certificate = CertificateActions.writeCertificate(created.certificatePem(), certFile);
        assertThat(CertificateIds.of(certificate)).isEqualTo(created.certificateId());
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());

        String policy = PolicyDocuments.leastPrivilege("us-east-1", null);
        assertThat(new PolicyActions(iot).createOrUpdate("sensor-policy", policy))
                .isEqualTo(PolicyActions.Outcome.CREATED);
        assertThat(new PolicyActions(iot).document("sensor-policy")).isPresent();
        actions.attachPolicy("sensor-policy", created.certificateArn());
        actions.attachToThing("sensor-7", created.certificateArn());
        assertThat(actions.policies(created.certificateArn())).containsExactly("sensor-policy");
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(policy);
        tree.withArray("Statement").addObject().put("Effect", "Allow").put("Action", "iot:Publish")
                .put("Resource", "arn:aws:iot:us-east-1:000000000000:topic/extra");
        String edited = tree.toString();
        assertThat(new PolicyActions(iot).createOrUpdate("sensor-policy", edited))
                .as("an existing policy gets a new default version").isEqualTo(PolicyActions.Outcome.UPDATED);
        assertThat(new PolicyActions(iot).document("sensor-policy")).hasValueSatisfying(d ->
                assertThat(d).contains("topic/extra"));
        assertThat(iot.getPolicy(r -> r.policyName("sensor-policy")).defaultVersionId()).isEqualTo("2");
        assertThat(actions.policies(created.certificateArn())).as("attachments survive the new version")
                .containsExactly("sensor-policy");
        assertThat(actions.things(created.certificateArn())).containsExactly("sensor-7");

        CertificateBundle bundle = new CertificateBundle(List.of(certificate), keys.getPrivate(),
                PemFiles.readCertificates(core.caFile()));
        ConnectionReport report = new ConnectionCheck(Duration.ofSeconds(5))
                .run(bundle, core.mqttHost(), core.mqttPort(), "sensor-7");
        assertThat(report.succeeded()).as(report.toString()).isTrue();

        actions.deactivate(created.certificateId());
        assertThat(actions.describe(created.certificateId()).status()).isEqualTo(CertificateStatus.INACTIVE);
        assertThat(new ConnectionCheck(Duration.ofSeconds(5))
                .run(bundle, core.mqttHost(), core.mqttPort(), "sensor-7").succeeded()).isFalse();
    }

    @Test
    void createKeysAndCertificateWritesTheKeyOwnerOnlyAndRefusesAnExistingFileBeforeTheCall() throws Exception {
        Path key = dir.resolve("out/dev-private.pem.key");
        Path cert = dir.resolve("out/dev-certificate.pem.crt");
        var created = actions.createKeysAndCertificate(key, cert, false);
        assertThat(PemFiles.readPrivateKey(key)).isNotNull();
        assertThat(CertificateIds.of(PemFiles.readCertificate(cert))).isEqualTo(created.certificateId());
        if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(key))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(actions.describe(created.certificateId()).status()).isEqualTo(CertificateStatus.INACTIVE);

        int before = actions.list().size();
        byte[] keyBytes = Files.readAllBytes(key);
        assertThatThrownBy(() -> actions.createKeysAndCertificate(key, dir.resolve("other.crt"), true))
                .hasMessageContaining("exists already");
        assertThat(actions.list()).hasSize(before);
        assertThat(Files.readAllBytes(key)).isEqualTo(keyBytes);
    }

    @Test
    void registerWithoutCaThenActivateRevokeAndDeleteWithItsDetachSteps() throws Exception {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        var self = CertificateFactory.selfSigned(keys, "CN=bench-1", Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(365, ChronoUnit.DAYS));
        var registered = actions.registerWithoutCa(self, false);
        assertThat(registered.certificateId()).isEqualTo(CertificateIds.of(self));
        assertThat(actions.list()).extracting(CertificateActions.Listed::certificateId)
                .contains(registered.certificateId());
        actions.activate(registered.certificateId());
        assertThat(actions.describe(registered.certificateId()).status()).isEqualTo(CertificateStatus.ACTIVE);

        new PolicyActions(iot).createOrUpdate("p1", PolicyDocuments.leastPrivilege(null, null));
        actions.attachPolicy("p1", registered.certificateArn());
        actions.attachToThing("bench-1", registered.certificateArn());
        var report = actions.delete(registered.certificateId());
        assertThat(report.detachedPolicies()).containsExactly("p1");
        assertThat(report.detachedThings()).containsExactly("bench-1");
        assertThat(report.deactivated()).isTrue();
        assertThat(actions.list()).extracting(CertificateActions.Listed::certificateId)
                .doesNotContain(registered.certificateId());

        var other = actions.registerWithoutCa(CertificateFactory.selfSigned(keys, "CN=bench-2",
                Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(9, ChronoUnit.DAYS)), true);
        actions.revoke(other.certificateId());
        assertThat(actions.describe(other.certificateId()).status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(actions.delete(other.certificateId()).deactivated()).isFalse();
    }

    @Test
    void sdkErrorsAreExplainedInOneSentence() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> actions.describe("00".repeat(32)));
        assertThat(CertificateActions.explain(e)).isNotBlank().doesNotContain("\n");
        assertThatThrownBy(() -> new PolicyActions(iot).createOrUpdate("bad", "{\"Version\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Version");
    }
}
