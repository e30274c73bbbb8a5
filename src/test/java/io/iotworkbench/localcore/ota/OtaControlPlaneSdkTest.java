package io.iotworkbench.localcore.ota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.localcore.LocalIoTCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateOtaUpdateResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.OTAUpdateStatus;
import software.amazon.awssdk.services.iot.model.Protocol;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Streams and OTA updates through the unmodified SDK {@link IotClient} over real HTTP, including errors. */
@Tag("integration")
class OtaControlPlaneSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/ota";

    @TempDir
    Path dir;

    private LocalIoTCore core;
    private IotClient iot;
    private byte[] image;

    @BeforeEach
    void start() throws Exception {
        core = LocalIoTCore.start(LocalIoTCore.Config.defaults(dir).withVirtualDevice(false));
        iot = IotClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "s")))
                .endpointOverride(URI.create(core.apiEndpoint())).httpClient(new io.iotworkbench.aws.JdkHttpTransport())
                .build();
        iot.createThing(r -> r.thingName("w800"));
        image = new byte[40_000];
        new Random(3).nextBytes(image);
        core.objects().put("fw-bucket", "app.img", image);
    }

    @AfterEach
    void stop() {
        iot.close();
        core.close();
    }

    @Test
    void streamsCreateDescribeListUpdateDelete() {
        var created = iot.createStream(r -> r.streamId("s1").description("firmware").roleArn(ROLE)
                .files(f -> f.fileId(0).s3Location(l -> l.bucket("fw-bucket").key("app.img"))));
        assertThat(created.streamArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:stream/s1");
        assertThat(created.streamVersion()).isEqualTo(1);
        assertThatThrownBy(() -> iot.createStream(r -> r.streamId("s1").roleArn(ROLE)
                .files(f -> f.fileId(0).s3Location(l -> l.bucket("fw-bucket").key("app.img")))))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThatThrownBy(() -> iot.createStream(r -> r.streamId("s2").roleArn(ROLE)
                .files(f -> f.fileId(0).s3Location(l -> l.bucket("fw-bucket").key("missing.img")))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not in the Local IoT Core");
        assertThatThrownBy(() -> iot.createStream(r -> r.streamId("s3").roleArn(ROLE)
                .files(f -> f.fileId(256).s3Location(l -> l.bucket("fw-bucket").key("app.img")))))
                .isInstanceOf(InvalidRequestException.class);

        var info = iot.describeStream(r -> r.streamId("s1")).streamInfo();
        assertThat(info.description()).isEqualTo("firmware");
        assertThat(info.files()).singleElement().satisfies(f -> {
            assertThat(f.fileId()).isZero();
            assertThat(f.s3Location().key()).isEqualTo("app.img");
        });
        assertThat(info.createdAt()).isNotNull();
        assertThat(iot.updateStream(r -> r.streamId("s1").description("v2")).streamVersion()).isEqualTo(2);
        assertThat(iot.listStreams(r -> r.maxResults(10)).streams()).extracting(s -> s.streamId())
                .containsExactly("s1");
        iot.deleteStream(r -> r.streamId("s1"));
        assertThatThrownBy(() -> iot.describeStream(r -> r.streamId("s1")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void createOtaUpdateMakesTheStreamAndTheAfrOtaJobSignedByTheLocalCa() throws Exception {
        String thingArn = core.registry().thingArn("w800");
        CreateOtaUpdateResponse created = iot.createOTAUpdate(r -> r.otaUpdateId("u1").targets(thingArn)
                .protocols(Protocol.MQTT, Protocol.HTTP).roleArn(ROLE)
                .awsJobPresignedUrlConfig(p -> p.expiresInSec(300L))
                .files(f -> f.fileName("app_ota").fileType(0).fileLocation(l -> l.s3Location(s -> s.bucket("fw-bucket")
                        .key("app.img"))).codeSigning(c -> c.startSigningJobParameter(s -> s
                        .signingProfileName("local").signingProfileParameter(p -> p
                                .certificatePathOnDevice("/cert/signer.pem"))))));
        assertThat(created.awsIotJobId()).isEqualTo("AFR_OTA-u1");
        assertThat(created.otaUpdateStatus()).isEqualTo(OTAUpdateStatus.CREATE_COMPLETE);
        assertThat(created.otaUpdateArn()).endsWith(":otaupdate/u1");

        JsonNode doc = JSON.readTree(iot.getJobDocument(r -> r.jobId("AFR_OTA-u1")).document()).path("afr_ota");
        assertThat(doc.path("protocols").toString()).isEqualTo("[\"MQTT\",\"HTTP\"]");
        String stream = doc.path("streamname").asText();
        assertThat(stream).startsWith("AFR_OTA-");
        JsonNode file = doc.path("files").get(0);
        assertThat(file.path("filepath").asText()).isEqualTo("app_ota");
        assertThat(file.path("filesize").asLong()).isEqualTo(image.length);
        assertThat(file.path("fileid").asInt()).isZero();
        assertThat(file.path("certfile").asText()).isEqualTo("/cert/signer.pem");
        assertThat(file.path("auth_scheme").asText()).isEqualTo("aws.s3.presigned");
        assertThat(file.path("update_data_url").asText())
                .isEqualTo("${aws:iot:s3-presigned-url:https://s3.us-east-1.amazonaws.com/fw-bucket/app.img}");
        byte[] signature = Base64.getDecoder().decode(file.path("sig-sha256-ecdsa").asText());
        assertThat(CodeSigner.verify(core.codeSigner().certificate().getPublicKey(), image, signature)).isTrue();
        assertThat(core.codeSigner().certificate().getIssuerX500Principal().getName()).contains("Local CA");
        assertThat(iot.describeStream(r -> r.streamId(stream)).streamInfo().files()).hasSize(1);

        var info = iot.getOTAUpdate(r -> r.otaUpdateId("u1")).otaUpdateInfo();
        assertThat(info.awsIotJobId()).isEqualTo("AFR_OTA-u1");
        assertThat(info.protocols()).containsExactly(Protocol.MQTT, Protocol.HTTP);
        assertThat(info.otaUpdateFiles().get(0).fileLocation().stream().streamId()).isEqualTo(stream);
        assertThat(info.awsJobPresignedUrlConfig().expiresInSec()).isEqualTo(300L);
        assertThat(iot.listOTAUpdates(r -> r.maxResults(5)).otaUpdates()).extracting(u -> u.otaUpdateId())
                .containsExactly("u1");
        assertThatThrownBy(() -> iot.createOTAUpdate(r -> r.otaUpdateId("u1").targets(thingArn).roleArn(ROLE)
                .files(f -> f.fileLocation(l -> l.s3Location(s -> s.bucket("fw-bucket").key("app.img"))))))
                .isInstanceOf(ResourceAlreadyExistsException.class);

        iot.deleteOTAUpdate(r -> r.otaUpdateId("u1").deleteStream(true).forceDeleteAWSJob(true));
        assertThatThrownBy(() -> iot.getOTAUpdate(r -> r.otaUpdateId("u1")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.describeStream(r -> r.streamId(stream)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.describeJob(r -> r.jobId("AFR_OTA-u1")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void customSignatureIsCarriedAndFailuresCreateNothing() throws Exception {
        String thingArn = core.registry().thingArn("w800");
        byte[] sig = core.codeSigner().sign(image);
        iot.createOTAUpdate(r -> r.otaUpdateId("u2").targets(thingArn).protocols(Protocol.HTTP).roleArn(ROLE)
                .files(f -> f.fileName("app_ota")
                        .fileLocation(l -> l.s3Location(s -> s.bucket("fw-bucket").key("app.img")))
                        .codeSigning(c -> c.customCodeSigning(cc -> cc.hashAlgorithm("SHA256")
                                .signatureAlgorithm("ECDSA")
                                .signature(s -> s.inlineDocument(SdkBytes.fromByteArray(sig)))
                                .certificateChain(ch -> ch.certificateName("mine.pem"))))));
        JsonNode file = JSON.readTree(iot.getJobDocument(r -> r.jobId("AFR_OTA-u2")).document())
                .path("afr_ota").path("files").get(0);
        assertThat(Base64.getDecoder().decode(file.path("sig-sha256-ecdsa").asText())).isEqualTo(sig);
        assertThat(file.path("certfile").asText()).isEqualTo("mine.pem");
        assertThat(JSON.readTree(iot.getJobDocument(r -> r.jobId("AFR_OTA-u2")).document()).path("afr_ota")
                .has("streamname")).as("HTTP only: no stream").isFalse();

        assertThatThrownBy(() -> iot.createOTAUpdate(r -> r.otaUpdateId("u3").targets("arn:aws:iot:us-east-1:"
                + "000000000000:thing/nobody").protocols(Protocol.MQTT).roleArn(ROLE)
                .files(f -> f.fileLocation(l -> l.s3Location(s -> s.bucket("fw-bucket").key("app.img"))))))
                .isInstanceOf(software.amazon.awssdk.services.iot.model.IotException.class);
        assertThat(iot.listStreams(r -> r.maxResults(10)).streams()).as("the failed update left no stream").isEmpty();
        assertThatThrownBy(() -> iot.getOTAUpdate(r -> r.otaUpdateId("u3")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.createOTAUpdate(r -> r.otaUpdateId("u4").targets(thingArn).roleArn(ROLE)
                .awsJobPresignedUrlConfig(p -> p.expiresInSec(5000L))
                .files(f -> f.fileLocation(l -> l.s3Location(s -> s.bucket("fw-bucket").key("app.img"))))))
                .isInstanceOf(InvalidRequestException.class);
    }
}
