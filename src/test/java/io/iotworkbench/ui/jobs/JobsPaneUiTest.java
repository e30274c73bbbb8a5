package io.iotworkbench.ui.jobs;

import io.iotworkbench.app.Workbench;
import io.iotworkbench.jobs.ExecutionInfo;
import io.iotworkbench.jobs.JobSummary;
import io.iotworkbench.ui.PaneStage;
import io.iotworkbench.ui.shell.MainWindow;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real app (Local IoT Core and virtual device wm_demo_1): create a Reboot job and watch it succeed. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class JobsPaneUiTest {

    @TempDir
    static Path home;

    @RegisterExtension
    final PaneStage app = new PaneStage(Workbench.Options.app());
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = app.open(stage, home);
    }

    @Test
    @SuppressWarnings("unchecked")
    void createAJobOnTheVirtualDeviceAndWatchItSucceed(FxRobot robot) throws Exception {
        app.awaitConnected();
        robot.clickOn("Jobs");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#jobs-new");
        WaitForAsyncUtils.waitForFxEvents();
        ListView<String> things = robot.lookup("#create-job-things").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> things.getSelectionModel().getSelectedItems().contains("wm_demo_1"));
        robot.clickOn("#create-job-id").type(KeyCode.END).eraseText(60).write("reboot-ui");
        PaneStage.snapshot(things.getScene(), "jobs-create-dialog");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitForFxEvents();

        TableView<JobSummary> jobs = robot.lookup("#jobs-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> jobs.getItems().stream()
                .anyMatch(j -> j.jobId().equals("reboot-ui") && j.status().equals("COMPLETED")));
        robot.interact(() -> jobs.getSelectionModel().select(jobs.getItems().stream()
                .filter(j -> j.jobId().equals("reboot-ui")).findFirst().orElseThrow()));
        TableView<ExecutionInfo> execs = robot.lookup("#jobs-executions").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> execs.getItems().stream()
                .anyMatch(e -> e.thingName().equals("wm_demo_1") && e.status().equals("SUCCEEDED")));
        robot.interact(() -> execs.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#jobs-history").queryAs(ListView.class).getItems()).isNotEmpty();
        PaneStage.snapshot(window.tabs().getScene(), "jobs-succeeded");
        robot.clickOn("#menu-view").clickOn("#menu-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        PaneStage.snapshot(window.tabs().getScene(), "jobs-succeeded-dark");
        robot.clickOn("#menu-view").clickOn("#menu-theme-light");
    }
}
