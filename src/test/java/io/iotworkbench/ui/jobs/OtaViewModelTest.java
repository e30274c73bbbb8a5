package io.iotworkbench.ui.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.jobs.OtaDeviceProgress;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.ota.CodeSigner;
import io.iotworkbench.serial.flash.WmImageBuilder;
import io.iotworkbench.testsupport.Wait;
import io.iotworkbench.ui.LocalPaneContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.model.Protocol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OTA view model without a toolkit: direct executors, a real Local IoT Core (temp folder, free ports) reached
 * through the SDK over HTTP; devices act through the core's jobs device API, and the virtual device wm_demo_1 answers
 * for itself.
 */
@Tag("integration")
class OtaViewModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LocalPaneContext panes;
    private LocalIoTCore core;
    private OtaViewModel vm;
    private byte[] image;
    private Path imageFile;

    @BeforeEach
    void start() throws Exception {
        panes = LocalPaneContext.started(dir.resolve("data"));
        core = panes.core();
        vm = new OtaViewModel(panes.context(), Runnable::run);
        byte[] body = new byte[100_000];
        new Random(7).nextBytes(body);
        image = new WmImageBuilder().version("2.1.0").body(body).build();
        imageFile = Files.write(dir.resolve("app_v2.img"), image);
        core.registry().createThing("w800", null, Map.of());
        core.registry().createThing("w801", null, Map.of());
    }

    @AfterEach
    void stop() {
        vm.dispose();
        panes.close();
    }

    private void waitUntil(String what, BooleanSupplier condition) {
        try {
            Wait.untilThen(what, Wait.CAP, condition, vm::poll);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; rows " + vm.devices() + "; log " + vm.serialLog()
                    + "; message " + vm.messageProperty().get(), e);
        }
    }

    private Optional<OtaDeviceProgress> row(String thing) {
        return vm.devices().stream().filter(r -> r.thingName().equals(thing)).map(OtaViewModel.DeviceRow::progress)
                .findFirst();
    }

    private void report(String thing, String jobId, String status, Map<String, String> details) {
        var body = JSON.createObjectNode().put("status", status);
        body.set("statusDetails", JSON.valueToTree(details));
        core.jobs().deviceApi().updateJobExecution(thing, jobId, body);
    }

    @Test
    void badFilesAreRefusedInOneSentenceAndNothingIsCreated() throws Exception {
        byte[] damaged = image.clone();
        damaged[5000] ^= 1;
        vm.chooseFile(Files.write(dir.resolve("damaged.img"), damaged));
        assertThat(vm.imageBadProperty().get()).isTrue();
        assertThat(vm.imageSummaryProperty().get())
                .isEqualTo("damaged.img is damaged: the firmware does not match the checksum in its header.");
        assertThat(vm.errorProperty().get()).isTrue();
        vm.selectedThings().add("w800");
        vm.createUpdate();
        assertThat(vm.messageProperty().get()).startsWith("damaged.img is damaged");
        vm.chooseFile(Files.writeString(dir.resolve("readme.img"), "hello"));
        assertThat(vm.imageSummaryProperty().get()).startsWith("readme.img is cut short");
        assertThat(core.otaUpdates().list(null, null, null).path("otaUpdates")).isEmpty();
        assertThat(core.objects().info(OtaViewModel.LOCAL_BUCKET, "x")).isEmpty();
    }

    @Test
    void createsASignedUpdateAndFollowsEachDeviceFromQueuedToSucceeded() throws Exception {
        vm.start();
        assertThat(vm.signerCertificateProperty().get()).contains("Local code signer").contains("local CA");
        Wait.until("targets", () -> vm.thingChoices().contains("w800"));
        vm.chooseFile(imageFile);
        assertThat(vm.imageSummaryProperty().get()).startsWith("app_v2.img: 1 image, application 2.1.0")
                .contains("CRC OK");
        assertThat(vm.updateIdProperty().get()).startsWith("ota-2_1_0-");
        vm.updateIdProperty().set("fw-210");
        vm.selectedThings().setAll("w800", "w801");
        vm.protocolProperty().set(Protocol.HTTP);
        vm.createUpdate();
        assertThat(vm.messageProperty().get()).isEqualTo("OTA update fw-210 created (job AFR_OTA-fw-210, HTTP)");
        assertThat(vm.watchingProperty().get()).isEqualTo("AFR_OTA-fw-210");

        JsonNode file = JSON.readTree(core.jobs().getJobDocument("AFR_OTA-fw-210").path("document").asText())
                .path("afr_ota").path("files").get(0);
        assertThat(file.path("filesize").asLong()).isEqualTo(image.length);
        assertThat(file.path("update_data_url").asText()).contains(OtaViewModel.LOCAL_BUCKET);
        assertThat(CodeSigner.verify(core.codeSigner().certificate().getPublicKey(), image,
                Base64.getDecoder().decode(file.path("sig-sha256-ecdsa").asText()))).isTrue();
        assertThat(core.objects().readAll(OtaViewModel.LOCAL_BUCKET, "fw-210/app_v2.img")).isEqualTo(image);

        waitUntil("two queued rows", () -> vm.devices().size() == 2
                && row("w800").map(p -> p.stage() == OtaDeviceProgress.Stage.QUEUED).orElse(false));
        core.jobs().deviceApi().startNextPendingJobExecution("w800", JSON.createObjectNode());
        report("w800", "AFR_OTA-fw-210", "IN_PROGRESS", Map.of("blocks", "10/25", "progress", "40%"));
        waitUntil("w800 downloading", () -> row("w800").map(p -> p.stage() == OtaDeviceProgress.Stage.DOWNLOADING
                && p.blocks() == 10).orElse(false));
        assertThat(row("w800").orElseThrow().bytes()).isEqualTo(image.length * 10L / 25);
        report("w800", "AFR_OTA-fw-210", "IN_PROGRESS", Map.of("self_test", "ready", "updatedBy", "2.1.0"));
        waitUntil("w800 rebooting", () -> row("w800").map(p -> p.stage() == OtaDeviceProgress.Stage.REBOOTING)
                .orElse(false));
        report("w800", "AFR_OTA-fw-210", "SUCCEEDED", Map.of("self_test", "active", "reason", "accepted v2.1.0"));
        waitUntil("w800 succeeded", () -> row("w800").map(p -> p.stage() == OtaDeviceProgress.Stage.SUCCEEDED)
                .orElse(false));
        assertThat(row("w800").orElseThrow().fraction()).isEqualTo(1.0);
        assertThat(row("w801").orElseThrow().stage()).isEqualTo(OtaDeviceProgress.Stage.QUEUED);
    }

    @Test
    void cancelAndRetryADevice() throws Exception {
        vm.chooseFile(imageFile);
        vm.updateIdProperty().set("fw-c");
        vm.selectedThings().setAll("w801");
        vm.protocolProperty().set(Protocol.MQTT);
        vm.createUpdate();
        core.jobs().deviceApi().startNextPendingJobExecution("w801", JSON.createObjectNode());
        report("w801", "AFR_OTA-fw-c", "IN_PROGRESS", Map.of("blocks", "3/25"));
        waitUntil("w801 downloading", () -> row("w801").map(p -> p.blocks() == 3).orElse(false));

        vm.cancelDevice(vm.devices().get(0));
        waitUntil("w801 canceled", () -> row("w801").map(p -> p.stage() == OtaDeviceProgress.Stage.CANCELED)
                .orElse(false));
        assertThat(core.jobs().describeJobExecution("w801", "AFR_OTA-fw-c", null).at("/execution/status").asText())
                .isEqualTo("CANCELED");

        vm.retryDevice(vm.devices().get(0));
        assertThat(vm.messageProperty().get()).isEqualTo("Retrying on w801 as OTA update fw-c-retry1");
        waitUntil("w801 queued again", () -> vm.devices().size() == 1
                && vm.devices().get(0).jobId().equals("AFR_OTA-fw-c-retry1")
                && vm.devices().get(0).progress().stage() == OtaDeviceProgress.Stage.QUEUED);
        assertThat(core.otaUpdates().get("fw-c-retry1").at("/otaUpdateInfo/protocols/0").asText()).isEqualTo("MQTT");

        vm.cancelUpdate();
        assertThat(core.jobs().describeJob("AFR_OTA-fw-c-retry1").at("/job/status").asText()).isEqualTo("CANCELED");
    }

    @Test
    void theVirtualBoardsLogIsShownAndAWrongSignatureFaultReachesTheDevice() throws Exception {
        assertThat(vm.faultsAvailable()).isTrue();
        vm.chooseFile(imageFile);
        vm.updateIdProperty().set("fw-bad-sig");
        vm.inject(OtaViewModel.Fault.WRONG_SIGNATURE);
        assertThat(vm.wrongSignatureArmedProperty().get()).isTrue();
        vm.selectedThings().setAll("wm_demo_1");
        vm.createUpdate();
        assertThat(vm.wrongSignatureArmedProperty().get()).as("the fault is used once").isFalse();
        JsonNode file = JSON.readTree(core.jobs().getJobDocument("AFR_OTA-fw-bad-sig").path("document").asText())
                .path("afr_ota").path("files").get(0);
        assertThat(CodeSigner.verify(core.codeSigner().certificate().getPublicKey(), image,
                Base64.getDecoder().decode(file.path("sig-sha256-ecdsa").asText()))).isFalse();

        waitUntil("the virtual device ends the job", () -> row("wm_demo_1").map(p -> p.stage().isFinal())
                .orElse(false));
        assertThat(row("wm_demo_1").orElseThrow().stage()).isEqualTo(OtaDeviceProgress.Stage.FAILED);
        assertThat(vm.serialLogThingProperty().get()).isEqualTo("wm_demo_1");
        waitUntil("its log line", () -> vm.serialLog().stream().anyMatch(l -> l.contains("AFR_OTA-fw-bad-sig")));

        vm.inject(OtaViewModel.Fault.CORRUPT_BLOCK);
        assertThat(vm.messageProperty().get()).isEqualTo("Fault injected: corrupt a block");
        vm.inject(OtaViewModel.Fault.EXPIRED_URL);
        vm.inject(OtaViewModel.Fault.DROP_DOWNLOAD);
        assertThat(vm.messageProperty().get()).isEqualTo("Fault injected: drop mid-download");
    }

    @Test
    void anUpdateFromTheOtaViewToTheDefaultVirtualDeviceSucceeds() throws Exception {
        vm.chooseFile(imageFile);
        vm.updateIdProperty().set("fw-virtual");
        vm.selectedThings().setAll("wm_demo_1");
        vm.createUpdate();

        waitUntil("the virtual device succeeded", () -> row("wm_demo_1").map(p -> p.stage()
                == OtaDeviceProgress.Stage.SUCCEEDED).orElse(false));
        assertThat(core.virtualDevice().orElseThrow().firmwareVersion()).isEqualTo("2.1.0");
        waitUntil("its boot line in the log", () -> vm.serialLog().stream()
                .anyMatch(l -> l.contains("boot: application 2.1.0")));
    }

    @Test
    void aStagedRolloutAndAnAbortShowTheReasonInTheView() throws Exception {
        vm.chooseFile(imageFile);
        vm.updateIdProperty().set("fw-abort");
        vm.selectedThings().setAll("w800", "w801");
        vm.jobControls().perMinuteProperty().set("x");
        vm.createUpdate();
        assertThat(vm.messageProperty().get()).startsWith("Devices per minute and after how many devices are whole");
        assertThat(core.otaUpdates().list(null, null, null).path("otaUpdates")).isEmpty();

        vm.jobControls().perMinuteProperty().set("1");
        vm.jobControls().failedPercentProperty().set("50");
        vm.jobControls().afterDevicesProperty().set("1");
        vm.createUpdate();
        assertThat(core.otaUpdates().get("fw-abort").at("/otaUpdateInfo/awsJobExecutionsRolloutConfig/"
                + "maximumPerMinute").asInt()).isEqualTo(1);
        waitUntil("one device notified, the update in progress", () -> vm.devices().size() == 1
                && vm.updateStateProperty().get().equals("in progress"));

        String first = vm.devices().get(0).thingName();
        core.jobs().deviceApi().startNextPendingJobExecution(first, JSON.createObjectNode());
        report(first, "AFR_OTA-fw-abort", "FAILED", Map.of("reason", "signature check failed"));
        waitUntil("the update aborted", () -> vm.updateStateProperty().get().startsWith("aborted: "));
        assertThat(vm.updateStateProperty().get()).contains("1 of 1 executed things failed, were rejected or "
                + "timed out").contains("50% threshold");
        assertThat(core.jobs().describeJob("AFR_OTA-fw-abort").at("/job/status").asText()).isEqualTo("CANCELED");
        core.jobs().sweepRollouts();
        assertThat(core.jobs().listJobExecutionsForJob("AFR_OTA-fw-abort", null, null, null)
                .path("executionSummaries")).as("the second device is never notified").hasSize(1);
    }

    @Test
    void theSerialLogFollowsTheBoardTheSerialPaneHasOpenAndFallsBackToTheVirtualDevice() throws Exception {
        vm.start();
        waitUntil("the virtual device by default", () -> vm.serialLogThingProperty().get().equals("wm_demo_1"));

        List<java.util.function.Consumer<String>> sinks = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.iotworkbench.session.SerialBoard board = new io.iotworkbench.session.SerialBoard() {
            @Override
            public String name() {
                return "virtual W800 on /tmp/vb/ttyB";
            }

            @Override
            public AutoCloseable follow(java.util.function.Consumer<String> sink) {
                sinks.add(sink);
                return () -> sinks.remove(sink);
            }

            @Override
            public void type(String command) {
                throw new UnsupportedOperationException("the OTA view only reads the board's log");
            }
        };
        panes.session().setSerialBoard(board);
        assertThat(vm.serialLogThingProperty().get()).isEqualTo("virtual W800 on /tmp/vb/ttyB");
        assertThat(sinks).hasSize(1);
        sinks.get(0).accept("[I] (42) ota_demo: Received OTA job AFR_OTA-board");
        waitUntil("the board's line", () -> vm.serialLog().contains("[I] (42) ota_demo: Received OTA job "
                + "AFR_OTA-board"));

        panes.session().setSerialBoard(null);
        assertThat(sinks).as("the board is no longer followed").isEmpty();
        assertThat(vm.serialLogThingProperty().get()).isEqualTo("wm_demo_1");
    }
}
