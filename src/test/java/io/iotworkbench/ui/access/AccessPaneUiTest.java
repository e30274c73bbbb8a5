package io.iotworkbench.ui.access;

import io.iotworkbench.app.Workbench;
import io.iotworkbench.event.Notification;
import io.iotworkbench.localcore.LocalIoTCore;
import io.iotworkbench.localcore.policy.AccessDecision;
import io.iotworkbench.ui.PaneStage;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real app: decisions recorded by the session's Local IoT Core show in the Access tab; a denial is in the
 * activity log; selecting it shows its policy with the deciding statement; the simulator answers. Writes
 * {@code target/screenshots/access-*.png}, light and dark.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class AccessPaneUiTest {

    private static final String POLICY = """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":"iot:Connect",
              "Resource":"arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}"},
             {"Effect":"Allow","Action":["iot:Publish","iot:Receive"],
              "Resource":"arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*"},
             {"Effect":"Deny","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:topic/factory/*"}]}""";

    @TempDir
    static Path home;

    @RegisterExtension
    final PaneStage app = new PaneStage(Workbench.Options.app());
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = app.open(stage, home);
    }

    private static AccessDecision decision(String client, String action, String resource,
                                           AccessDecision.Verdict verdict, int statement, String reason) {
        boolean policy = statement >= 0;
        return new AccessDecision(Instant.now(), "3f9c2b7d41aa", client, client, action, resource, verdict,
                policy ? "wm-device" : null, policy ? "1" : null, statement, policy ? POLICY : null,
                Map.of("iot:Connection.Thing.ThingName", client), reason);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTraceShowsWhyAndTheSimulatorAnswers(FxRobot robot) throws Exception {
        app.awaitConnected();
        LocalIoTCore core = app.workbench().localCore().ready().get();
        AccessDecision.Verdict allow = AccessDecision.Verdict.ALLOWED;
        core.decisions().record(decision("wm_demo_1", "iot:Connect", "client/wm_demo_1", allow, 0,
                "policy wm-device statement 1 allows it"));
        core.decisions().record(decision("wm_demo_1", "iot:Publish", "topic/$aws/things/wm_demo_1/shadow/update",
                allow, 1, "policy wm-device statement 2 allows it"));
        core.decisions().record(decision("wm_demo_1", "iot:Publish", "topic/factory/line1",
                AccessDecision.Verdict.EXPLICIT_DENY, 2, "policy wm-device statement 3 denies it"));
        core.decisions().record(decision("sensor-7", "iot:Subscribe", "topicfilter/#",
                AccessDecision.Verdict.IMPLICIT_DENY, -1, "no statement of the policies attached allows it"));

        ListView<Notification> log = robot.lookup("#activity-log").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> log.getItems().stream()
                .anyMatch(n -> n.text().startsWith("Access denied: client wm_demo_1 iot:Publish on topic/factory/")));

        robot.clickOn("Access");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<AccessDecision> table = robot.lookup("#access-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() >= 4);
        AccessDecision denied = table.getItems().stream().filter(d -> d.resource().equals("topic/factory/line1"))
                .findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(denied));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#access-policy-title").queryAs(Label.class).getText())
                .startsWith("Policy wm-device version 1, statement 3");
        app.snapshot("access-trace");
        robot.clickOn("#menu-view").clickOn("#menu-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        app.snapshot("access-trace-dark");
        robot.clickOn("#menu-view").clickOn("#menu-theme-light");

        robot.clickOn("#access-denied-only");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).extracting(AccessDecision::verdict)
                .doesNotContain(AccessDecision.Verdict.ALLOWED).hasSize(2);

        robot.clickOn("#access-sim-target").write("factory/line1");
        robot.clickOn("#access-sim-test");
        Label result = robot.lookup("#access-sim-result").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !result.getText().isEmpty());
        assertThat(result.getText()).as("the core's simulator, whatever it decides, says it")
                .containsAnyOf("ALLOWED", "DENIED");
        app.snapshot("access-simulator");
        robot.clickOn("#menu-view").clickOn("#menu-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        app.snapshot("access-simulator-dark");
        robot.clickOn("#menu-view").clickOn("#menu-theme-light");
    }
}
