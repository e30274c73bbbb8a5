package io.iotworkbench.jobs;

import io.iotworkbench.serial.flash.WmImageBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.model.Protocol;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OTA view's pure parts: the file check, the CreateOTAUpdate mapping for a real account, progress parsing. */
class OtaUpdatePlanTest {

    private static final List<String> THING = List.of("arn:aws:iot:eu-west-1:123456789012:thing/w800");
    private static final String ROLE = "arn:aws:iam::123456789012:role/ota";

    @Test
    void realAccountRequestNamesTheS3ObjectTheSignerProfileAndTheProtocol() {
        var plan = new OtaUpdatePlan("fw-2_1", "new firmware", THING, Protocol.MQTT,
                OtaUpdatePlan.S3Object.parse("s3://my-firmware/w800/app.img"),
                new OtaUpdatePlan.SignerProfile("w800-signer", "/cert/signer.pem"), ROLE, 900, null);
        var r = plan.toRequest();
        assertThat(r.otaUpdateId()).isEqualTo("fw-2_1");
        assertThat(plan.jobId()).isEqualTo("AFR_OTA-fw-2_1");
        assertThat(r.targets()).isEqualTo(THING);
        assertThat(r.protocols()).containsExactly(Protocol.MQTT);
        assertThat(r.roleArn()).isEqualTo(ROLE);
        assertThat(r.awsJobPresignedUrlConfig().expiresInSec()).isEqualTo(900L);
        var file = r.files().get(0);
        assertThat(file.fileName()).isEqualTo("app_ota");
        assertThat(file.fileLocation().s3Location().bucket()).isEqualTo("my-firmware");
        assertThat(file.fileLocation().s3Location().key()).isEqualTo("w800/app.img");
        var signing = file.codeSigning().startSigningJobParameter();
        assertThat(signing.signingProfileName()).isEqualTo("w800-signer");
        assertThat(signing.signingProfileParameter().certificatePathOnDevice()).isEqualTo("/cert/signer.pem");
        assertThat(signing.destination().s3Destination().bucket()).isEqualTo("my-firmware");
        assertThat(file.codeSigning().customCodeSigning()).isNull();
    }

    @Test
    void ownSignatureIsCarriedAsCustomCodeSigning() {
        byte[] sig = {0x30, 0x45, 1, 2, 3};
        var plan = new OtaUpdatePlan("u", null, THING, Protocol.HTTP, new OtaUpdatePlan.S3Object("b", "k.img"),
                new OtaUpdatePlan.OwnSignature(Base64.getEncoder().encodeToString(sig), "mine.pem"), ROLE, 3600, "f");
        var custom = plan.toRequest().files().get(0).codeSigning().customCodeSigning();
        assertThat(custom.signature().inlineDocument().asByteArray()).isEqualTo(sig);
        assertThat(custom.hashAlgorithm()).isEqualTo("SHA256");
        assertThat(custom.signatureAlgorithm()).isEqualTo("ECDSA");
        assertThat(custom.certificateChain().certificateName()).isEqualTo("mine.pem");
        assertThat(plan.retry("u-retry1", List.of("arn:x")).toRequest().targets()).containsExactly("arn:x");
    }

    @Test
    void badInputIsOneSentence() {
        assertThatThrownBy(() -> OtaUpdatePlan.S3Object.parse("my-bucket/app.img")).hasMessageStartingWith(
                "Give the image's place in S3 as s3://bucket/key");
        assertThatThrownBy(() -> new OtaUpdatePlan.OwnSignature("not base64!", "c.pem"))
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> new OtaUpdatePlan("bad id", null, THING, Protocol.HTTP,
                new OtaUpdatePlan.S3Object("b", "k"), new OtaUpdatePlan.SignerProfile("p", "c"), ROLE, 3600, null))
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> new OtaUpdatePlan("id", null, List.of(), Protocol.HTTP,
                new OtaUpdatePlan.S3Object("b", "k"), new OtaUpdatePlan.SignerProfile("p", "c"), ROLE, 3600, null))
                .hasMessage("Choose at least one thing or thing group.");
        assertThatThrownBy(() -> new OtaUpdatePlan("id", null, THING, Protocol.HTTP,
                new OtaUpdatePlan.S3Object("b", "k"), new OtaUpdatePlan.SignerProfile("p", "c"), ROLE, 10, null))
                .hasMessageContaining("60 to 3600");
        assertThat(OtaUpdatePlan.suggestId("2.1.0 beta", 1_700_000_000L)).matches("ota-2_1_0_beta-[a-z0-9]+");
    }

    @Test
    void fileCheckSummarisesAGoodImageAndRefusesABadOneInOneSentence() throws Exception {
        byte[] img = new WmImageBuilder().version("2.1.0").body(new byte[1000]).build();
        OtaImage ok = OtaImage.check("app.img", img);
        assertThat(ok.summary()).startsWith("app.img: 1 image, application 2.1.0").contains("CRC OK");
        assertThat(ok.version()).isEqualTo("2.1.0");
        assertThat(ok.size()).isEqualTo(img.length);

        byte[] damaged = img.clone();
        damaged[damaged.length - 1] ^= 1;
        assertThatThrownBy(() -> OtaImage.check("app.img", damaged)).isInstanceOf(OtaImage.Problem.class)
                .hasMessage("app.img is damaged: the firmware does not match the checksum in its header.");
        assertThatThrownBy(() -> OtaImage.check("x.img", new byte[100])).hasMessage(
                "x.img is not a WM firmware image (it does not start with the WM image magic).");
        assertThatThrownBy(() -> OtaImage.check("x.img", java.util.Arrays.copyOf(img, 200)))
                .hasMessageStartingWith("x.img is cut short");
        assertThatThrownBy(() -> OtaImage.check(java.nio.file.Path.of("notes.txt"))).hasMessageContaining(
                "choose an .img or .fls file");
    }

    @Test
    void progressFromStatusDetails() {
        long size = 100_000;
        assertThat(progress("QUEUED", Map.of(), size).stage()).isEqualTo(OtaDeviceProgress.Stage.QUEUED);
        OtaDeviceProgress d = progress("IN_PROGRESS", Map.of("blocks", "10/25", "progress", "40%"), size);
        assertThat(d.stage()).isEqualTo(OtaDeviceProgress.Stage.DOWNLOADING);
        assertThat(d.bytes()).isEqualTo(40_000);
        assertThat(d.fraction()).isEqualTo(0.4);
        assertThat(d.amount()).isEqualTo("40,000 / 100,000 bytes · 10 / 25 blocks");
        assertThat(progress("IN_PROGRESS", Map.of("receive", "25/25"), size).stage())
                .isEqualTo(OtaDeviceProgress.Stage.VERIFYING);
        assertThat(progress("IN_PROGRESS", Map.of("progress", "50%"), size).bytes()).isEqualTo(50_000);
        assertThat(progress("IN_PROGRESS", Map.of("self_test", "ready", "updatedBy", "2.1.0"), size).stage())
                .isEqualTo(OtaDeviceProgress.Stage.REBOOTING);
        assertThat(progress("IN_PROGRESS", Map.of("self_test", "active"), size).stage())
                .isEqualTo(OtaDeviceProgress.Stage.SELF_TEST);
        OtaDeviceProgress done = progress("SUCCEEDED", Map.of("self_test", "active", "reason", "accepted v2.1.0"),
                size);
        assertThat(done.stateText()).isEqualTo("succeeded");
        assertThat(done.fraction()).isEqualTo(1.0);
        OtaDeviceProgress failed = progress("FAILED", Map.of("reason", "signature check failed"), size);
        assertThat(failed.stateText()).isEqualTo("failed: signature check failed");
        assertThat(progress("REJECTED", Map.of(), size).stateText()).isEqualTo("failed: rejected");
        assertThat(progress("TIMED_OUT", Map.of(), size).stateText()).isEqualTo("failed: timed out");
        assertThat(progress("FAILED", Map.of(), size).stateText()).isEqualTo("failed");
        assertThat(progress("CANCELED", Map.of(), size).stage().isFinal()).isTrue();
    }

    private static OtaDeviceProgress progress(String status, Map<String, String> details, long size) {
        return OtaDeviceProgress.of(new ExecutionInfo("w800", status, 2, 1, details, Instant.EPOCH), size);
    }
}
