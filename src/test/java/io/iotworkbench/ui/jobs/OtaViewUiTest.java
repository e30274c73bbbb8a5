package io.iotworkbench.ui.jobs;

import io.iotworkbench.ui.PaneStage;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.app.Workbench;
import io.iotworkbench.jobs.OtaDeviceProgress;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.serial.flash.WmImageBuilder;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real app on the Local IoT Core: the OTA view checks a file, creates a signed update for the virtual device and
 * two lab things, and shows each device's row mid-update (two lab devices driven through the core's jobs device API)
 * with the virtual board's log; screenshots light and dark at 1280×720.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class OtaViewUiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    @RegisterExtension
    final PaneStage app = new PaneStage(Workbench.Options.app());
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = app.open(stage, home, 1280, 720);
    }

    @Test
    @SuppressWarnings("unchecked")
    void createAnOtaUpdateAndWatchTheDevices(FxRobot robot) throws Exception {
        app.awaitConnected();
        LocalIoTCore core = app.workbench().localCore().ready().get(60, TimeUnit.SECONDS);
        core.registry().createThing("lab_w800_a", null, Map.of());
        core.registry().createThing("lab_w800_b", null, Map.of());
        byte[] body = new byte[262_144];
        new Random(11).nextBytes(body);
        Path file = Files.write(home.resolve("app_v2.1.0.img"), new WmImageBuilder().version("2.1.0").body(body)
                .build());
        Path bad = Files.write(home.resolve("broken.img"), new byte[300]);

        robot.clickOn("Jobs");
        robot.clickOn("OTA updates");
        WaitForAsyncUtils.waitForFxEvents();
        OtaViewModel vm = (OtaViewModel) robot.lookup("#ota-view").query().getUserData();
        Label summary = robot.lookup("#ota-file-summary").queryAs(Label.class);
        robot.interact(() -> vm.chooseFile(bad));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> summary.getText().startsWith("broken.img is not"));
        assertThat(summary.getStyleClass()).contains("form-error");
        assertThat(robot.lookup("#ota-create").queryButton().isDisabled()).isTrue();

        robot.interact(() -> vm.chooseFile(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> summary.getText().contains("application 2.1.0"));
        ListView<String> things = robot.lookup("#ota-things").queryAs(ListView.class);
        robot.interact(vm::loadTargets);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> things.getItems().contains("lab_w800_b"));
        robot.interact(() -> {
            things.getSelectionModel().select("wm_demo_1");
            things.getSelectionModel().select("lab_w800_a");
            things.getSelectionModel().select("lab_w800_b");
        });
        assertThat(vm.selectedThings()).containsExactlyInAnyOrder("wm_demo_1", "lab_w800_a", "lab_w800_b");
        robot.clickOn("#ota-update-id").type(KeyCode.END).eraseText(60).write("fw-2-1-0");
        robot.clickOn("#ota-create");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<OtaViewModel.DeviceRow> devices = robot.lookup("#ota-devices").queryAs(TableView.class);
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> devices.getItems().size() == 3);
        } catch (java.util.concurrent.TimeoutException e) {
            app.snapshot("ota-view-failure");
            throw new AssertionError("no three rows; message: " + vm.messageProperty().get(), e);
        }

        String job = "AFR_OTA-fw-2-1-0";
        core.jobs().deviceApi().startNextPendingJobExecution("lab_w800_a", JSON.createObjectNode());
        core.jobs().deviceApi().updateJobExecution("lab_w800_a", job, JSON.readTree(
                "{\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"progress\":\"40%\",\"blocks\":\"26/65\"}}"));
        core.jobs().deviceApi().startNextPendingJobExecution("lab_w800_b", JSON.createObjectNode());
        core.jobs().deviceApi().updateJobExecution("lab_w800_b", job, JSON.readTree(
                "{\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"self_test\":\"ready\",\"updatedBy\":\"2.1.0\"}}"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> devices.getItems().stream().anyMatch(r ->
                r.progress().stage() == OtaDeviceProgress.Stage.DOWNLOADING && r.progress().blocks() == 26)
                && devices.getItems().stream().anyMatch(r -> r.progress().stage()
                == OtaDeviceProgress.Stage.REBOOTING)
                && devices.getItems().stream().anyMatch(r -> r.thingName().equals("wm_demo_1")
                && r.progress().stage() != OtaDeviceProgress.Stage.QUEUED));
        ListView<String> log = robot.lookup("#ota-serial-log").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> log.getItems().stream()
                .anyMatch(l -> l.contains(job)));
        WaitForAsyncUtils.waitForFxEvents();
        app.snapshot("ota-view-light");
        robot.clickOn("#menu-view").clickOn("#menu-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        app.snapshot("ota-view-dark");
        robot.interact(() -> robot.lookup(".ota-view .scroll-pane").queryAs(javafx.scene.control.ScrollPane.class)
                .setVvalue(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#ota-per-minute").query().isVisible()).isTrue();
        app.snapshot("ota-view-steps-dark");
        robot.clickOn("#menu-view").clickOn("#menu-theme-light");
    }
}
