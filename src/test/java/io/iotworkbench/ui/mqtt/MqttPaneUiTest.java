package io.iotworkbench.ui.mqtt;

import io.iotworkbench.app.Workbench;
import io.iotworkbench.mqtt.MessageExport;
import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.mqtt.TopicSnapshot;
import io.iotworkbench.ui.PaneStage;
import io.iotworkbench.ui.shell.MainWindow;
import javafx.scene.chart.LineChart;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reactfx.Subscription;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MQTT pane in the real window on the Local profile: the Local IoT Core starts, the workbench connects and the
 * virtual device's shadow traffic shows in the tree; open a payload, publish a desired LED colour and see the
 * device's report, chart the temperature, export NDJSON, and snapshot both themes.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class MqttPaneUiTest {

    private static final String UPDATE = "$aws/things/wm_demo_1/shadow/update";

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
    void liveShadowTrafficPayloadPublishChartAndExport(FxRobot robot) throws Exception {
        robot.clickOn("MQTT");
        WaitForAsyncUtils.waitForFxEvents();
        MqttView view = (MqttView) robot.lookup("#mqtt-pane").query().getUserData();
        MqttViewModel vm = view.viewModel();

        waitUntil(60, () -> onFx(() -> vm.tree().item(UPDATE) != null));
        TreeView<TopicSnapshot> tree = robot.lookup("#mqtt-topic-tree").queryAs(TreeView.class);
        robot.interact(() -> {
            TreeItem<TopicSnapshot> item = vm.tree().item(UPDATE);
            for (TreeItem<TopicSnapshot> p = item.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            tree.getSelectionModel().select(item);
            tree.scrollTo(tree.getRow(item));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.selectedPath()).isEqualTo(UPDATE);
        robot.interact(() -> {
            assertThat(tree.getFixedCellSize()).as("rows of one height, not measured one by one").isPositive();
            assertThat(robot.lookup("#mqtt-messages").queryAs(TableView.class).getFixedCellSize()).isPositive();
        });
        assertTreeRowsShowOnlyTheirOwnTopic(robot, tree);
        TableView<ReceivedMessage> table = robot.lookup("#mqtt-messages").queryAs(TableView.class);
        waitUntil(60, () -> onFx(() -> !table.getItems().isEmpty()
                && vm.messages().selectedProperty().get() != null));
        CodeArea json = robot.lookup("#mqtt-payload-json").queryAs(CodeArea.class);
        String jsonText = onFx(json::getText);
        assertThat(jsonText).as(onFx(() -> vm.messages().infoProperty().get() + "\n"
                + vm.messages().textProperty().get())).contains("\"state\"", "\"reported\"", "\"temperature_sensor\"");
        assertThat(onFx(() -> json.getStyleOfChar(json.getText().indexOf("\"state\"") + 1)))
                .contains("json-key");

        robot.interact(() -> {
            vm.publish().topicProperty().set(UPDATE);
            vm.publish().payloadProperty().set("{\"state\":{\"desired\":{\"led\":\"green\"}}}");
        });
        robot.clickOn("#mqtt-pub-send");
        waitUntil(60, () -> app.workbench().pipeline().history(UPDATE, false).stream()
                .map(m -> new String(m.payload(), StandardCharsets.UTF_8))
                .anyMatch(p -> p.contains("\"reported\"") && p.replaceAll("\\s", "").contains("\"led\":\"green\"")));
        assertThat(onFx(() -> vm.publish().history().get(0).payload())).contains("green");
        // the tree view hears no value changes (no cell rebuilds, decision 0028): a second publish changes the
        // topic's value, and the row shown follows its item itself
        waitUntil(60, () -> onFx(() -> vm.tree().item(UPDATE + "/accepted") != null));
        // other topics may still arrive (the device answers the delta), so the check is the item, not the count
        TreeItem<TopicSnapshot> updateItem = onFx(() -> vm.tree().item(UPDATE));
        long before = onFx(() -> vm.tree().item(UPDATE).getValue().ownMessages());
        robot.clickOn("#mqtt-pub-send");
        waitUntil(60, () -> onFx(() -> {
            TreeItem<TopicSnapshot> item = vm.tree().item(UPDATE);
            return item.getValue().ownMessages() > before && tree.lookupAll(".mqtt-topic-cell").stream()
                    .map(n -> (TreeCell<?>) n)
                    .anyMatch(c -> c.getTreeItem() == item && c.getItem() == item.getValue());
        }));
        assertThat(onFx(() -> vm.tree().item(UPDATE))).as("only the value changed").isSameAs(updateItem);
        assertThat(onFx(() -> vm.publish().resultProperty().get())).contains("Published to " + UPDATE);

        // selecting another JSON message writes the JSON view once: its text, then its colours (decision 0030)
        List<Object> rewrites = new ArrayList<>();
        Subscription counting = onFx(() -> json.richChanges().subscribe(rewrites::add));
        int[] chosen = {-1};
        robot.interact(() -> {
            for (int i = table.getItems().size() - 1; i >= 0; i--) {
                if (table.getItems().get(i).topic().equals(UPDATE) && new String(table.getItems().get(i)
                        .payload(), StandardCharsets.UTF_8).contains("temperature_sensor")) {
                    chosen[0] = i;
                    break;
                }
            }
            // first a message whose payload differs, so that the chosen one changes what the view shows
            for (int i = 0; i < table.getItems().size(); i++) {
                if (!Arrays.equals(table.getItems().get(i).payload(),
                        table.getItems().get(chosen[0]).payload())) {
                    table.getSelectionModel().clearAndSelect(i);
                    break;
                }
            }
        });
        robot.interact(rewrites::clear);
        robot.interact(() -> table.getSelectionModel().clearAndSelect(chosen[0]));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(counting::unsubscribe);
        assertThat(rewrites).as("changes of the JSON view for one selection").hasSizeBetween(1, 2);
        robot.interact(() -> {
            JsonLayout.Laid laid = vm.messages().jsonProperty().get();
            int line = laid.linePointers().indexOf("/state/reported/temperature_sensor");
            assertThat(line).as(laid.text() + laid.linePointers()).isPositive();
            String[] lines = laid.text().split("\n", -1);
            int offset = 0;
            for (int i = 0; i < line; i++) {
                offset += lines[i].length() + 1;
            }
            json.moveTo(offset + 4);
        });
        assertThat(robot.lookup("#mqtt-chart-pointer").queryTextInputControl().getText())
                .isEqualTo("/state/reported/temperature_sensor");
        robot.clickOn("#mqtt-chart-field");
        app.reportTemperature();
        app.reportTemperature();
        waitUntil(60, () -> onFx(() -> !vm.chart().series().isEmpty()
                && vm.chart().series().get(0).getData().size() >= 2));
        LineChart<?, ?> chart = robot.lookup("#mqtt-chart").queryAs(LineChart.class);
        assertThat(onFx(() -> chart.getData().size())).isEqualTo(1);

        Path file = home.resolve("shown.ndjson");
        long written = onFx(() -> vm.export(file, MessageExport.Format.NDJSON, true)).get(60, TimeUnit.SECONDS);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize((int) written).isNotEmpty();
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("\"topic\":\"" + UPDATE));
        assertThat(lines).anyMatch(l -> l.contains("temperature_sensor"));

        robot.clickOn("#mqtt-tab-chart");
        WaitForAsyncUtils.waitForFxEvents();
        app.snapshot("mqtt-light-chart");
        robot.clickOn("#mqtt-tab-publish");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            // collapsing leaves rows that showed topics empty: they must show neither text nor arrow
            vm.tree().root().getChildren().forEach(top -> top.setExpanded(false));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTreeRowsShowOnlyTheirOwnTopic(robot, tree);
        robot.interact(() -> vm.tree().root().getChildren().forEach(top -> top.setExpanded(true)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTreeRowsShowOnlyTheirOwnTopic(robot, tree);
        app.snapshot("mqtt-pane-light"); // mqtt-light.png is PresentationUiTest's
        robot.clickOn("#menu-view").clickOn("#menu-theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        app.snapshot("mqtt-pane-dark");
        robot.clickOn("#mqtt-tab-chart");
        robot.clickOn("#mqtt-tab-diff");
        WaitForAsyncUtils.waitForFxEvents();
        TextArea diff = robot.lookup("#mqtt-payload-diff").queryAs(TextArea.class);
        String diffText = onFx(diff::getText);
        assertThat(diffText).isNotBlank();
        app.snapshot("mqtt-dark-chart-diff");
        robot.clickOn("#menu-view").clickOn("#menu-theme-light");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
    }

    /**
     * Tree rows keep their one graphic and hide it when empty (no child swap per update, decision 0028); an empty row
     * shows no arrow of the topic it showed before either.
     */
    private static void assertTreeRowsShowOnlyTheirOwnTopic(FxRobot robot, TreeView<TopicSnapshot> tree) {
        robot.interact(() -> {
            var cells = tree.lookupAll(".mqtt-topic-cell");
            assertThat(cells).isNotEmpty();
            for (var n : cells) {
                var cell = (TreeCell<?>) n;
                boolean filled = !cell.isEmpty() && cell.getItem() != null;
                assertThat(cell.getGraphic()).as("row %s", cell.getIndex()).isNotNull();
                assertThat(cell.getGraphic().isVisible()).as("row %s shown", cell.getIndex()).isEqualTo(filled);
                if (!filled && cell.getDisclosureNode() != null) {
                    assertThat(cell.getDisclosureNode().isVisible()).as("arrow of empty row %s", cell.getIndex())
                            .isFalse();
                }
            }
        });
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }
}
